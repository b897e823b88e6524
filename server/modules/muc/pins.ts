// Room pins, Causerie's own namespace `urn:causerie:pins:0` (docs/XMPP.md
// "Pins"): iq set <pin id/> / <unpin id/> to the room with the modify right,
// iq get <pins/> lists them (read right) with each message. Every change is
// announced to the occupants by a body-less groupchat message carrying
// <pinned/> or <unpinned/>; announcements are not archived (the list is the
// state; clients fetch it when they join).

import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { Account, ArchiveOwner } from '../../store/types.js';
import { NS_DELAY, NS_FORWARD } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { storedStanza } from '../mam/render.js';
import { idOf, liveTarget, requireRight } from './message-plan.js';
import { NS_PINS } from './namespaces.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

function bareJidOf(account: Account): string {
  return `${account.localpart}@${account.domain}`;
}

/** Sends the announcement after the room's pending deliveries, so order holds. */
function announce(live: LiveRoom, change: Element): void {
  live.afterCommit(Promise.resolve(), () => live.broadcast(el('message', { from: live.jid, type: 'groupchat', id: randomUUID() }, change)), () => undefined);
}

/** Unpins a message that is no longer there (retracted or moderated). */
export async function dropPin(state: MucState, live: LiveRoom, stanzaId: string): Promise<void> {
  if (await state.ctx.services.repos.pins.remove(live.room.id, stanzaId)) {
    announce(live, el('unpinned', { xmlns: NS_PINS, id: stanzaId, at: state.ctx.services.clock.now().toISOString() }));
  }
}

async function listPins(state: MucState, live: LiveRoom): Promise<Element> {
  const { repos } = state.ctx.services;
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  const list = el('pins', { xmlns: NS_PINS });
  for (const pin of await repos.pins.list(live.room.id)) {
    const by = pin.pinnedBy === null ? undefined : await repos.accounts.get(pin.pinnedBy);
    const item = el('pin', { id: pin.stanzaId, by: by ? bareJidOf(by) : undefined, at: pin.createdAt.toISOString() });
    const message = await repos.archive.getByStanzaId(owner, pin.stanzaId);
    const stanza = message && !message.retracted ? storedStanza(message) : undefined;
    if (message && stanza) item.cnode(el('forwarded', { xmlns: NS_FORWARD }, el('delay', { xmlns: NS_DELAY, stamp: message.timestamp.toISOString() }), stanza));
    list.cnode(item);
  }
  return list;
}

/** Answers iqs in the pins namespace; false for other namespaces. */
export async function handlePinsIq(state: MucState, live: LiveRoom, origin: ClientSession, account: Account, stanza: Element, payload: Element): Promise<boolean> {
  if (payload.attrs.xmlns !== NS_PINS) return false;
  const type = stanza.attrs.type;
  if (type === 'get' && payload.name === 'pins') {
    origin.send(iqResult(stanza, await listPins(state, live)));
    return true;
  }
  if (type !== 'set' || (payload.name !== 'pin' && payload.name !== 'unpin')) throw new AppError('bad-request', 'Use iq get <pins/>, or iq set <pin id/> or <unpin id/>');
  if (live.room.archived) throw new AppError('forbidden', `${live.room.name} is archived: it stays readable, pins stay as they are`);
  const rights = await state.ctx.services.rooms.rights(live.room, account);
  requireRight(rights, 'modify', `You need the modify right to ${payload.name} messages in ${live.room.name}`);
  const id = idOf(payload, payload.name === 'pin' ? 'A pin' : 'An unpin');
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  const now = state.ctx.services.clock.now();
  const change = { xmlns: NS_PINS, id, by: bareJidOf(account), at: now.toISOString() };
  await live.serial(async () => {
    if (payload.name === 'pin') {
      await liveTarget(state.ctx.services.repos.archive, owner, id);
      // Pinning twice is not an error; only the first pin is announced.
      if (await state.ctx.services.repos.pins.add({ roomId: live.room.id, stanzaId: id, pinnedBy: account.id, createdAt: now })) announce(live, el('pinned', change));
    } else {
      if (!(await state.ctx.services.repos.pins.remove(live.room.id, id))) throw new AppError('item-not-found', 'This message is not pinned');
      announce(live, el('unpinned', change));
    }
  });
  origin.send(iqResult(stanza));
  return true;
}
