// Rights and their presets (DESIGN.md): read, write, modify (own messages,
// pins, comments), delete (others' messages, remove members and guests),
// rename, invite, admin (manage rights). Presets: Reader = read;
// Author = read+write+modify; Administrator = all. Members with no grant
// get Author.

import { AppError } from '../core/errors.js';
import { RIGHT_NAMES } from '../store/teamchat-types.js';
import type { RightName, Rights } from '../store/teamchat-types.js';

export const NO_RIGHTS: Rights = { read: false, write: false, modify: false, delete: false, rename: false, invite: false, admin: false };
export const READER: Rights = { ...NO_RIGHTS, read: true };
export const AUTHOR: Rights = { ...READER, write: true, modify: true };
export const ADMINISTRATOR: Rights = { read: true, write: true, modify: true, delete: true, rename: true, invite: true, admin: true };
export const DEFAULT_MEMBER_RIGHTS = AUTHOR;

export const PRESETS = { reader: READER, author: AUTHOR, administrator: ADMINISTRATOR } as const;
export type PresetName = keyof typeof PRESETS;

export function union(a: Rights, b: Rights): Rights {
  return Object.fromEntries(RIGHT_NAMES.map((right) => [right, a[right] || b[right]])) as Rights;
}

export function rightsList(rights: Rights): RightName[] {
  return RIGHT_NAMES.filter((right) => rights[right]);
}

/** Parses a preset name or a list of right names; throws bad-request naming the unknown right. */
export function parseRights(input: PresetName | readonly string[]): Rights {
  if (typeof input === 'string') {
    // Own keys only: "toString" or "constructor" would otherwise come from Object.prototype.
    const preset = Object.hasOwn(PRESETS, input) ? PRESETS[input] : undefined;
    if (!preset) throw new AppError('bad-request', `Unknown preset "${input}": use reader, author or administrator`);
    return preset;
  }
  const rights = { ...NO_RIGHTS };
  for (const name of input) {
    if (!(RIGHT_NAMES as readonly string[]).includes(name)) throw new AppError('bad-request', `Unknown right "${name}": rights are ${RIGHT_NAMES.join(', ')}`);
    rights[name as RightName] = true;
  }
  // Every right implies being able to read the room.
  if (RIGHT_NAMES.some((r) => rights[r])) rights.read = true;
  return rights;
}

/** The preset these rights are exactly, if any (for display). */
export function presetOf(rights: Rights): PresetName | undefined {
  return (Object.keys(PRESETS) as PresetName[]).find((name) => RIGHT_NAMES.every((r) => PRESETS[name][r] === rights[r]));
}
