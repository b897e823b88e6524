// The left column's sections: one per group (its rooms under the group's
// name), then the private rooms, then rooms whose kind is not known yet.

import type { RoomState } from '../store.js';

export interface RoomSection {
  /** 'group:<name>', 'private' or 'other'. */
  key: string;
  kind: 'group' | 'private' | 'other';
  /** The group's name (group sections only). */
  title?: string;
  rooms: RoomState[];
}

export function roomSections(rooms: readonly RoomState[], lang: string): RoomSection[] {
  const byName = (a: RoomState, b: RoomState): number => a.name.localeCompare(b.name, lang);
  const groups = new Map<string, RoomState[]>();
  const privates: RoomState[] = [];
  const others: RoomState[] = [];
  for (const room of rooms) {
    if (room.kind === 'direct') continue; // listed apart (chat/direct.ts)
    if (room.kind === 'group' && room.group) groups.set(room.group, [...(groups.get(room.group) ?? []), room]);
    else if (room.kind === 'private') privates.push(room);
    else others.push(room);
  }
  const sections: RoomSection[] = [...groups.keys()]
    .sort((a, b) => a.localeCompare(b, lang))
    .map((name) => ({ key: `group:${name}`, kind: 'group', title: name, rooms: (groups.get(name) ?? []).sort(byName) }));
  if (privates.length) sections.push({ key: 'private', kind: 'private', rooms: privates.sort(byName) });
  if (others.length) sections.push({ key: 'other', kind: 'other', rooms: others.sort(byName) });
  return sections;
}
