// Changing nickname in a room (XEP-0045 §7.6) without leaving it: everyone
// gets the unavailable presence of the old nick with status 303 and the new
// nick, then the available presence of the new one (110 for the changer's
// own sessions). No history or subject is sent again. When the account is
// in the room from several sessions, only the session that asked moves: it
// joins the account's occupant under the new nick, or a new one.
// https://xmpp.org/extensions/xep-0045.html#changenick

import { broadcastPresence, occupantPresence } from './presence.js';
import type { LiveRoom } from './room.js';

/** The caller checked the new nick is free or held by the same account. */
export function changeNick(live: LiveRoom, fullJid: string, nick: string, presence: string): void {
  const occupant = live.occupantOf(fullJid);
  if (!occupant || occupant.nick === nick) return;
  const target = live.occupantByNick(nick);
  if (occupant.sessions.size === 1 && !target) {
    broadcastPresence(live, occupant, { type: 'unavailable', statuses: [303], newNick: nick });
    live.rename(occupant, nick);
    occupant.sessions.set(fullJid, presence);
    broadcastPresence(live, occupant);
    return;
  }
  // One session of several moves, or the session joins the account's other nick.
  live.sendTo(fullJid, occupantPresence(live.jid, occupant, { type: 'unavailable', statuses: [110, 303], newNick: nick }));
  const gone = live.removeSession(fullJid);
  if (gone) for (const other of live.occupants()) live.sendToOccupant(other, occupantPresence(live.jid, gone, { type: 'unavailable', statuses: [303], newNick: nick }));
  const moved = target ?? occupant.sibling(nick);
  live.add(moved, fullJid, presence);
  if (target) live.sendTo(fullJid, occupantPresence(live.jid, target, { statuses: [110] }));
  else broadcastPresence(live, moved);
}
