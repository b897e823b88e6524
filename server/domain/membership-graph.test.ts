// The in-memory membership graph: nested groups, domains, cycles, expansion.
import { describe, expect, it } from 'vitest';
import type { Membership } from '../store/teamchat-types.js';
import { MembershipGraph } from './membership-graph.js';

const account = (groupId: number, accountId: number): Membership => ({ groupId, member: { type: 'account', accountId } });
const domain = (groupId: number, domainId: number): Membership => ({ groupId, member: { type: 'domain', domainId } });
const group = (groupId: number, child: number): Membership => ({ groupId, member: { type: 'group', groupId: child } });

describe('MembershipGraph', () => {
  // 1 ⊃ 2 ⊃ 3 ∋ account 100; 4 ∋ domain 7; 5 ⊃ 4; 6 unrelated ∋ account 101.
  const graph = new MembershipGraph([group(1, 2), group(2, 3), account(3, 100), domain(4, 7), group(5, 4), account(6, 101)]);

  it('finds every group of an account, directly, through nested groups and through its domain', () => {
    expect(graph.groupsOf({ id: 100, domainId: 9 })).toEqual(new Set([1, 2, 3]));
    expect(graph.groupsOf({ id: 200, domainId: 7 })).toEqual(new Set([4, 5]));
    expect(graph.groupsOf({ id: 100, domainId: 7 })).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(graph.groupsOf({ id: 300, domainId: 8 })).toEqual(new Set());
    expect(graph.isMember(1, { id: 100, domainId: 9 })).toBe(true);
    expect(graph.isMember(6, { id: 100, domainId: 9 })).toBe(false);
  });

  it('knows ancestors and refuses edges that close a cycle', () => {
    expect(graph.ancestors(3)).toEqual(new Set([1, 2]));
    expect(graph.ancestors(1)).toEqual(new Set());
    expect(graph.wouldCycle(3, 3)).toBe(true);
    expect(graph.wouldCycle(3, 1)).toBe(true);
    expect(graph.wouldCycle(2, 1)).toBe(true);
    expect(graph.wouldCycle(1, 3)).toBe(false);
    expect(graph.wouldCycle(3, 6)).toBe(false);
    expect(graph.wouldCycle(4, 5)).toBe(true);
  });

  it('expands a group to its accounts and domains', () => {
    expect(graph.expand(1)).toEqual({ accountIds: new Set([100]), domainIds: new Set() });
    expect(graph.expand(5)).toEqual({ accountIds: new Set(), domainIds: new Set([7]) });
    expect(graph.expand(99)).toEqual({ accountIds: new Set(), domainIds: new Set() });
  });

  it('terminates on a cycle already stored', () => {
    const looped = new MembershipGraph([group(1, 2), group(2, 1), account(2, 100)]);
    expect(looped.groupsOf({ id: 100, domainId: 1 })).toEqual(new Set([1, 2]));
    expect(looped.expand(1).accountIds).toEqual(new Set([100]));
  });
});
