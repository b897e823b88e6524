import { describe, expect, it } from 'vitest';
import { peopleOf, presenceFromShow, presenceOf } from './people.js';
import { emptyRoom } from '../store.js';

const room = {
  ...emptyRoom('r@conference.x'),
  occupants: {
    Bob: { nick: 'Bob', jid: 'bob@x', role: 'participant', affiliation: 'member', show: 'away' },
    Anna: { nick: 'Anna', jid: 'anna@x', role: 'participant', affiliation: 'member', show: 'online' },
  },
  members: [{ jid: 'dora@x', affiliation: 'member' }],
};

describe('presence', () => {
  it('maps XMPP show values', () => {
    expect(['online', 'chat', 'away', 'xa', 'dnd', 'offline', undefined].map(presenceFromShow)).toEqual(['online', 'online', 'away', 'away', 'busy', 'offline', 'online']);
  });

  it('takes the best of contact presence and room presence', () => {
    const state = { rooms: { [room.jid]: room }, contactPresence: { 'bob@x': { web: 'online', phone: 'offline' } } };
    expect(presenceOf(state, 'bob@x')).toBe('online');
    expect(presenceOf({ ...state, contactPresence: {} }, 'bob@x')).toBe('away');
    expect(presenceOf(state, 'nobody@x')).toBe('offline');
  });
});

describe('peopleOf', () => {
  const state = {
    jid: 'anna@x/web',
    isGuest: false,
    rooms: { [room.jid]: room },
    roster: { 'carl@x': { jid: 'carl@x', subscription: 'both' }, 'eve@x': { jid: 'eve@x', name: 'Ève', subscription: 'both' } },
    contactPresence: { 'eve@x': { web: 'online' } },
    roomPeople: { 'finn@x': 'Finn' },
  };

  it('lists contacts and room people without me, online first then by name', () => {
    expect(peopleOf(state, 'fr').map((p) => `${p.name}:${p.presence}:${p.contact ? 'contact' : 'room'}`)).toEqual(['Ève:online:contact', 'Bob:away:room', 'carl:offline:contact', 'dora:offline:room', 'Finn:offline:room']);
  });

  it('gives guests no directory: only the people of their rooms', () => {
    expect(peopleOf({ ...state, isGuest: true }, 'fr').map((p) => p.jid)).toEqual(['bob@x', 'dora@x', 'finn@x']);
  });
});
