// Group membership resolved recursively (DESIGN.md: members are accounts,
// whole domains, or other groups). The whole edge list is small for an
// organisation, so it is loaded once and kept until a membership event
// invalidates it; every question is then answered from memory, which keeps
// rights checks off the database on the hot path.

import type { Membership, Principal } from '../store/teamchat-types.js';

export interface AccountRef {
  id: number;
  domainId: number;
}

export class MembershipGraph {
  /** group → groups it is a direct member of. */
  private readonly parents = new Map<number, Set<number>>();
  private readonly groupsOfAccount = new Map<number, Set<number>>();
  private readonly groupsOfDomain = new Map<number, Set<number>>();
  private readonly children = new Map<number, Principal[]>();

  constructor(memberships: Membership[]) {
    for (const { groupId, member } of memberships) {
      const list = this.children.get(groupId) ?? [];
      list.push(member);
      this.children.set(groupId, list);
      if (member.type === 'group') addTo(this.parents, member.groupId, groupId);
      else if (member.type === 'account') addTo(this.groupsOfAccount, member.accountId, groupId);
      else addTo(this.groupsOfDomain, member.domainId, groupId);
    }
  }

  /** Every group the account belongs to, directly, through its domain, or through nested groups. */
  groupsOf(account: AccountRef): Set<number> {
    const direct = [...(this.groupsOfAccount.get(account.id) ?? []), ...(this.groupsOfDomain.get(account.domainId) ?? [])];
    return this.closure(direct);
  }

  isMember(groupId: number, account: AccountRef): boolean {
    return this.groupsOf(account).has(groupId);
  }

  /** Groups that contain `groupId`, transitively (its ancestors). */
  ancestors(groupId: number): Set<number> {
    const result = this.closure([...(this.parents.get(groupId) ?? [])]);
    return result;
  }

  /** True when adding `memberGroupId` into `groupId` would make a group contain itself. */
  wouldCycle(groupId: number, memberGroupId: number): boolean {
    return groupId === memberGroupId || this.ancestors(groupId).has(memberGroupId);
  }

  /** The accounts and domains a group contains once nested groups are expanded. */
  expand(groupId: number): { accountIds: Set<number>; domainIds: Set<number> } {
    const accountIds = new Set<number>();
    const domainIds = new Set<number>();
    const seen = new Set<number>();
    const stack = [groupId];
    while (stack.length > 0) {
      const current = stack.pop() as number;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const member of this.children.get(current) ?? []) {
        if (member.type === 'account') accountIds.add(member.accountId);
        else if (member.type === 'domain') domainIds.add(member.domainId);
        else stack.push(member.groupId);
      }
    }
    return { accountIds, domainIds };
  }

  private closure(start: number[]): Set<number> {
    const result = new Set<number>();
    const stack = [...start];
    while (stack.length > 0) {
      const group = stack.pop() as number;
      if (result.has(group)) continue;
      result.add(group);
      for (const parent of this.parents.get(group) ?? []) stack.push(parent);
    }
    return result;
  }
}

function addTo(map: Map<number, Set<number>>, key: number, value: number): void {
  const set = map.get(key) ?? new Set<number>();
  set.add(value);
  map.set(key, set);
}
