import { describe, expect, it } from 'vitest';
import { accessError, mayAccess, relationFromItem } from './access.js';
import type { Relation } from './access.js';
import type { RosterItem } from '../../store/types.js';

const item = (patch: Partial<RosterItem>): RosterItem => ({
  jid: 'bob@example.org', name: null, subscription: 'none', askOut: false, pendingIn: false, approved: false, groups: [], ...patch,
});

describe('PEP access models', () => {
  it('derives the relation from the owner’s roster item', () => {
    expect(relationFromItem(undefined)).toBe('stranger');
    expect(relationFromItem(item({ subscription: 'from' }))).toBe('subscriber');
    expect(relationFromItem(item({ subscription: 'both' }))).toBe('subscriber');
    expect(relationFromItem(item({ subscription: 'to' }))).toBe('roster');
    expect(relationFromItem(item({ subscription: 'none' }))).toBe('roster');
    // Only an unanswered request: not a roster member.
    expect(relationFromItem(item({ subscription: 'none', pendingIn: true }))).toBe('stranger');
  });

  it('grants access per model', () => {
    const table: Array<[Parameters<typeof mayAccess>[0], Relation, boolean]> = [
      ['open', 'stranger', true],
      ['presence', 'subscriber', true],
      ['presence', 'roster', false],
      ['presence', 'stranger', false],
      ['roster', 'roster', true],
      ['roster', 'stranger', false],
      ['whitelist', 'subscriber', false],
      ['whitelist', 'owner', true],
      ['presence', 'owner', true],
    ];
    for (const [model, relation, expected] of table) expect(mayAccess(model, relation), `${model}/${relation}`).toBe(expected);
  });

  it('uses the XEP-0060 §6.5.9 error conditions', () => {
    expect(accessError('presence', 'stranger')).toMatchObject({ condition: 'not-authorized', pubsubCondition: 'presence-subscription-required' });
    expect(accessError('roster', 'stranger')).toMatchObject({ condition: 'not-authorized', pubsubCondition: 'not-in-roster-group' });
    expect(accessError('whitelist', 'subscriber')).toMatchObject({ condition: 'not-allowed', pubsubCondition: 'closed-node' });
    expect(accessError('open', 'stranger')).toBeUndefined();
  });
});
