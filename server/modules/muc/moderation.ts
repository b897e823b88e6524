// XEP-0425 Moderated Message Retraction (v0.3, `urn:xmpp:message-moderate:1`):
// iq set <moderate id='room stanza id'><retract xmlns='urn:xmpp:message-retract:1'/>
// <reason/>?</moderate> to the room, with the delete right. The room
// archives and broadcasts a retraction from the room naming the moderator
// (<moderated by occupant-id/>), and tombstones the message (and its
// corrections) with the same information.
// https://xmpp.org/extensions/xep-0425.html

import { AppError } from '../../core/errors.js';
import type { Account, ArchiveOwner } from '../../store/types.js';
import { NS_MESSAGE_RETRACT, NS_SID } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { newStanzaId } from '../mam/archiving.js';
import { idOf, liveTarget, requireRight } from './message-plan.js';
import { NS_MODERATE, NS_OCCUPANT_ID } from './namespaces.js';
import { occupantIdFor } from './occupant.js';
import { tombstone } from './retraction.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

const MAX_REASON = 1000;

export async function handleModerate(state: MucState, live: LiveRoom, origin: ClientSession, account: Account, stanza: Element, moderate: Element): Promise<void> {
  if (stanza.attrs.type !== 'set') throw new AppError('bad-request', 'Moderation is an iq set');
  const rights = await state.ctx.services.rooms.rights(live.room, account);
  requireRight(rights, 'delete', `You need the delete right to moderate messages in ${live.room.name}`);
  const id = idOf(moderate, 'A moderation');
  if (!moderate.getChild('retract', NS_MESSAGE_RETRACT)) throw new AppError('bad-request', 'Say what to do: <retract xmlns="urn:xmpp:message-retract:1"/>');
  const reason = moderate.getChildText('reason')?.trim() ?? '';
  if (reason.length > MAX_REASON) throw new AppError('bad-request', `The reason is longer than ${MAX_REASON} characters`);
  const { ctx } = state;
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  const self = live.occupantOf(origin.jid?.full ?? '');
  const by = self ? `${live.jid}/${self.nick}` : live.jid;
  const moderated = (): Element => el('moderated', { xmlns: NS_MODERATE, by }, el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: occupantIdFor(state.secret, live.room.id, account.id) }));
  const withReason = (parent: Element): Element => (reason === '' ? parent : parent.cnode(el('reason', null, reason)).up());

  await live.serial(async () => {
    const target = await liveTarget(ctx.services.repos.archive, owner, id);
    const stanzaId = newStanzaId();
    const now = ctx.services.clock.now();
    const broadcast = el('message', { from: live.jid, type: 'groupchat', id: stanzaId }, withReason(el('retract', { xmlns: NS_MESSAGE_RETRACT, id: target.stanzaId }, moderated())), el('stanza-id', { xmlns: NS_SID, by: live.jid, id: stanzaId }));
    const committed = ctx.durable
      .write({
        archive: [
          {
            owner,
            stanzaId,
            originId: null,
            withJid: `${account.localpart}@${account.domain}`,
            fromJid: live.jid,
            senderAccountId: account.id,
            senderName: self?.nick ?? null,
            body: null,
            stanza: broadcast.toString(),
            timestamp: now,
            appliesTo: { stanzaId: target.stanzaId, kind: 'moderation' },
          },
        ],
      })
      .then(() => tombstone(state, live, target, () => withReason(el('retracted', { xmlns: NS_MESSAGE_RETRACT, stamp: now.toISOString() }, moderated()))));
    live.afterCommit(
      committed,
      () => {
        live.broadcast(broadcast);
        origin.send(iqResult(stanza));
      },
      (error) => {
        ctx.log.error('moderating a room message failed', { error, room: live.jid });
        ctx.router.reply(origin, stanza, new AppError('internal-server-error', 'The message could not be moderated; please try again'));
      },
    );
  });
}
