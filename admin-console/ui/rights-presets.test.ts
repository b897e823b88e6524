import { describe, expect, it } from 'vitest';
import { NO_RIGHTS, PRESET_RIGHTS, inputOf, presetOf, withRead } from './rights-presets.js';

describe('rights presets', () => {
  it('recognises the presets and sends them by name', () => {
    expect(presetOf(PRESET_RIGHTS.reader)).toBe('reader');
    expect(inputOf({ ...NO_RIGHTS, read: true, write: true, modify: true })).toEqual({ preset: 'author' });
    expect(inputOf(PRESET_RIGHTS.administrator)).toEqual({ preset: 'administrator' });
  });

  it('sends any other set as the list of rights', () => {
    const custom = { ...PRESET_RIGHTS.author, invite: true };
    expect(presetOf(custom)).toBeUndefined();
    expect(inputOf(custom)).toEqual({ rights: ['read', 'write', 'modify', 'invite'] });
    expect(inputOf(NO_RIGHTS)).toEqual({ rights: [] });
  });

  it('adds read to any non-empty set, like the server', () => {
    expect(withRead({ ...NO_RIGHTS, rename: true })).toEqual({ ...NO_RIGHTS, rename: true, read: true });
    expect(withRead(NO_RIGHTS)).toEqual(NO_RIGHTS);
  });
});
