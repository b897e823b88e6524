import { describe, expect, it } from 'vitest';
import { roomSections } from './room-sections.js';
import { emptyRoom } from '../store.js';
import type { RoomState } from '../store.js';

function room(jid: string, name: string, kind?: 'group' | 'private', group?: string): RoomState {
  return { ...emptyRoom(jid, name), kind, group };
}

describe('roomSections', () => {
  it('puts rooms under their group, groups by name, then private rooms, then unknown ones', () => {
    const sections = roomSections(
      [room('a@c', 'Zèbre', 'group', 'Ventes'), room('b@c', 'Général', 'group', 'Atelier'), room('c@c', 'Apéro', 'private'), room('d@c', 'Annonces', 'group', 'Ventes'), room('e@c', 'Inconnu')],
      'fr',
    );
    expect(sections.map((s) => [s.key, s.rooms.map((r) => r.name)])).toEqual([
      ['group:Atelier', ['Général']],
      ['group:Ventes', ['Annonces', 'Zèbre']],
      ['private', ['Apéro']],
      ['other', ['Inconnu']],
    ]);
  });

  it('shows no empty section', () => {
    expect(roomSections([room('c@c', 'Apéro', 'private')], 'en').map((s) => s.kind)).toEqual(['private']);
    expect(roomSections([], 'en')).toEqual([]);
  });
});
