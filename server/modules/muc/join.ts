// Entering a room (XEP-0045 §7.2): checks, nick conflicts, creation of a
// private room by joining an address that does not exist (§10.1, status 201),
// then occupants' presences, self-presence (110, 100 non-anonymous, 170
// logged), history and subject, in that order. A presence under another nick
// from a joined session is a nick change (§7.6, nick-change.ts).
// https://xmpp.org/extensions/xep-0045.html#enter

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { el } from '../../xmpp/stanza.js';
import { checkAccess } from './access.js';
import { historyStanzas, parseHistory } from './history.js';
import { Occupant, occupantIdFor } from './occupant.js';
import { occupantPresence, presencePayload } from './presence.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';
import { changeNick } from './nick-change.js';

const MAX_NICK = 64;

export async function handleJoin(state: MucState, event: StanzaEvent): Promise<void> {
  const { ctx, registry } = state;
  const { origin, stanza, to } = event;
  const fullJid = origin?.jid?.full;
  if (!origin?.account || !fullJid || !to.local) return;
  // The session's Account was read at login; policies may have changed since.
  const account = (await ctx.services.repos.accounts.get(origin.account.id)) ?? origin.account;
  const nick = to.resource;
  let attached: LiveRoom | undefined;
  try {
    if (!nick || [...nick].length > MAX_NICK) throw new AppError('jid-malformed', 'Join with a nickname: room@service/nick');
    if (!(await ctx.services.policies.isServiceRunning())) throw new AppError('service-unavailable', 'TeamChat is stopped on this server for now.');
    let found = await registry.find(to.local, to.domain);
    let created = false;
    if (!found) {
      if (account.kind === 'guest') throw new AppError('not-allowed', 'Guests cannot create rooms: ask a member of the organisation to invite you to a room');
      const domain = to.domain.slice('conference.'.length);
      if (domain !== account.domain) throw new AppError('item-not-found', `You can only create rooms on conference.${account.domain}`);
      const room = await ctx.services.rooms.createPrivateRoomAt(account, to.local);
      found = registry.attach(room);
      created = true;
    }
    const live = registry.attach(found.room);
    attached = live;
    live.joining += 1;
    const access = await checkAccess(ctx.services, live.room, account);
    await live.serial(async () => {
      const taken = live.occupantByNick(nick);
      if (taken && taken.account.id !== account.id) throw new AppError('conflict', 'That nickname is used by someone else in this room');
      const previous = live.occupantOf(fullJid);
      if (previous && previous.nick === nick) {
        // Already joined: a presence update (show/status), not a new join (§7.7).
        previous.sessions.set(fullJid, presencePayload(stanza));
        for (const other of live.occupants()) if (other !== previous) live.sendToOccupant(other, occupantPresence(live.jid, previous));
        live.sendToOccupant(previous, occupantPresence(live.jid, previous, { statuses: [110] }));
        return;
      }
      // §7.6: a nick change, in place (the room must not empty and be dropped on the way).
      if (previous) return changeNick(live, fullJid, nick, presencePayload(stanza));
      await enter(state, live, { nick, fullJid, accountAccess: access, created, presence: presencePayload(stanza), account, historyFrom: stanza });
    });
  } catch (error) {
    if (!isAppError(error)) ctx.log.error('joining a room failed', { error, room: to.bare });
    const reply = isAppError(error) ? error : new AppError('internal-server-error', 'The room could not be joined; please try again');
    const errorPresence = el('presence', { from: to.full, to: fullJid, type: 'error', id: stanza.attrs.id });
    errorPresence.cnode(el('x', { xmlns: 'http://jabber.org/protocol/muc' }));
    errorPresence.cnode(el('error', { type: errorType(reply.condition) }, el(reply.condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), reply.text ? el('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, reply.text) : null));
    origin.send(errorPresence);
  } finally {
    // A refused join must not keep an empty room loaded.
    if (attached) {
      attached.joining -= 1;
      registry.dropIfEmpty(attached);
    }
  }
}

function errorType(condition: string): string {
  if (condition === 'forbidden' || condition === 'registration-required' || condition === 'not-authorized') return 'auth';
  if (condition === 'jid-malformed' || condition === 'bad-request') return 'modify';
  if (condition === 'service-unavailable') return 'wait';
  return 'cancel';
}

interface Entry {
  nick: string;
  fullJid: string;
  account: Occupant['account'];
  accountAccess: { rights: Occupant['rights']; member: boolean };
  created: boolean;
  presence: string;
  historyFrom: import('../../xmpp/stanza.js').Element;
}

async function enter(state: MucState, live: LiveRoom, entry: Entry): Promise<void> {
  const { ctx } = state;
  const existing = live.occupantByNick(entry.nick);
  const occupant = existing ?? new Occupant(entry.nick, entry.account, occupantIdFor(state.secret, live.room.id, entry.account.id), entry.accountAccess.rights, live.room.archived, entry.accountAccess.member);
  if (existing) existing.update(entry.accountAccess.rights, live.room.archived, entry.accountAccess.member);
  const history = await historyStanzas(ctx.services.repos.archive, live.room.id, live.jid, parseHistory(entry.historyFrom, ctx.services.clock.now()));
  for (const other of live.occupants()) {
    if (other !== occupant) live.sendTo(entry.fullJid, occupantPresence(live.jid, other));
  }
  live.add(occupant, entry.fullJid, entry.presence);
  const statuses = [100, 170, ...(entry.created ? [201] : [])];
  // Status codes about the room (100, 170, 201) go to the joining session only.
  if (!existing) for (const other of live.occupants()) if (other !== occupant) live.sendToOccupant(other, occupantPresence(live.jid, occupant));
  live.sendTo(entry.fullJid, occupantPresence(live.jid, occupant, { statuses: [110, ...statuses] }));
  for (const message of history) live.sendTo(entry.fullJid, message);
  const room = live.room;
  const subjectFrom = room.subjectBy ? `${live.jid}/${room.subjectBy}` : live.jid;
  live.sendTo(entry.fullJid, el('message', { from: subjectFrom, type: 'groupchat', id: `subject-${room.id}` }, el('subject', null, room.subject ?? '')));
}
