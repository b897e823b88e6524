import { describe, expect, it } from 'vitest';
import { normalisePath } from './security.js';

describe('normalisePath', () => {
  it('gives every spelling of an API path one canonical form', () => {
    for (const raw of ['/api/accounts', '/api//accounts', '/API/Accounts/', '/api/./accounts', '/x/../api/accounts', '/api/%61ccounts', '//api/accounts']) {
      expect(normalisePath(raw)).toBe('/api/accounts');
    }
    expect(normalisePath('/../../api/session')).toBe('/api/session');
    expect(normalisePath('/')).toBe('/');
  });

  it('keeps the case of non-API paths (hashed asset names)', () => {
    expect(normalisePath('/assets/main-AbC.js')).toBe('/assets/main-AbC.js');
  });

  it('refuses encoded separators, backslashes and broken escapes', () => {
    for (const raw of ['/api/accounts%2f1', '/api/accounts%5C1', '/api\\accounts', '/api/%zz', '/api/a%00']) expect(normalisePath(raw)).toBeUndefined();
  });
});
