import { describe, expect, it } from 'vitest';
import { ADMINISTRATOR, AUTHOR, NO_RIGHTS, READER } from '../../domain/rights-model.js';
import { affiliationOf, roleOf } from './roles.js';

describe('roles from rights', () => {
  it('maps presets to XEP-0045 roles', () => {
    expect(roleOf(ADMINISTRATOR, false)).toBe('moderator');
    expect(roleOf({ ...AUTHOR, delete: true }, false)).toBe('moderator');
    expect(roleOf(AUTHOR, false)).toBe('participant');
    expect(roleOf(READER, false)).toBe('visitor');
    expect(roleOf(NO_RIGHTS, false)).toBe('none');
  });

  it('makes writers visitors in an archived room', () => {
    expect(roleOf(AUTHOR, true)).toBe('visitor');
  });

  it('maps admin to owner, delete to admin, others to member', () => {
    expect(affiliationOf(ADMINISTRATOR, true)).toBe('owner');
    expect(affiliationOf({ ...AUTHOR, delete: true }, true)).toBe('admin');
    expect(affiliationOf(AUTHOR, true)).toBe('member');
    expect(affiliationOf(NO_RIGHTS, false)).toBe('none');
  });
});
