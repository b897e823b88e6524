// Presets of rights as the domain layer defines them (server/domain/rights-model.ts):
// Reader = read; Author = read + write + modify; Administrator = every right.
// Pure, for the rights editor and its unit test.

import type { GrantInput } from './api/endpoints.js';
import { PRESET_NAMES, RIGHT_NAMES } from './api/types.js';
import type { PresetName, Rights } from './api/types.js';

export const NO_RIGHTS: Rights = { read: false, write: false, modify: false, delete: false, rename: false, invite: false, admin: false };
export const PRESET_RIGHTS: Record<PresetName, Rights> = {
  reader: { ...NO_RIGHTS, read: true },
  author: { ...NO_RIGHTS, read: true, write: true, modify: true },
  administrator: { read: true, write: true, modify: true, delete: true, rename: true, invite: true, admin: true },
};

export function presetOf(rights: Rights): PresetName | undefined {
  return PRESET_NAMES.find((name) => RIGHT_NAMES.every((right) => PRESET_RIGHTS[name][right] === rights[right]));
}

/** What the API takes: the preset when the rights are exactly one, else the list. */
export function inputOf(rights: Rights): GrantInput {
  const preset = presetOf(rights);
  return preset ? { preset } : { rights: RIGHT_NAMES.filter((right) => rights[right]) };
}

/** Every right implies reading the room (the server applies the same rule). */
export function withRead(rights: Rights): Rights {
  return RIGHT_NAMES.some((right) => rights[right]) ? { ...rights, read: true } : rights;
}
