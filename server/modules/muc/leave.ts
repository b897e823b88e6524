// Leaving a room (XEP-0045 §7.14): unavailable presence, 110 to the leaving
// session; the others see the occupant leave once its last session has.
// Also used when a session ends without leaving, and for removals (307 kick,
// 321 membership lost, 332 service stopped).
// https://xmpp.org/extensions/xep-0045.html#exit

import type { StanzaEvent } from '../../core/hooks.js';
import type { Occupant } from './occupant.js';
import { broadcastPresence, occupantPresence } from './presence.js';
import type { PresenceOptions } from './presence.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

export function leaveSession(state: MucState, live: LiveRoom, fullJid: string, options: Omit<PresenceOptions, 'type'> = {}): void {
  const occupant = live.occupantOf(fullJid);
  if (!occupant) return;
  const gone = live.removeSession(fullJid);
  live.sendTo(fullJid, occupantPresence(live.jid, occupant, { ...options, type: 'unavailable', statuses: [110, ...(options.statuses ?? [])] }));
  if (gone) {
    const presence = occupantPresence(live.jid, occupant, { ...options, type: 'unavailable' });
    live.broadcast(presence);
  }
  state.registry.dropIfEmpty(live);
}

/** Removes every session of an occupant (kick, lost access) with the given status codes. */
export function removeOccupant(state: MucState, live: LiveRoom, occupant: Occupant, options: Omit<PresenceOptions, 'type'>): void {
  const fullJids = [...occupant.sessions.keys()];
  broadcastPresence(live, occupant, { ...options, type: 'unavailable' });
  for (const fullJid of fullJids) live.removeSession(fullJid);
  state.registry.dropIfEmpty(live);
}

export function handleLeave(state: MucState, event: StanzaEvent): void {
  const fullJid = event.origin?.jid?.full;
  if (!fullJid || !event.to.local) return;
  const live = state.registry.all().find((room) => room.jid === event.to.bare);
  if (live) leaveSession(state, live, fullJid);
}

/** A session that ended leaves every room it was in. */
export function leaveAll(state: MucState, fullJid: string): void {
  for (const live of state.registry.all()) if (live.occupantOf(fullJid)) leaveSession(state, live, fullJid);
}
