import { describe, expect, it } from 'vitest';
import { parseJid } from '../../core/jid.js';
import { isBlockedBy, itemCoversAccount, normaliseItem } from './match.js';

describe('XEP-0191 JID matching', () => {
  const check = (items: string[], jid: string): boolean => isBlockedBy(new Set(items), parseJid(jid));

  it('matches full, bare, domain and domain/resource items', () => {
    expect(check(['bob@example.org'], 'bob@example.org/phone')).toBe(true);
    expect(check(['bob@example.org'], 'bob@example.org')).toBe(true);
    expect(check(['bob@example.org/phone'], 'bob@example.org/phone')).toBe(true);
    expect(check(['bob@example.org/phone'], 'bob@example.org/laptop')).toBe(false);
    expect(check(['bob@example.org/phone'], 'bob@example.org')).toBe(false);
    expect(check(['example.org'], 'carol@example.org/x')).toBe(true);
    expect(check(['example.org'], 'example.org')).toBe(true);
    expect(check(['example.org/res'], 'example.org/res')).toBe(true);
    expect(check(['example.org/res'], 'bob@example.org/res')).toBe(false);
    expect(check(['bob@example.org'], 'bobby@example.org')).toBe(false);
    expect(check(['example.org'], 'bob@sub.example.org')).toBe(false);
    expect(check([], 'bob@example.org')).toBe(false);
  });

  it('finds which items cover an account', () => {
    expect(itemCoversAccount('bob@example.org', 'bob@example.org')).toBe(true);
    expect(itemCoversAccount('bob@example.org/phone', 'bob@example.org')).toBe(true);
    expect(itemCoversAccount('example.org', 'bob@example.org')).toBe(true);
    expect(itemCoversAccount('bob@example.org', 'bobby@example.org')).toBe(false);
    expect(itemCoversAccount('bob@example.orgx', 'bob@example.org')).toBe(false);
  });

  it('normalises items and refuses malformed ones', () => {
    expect(normaliseItem('Bob@Example.ORG/Phone')).toBe('bob@example.org/Phone');
    expect(() => normaliseItem('')).toThrow(/jid/);
    expect(() => normaliseItem(undefined)).toThrow(/jid/);
    expect(() => normaliseItem('@example.org')).toThrow(/localpart/);
    expect(() => normaliseItem(`${'a'.repeat(300)}@${'b'.repeat(300)}`)).toThrow(/too long/);
  });
});
