// Occupant presences as the room sends them: the occupant's own show/status,
// the muc#user item (affiliation, role, real JID: rooms are non-anonymous)
// and status codes. https://xmpp.org/extensions/xep-0045.html#enter-pres
// XEP-0421 occupant-id on every presence from an occupant.

import { parse } from 'ltx';
import { NS_MUC_USER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { NS_OCCUPANT_ID } from './namespaces.js';
import type { Occupant } from './occupant.js';

/** The parts of a client's presence a room repeats: show, status, priority-less. */
export function presencePayload(stanza: Element): string {
  return stanza
    .getChildElements()
    .filter((child) => child.name === 'show' || child.name === 'status')
    .map((child) => child.toString())
    .join('');
}

export interface PresenceOptions {
  type?: 'unavailable';
  statuses?: number[];
  reason?: string;
  actor?: string;
  /** The new nick on the unavailable presence of a nick change (status 303, §7.6). */
  newNick?: string;
}

export function occupantPresence(roomJid: string, occupant: Occupant, options: PresenceOptions = {}): Element {
  const presence = el('presence', { from: `${roomJid}/${occupant.nick}`, type: options.type });
  if (!options.type) {
    const payload = [...occupant.sessions.values()][0] ?? '';
    if (payload) for (const child of parse(`<p>${payload}</p>`).getChildElements()) presence.cnode(child);
  }
  const item = el('item', { affiliation: occupant.affiliation, role: options.type ? 'none' : occupant.role, jid: occupant.bareJid, nick: options.newNick });
  if (options.actor) item.cnode(el('actor', { nick: options.actor }));
  if (options.reason) item.cnode(el('reason', null, options.reason));
  const x = el('x', { xmlns: NS_MUC_USER }, item);
  for (const code of options.statuses ?? []) x.cnode(el('status', { code: String(code) }));
  presence.cnode(x);
  presence.cnode(el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: occupant.occupantId }));
  return presence;
}

/** Sends the occupant's presence to everyone; its own sessions get status 110 added. */
export function broadcastPresence(room: { jid: string; occupants(): Iterable<Occupant>; sendToOccupant(o: Occupant, s: Element): void }, occupant: Occupant, options: PresenceOptions = {}): void {
  const others = occupantPresence(room.jid, occupant, options);
  const self = occupantPresence(room.jid, occupant, { ...options, statuses: [110, ...(options.statuses ?? [])] });
  for (const other of room.occupants()) if (other !== occupant) room.sendToOccupant(other, others);
  room.sendToOccupant(occupant, self);
}
