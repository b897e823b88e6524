// People and their presence, derived from the store: contacts from the
// roster (not for guests: they have no directory) and the people of the
// rooms (occupants seen this session, and members once listed); a person's presence is the
// best of their contact presence and their presence in any room.

import type { AppState } from '../store.js';
import { localOf, unescapeLocal } from '../xmpp/jid.js';

export type Presence = 'online' | 'busy' | 'away' | 'offline';

const RANK: Record<Presence, number> = { online: 3, busy: 2, away: 1, offline: 0 };

/** An XMPP <show/> (or 'online'/'offline') as one of the states the client shows. */
export function presenceFromShow(show: string | undefined): Presence {
  if (show === 'offline') return 'offline';
  if (show === 'away' || show === 'xa') return 'away';
  if (show === 'dnd') return 'busy';
  return 'online';
}

export function bestPresence(list: readonly Presence[]): Presence {
  return list.reduce<Presence>((best, p) => (RANK[p] > RANK[best] ? p : best), 'offline');
}

type PeopleState = Pick<AppState, 'rooms' | 'roster' | 'contactPresence' | 'jid' | 'isGuest' | 'roomPeople'>;

export function presenceOf(state: Pick<AppState, 'rooms' | 'contactPresence'>, jid: string): Presence {
  const shows = Object.values(state.contactPresence[jid] ?? {}).map(presenceFromShow);
  for (const room of Object.values(state.rooms)) for (const o of Object.values(room.occupants)) if (o.jid === jid) shows.push(presenceFromShow(o.show));
  return bestPresence(shows);
}

export interface Person {
  jid: string;
  name: string;
  presence: Presence;
  /** In the roster (a contact), not only met in a room. */
  contact: boolean;
}

export function peopleOf(state: PeopleState, lang: string): Person[] {
  const me = state.jid.split('/')[0] ?? '';
  const names = new Map<string, string>();
  const contacts = new Set<string>();
  if (!state.isGuest) {
    for (const c of Object.values(state.roster)) {
      if (c.subscription === 'remove') continue;
      contacts.add(c.jid);
      names.set(c.jid, c.name ?? unescapeLocal(localOf(c.jid)));
    }
  }
  for (const [jid, nick] of Object.entries(state.roomPeople)) if (!names.has(jid)) names.set(jid, nick);
  for (const room of Object.values(state.rooms)) {
    for (const o of Object.values(room.occupants)) if (o.jid && !names.has(o.jid)) names.set(o.jid, o.nick);
    for (const m of room.members) if (!names.has(m.jid)) names.set(m.jid, m.nick ?? unescapeLocal(localOf(m.jid)));
  }
  names.delete(me);
  return [...names]
    .map(([jid, name]) => ({ jid, name, presence: presenceOf(state, jid), contact: contacts.has(jid) }))
    .sort((a, b) => RANK[b.presence] - RANK[a.presence] || a.name.localeCompare(b.name, lang));
}
