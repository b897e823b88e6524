// Groups (DESIGN.md "Groups, rooms and rights"): an alias address, an access
// level (open, restricted, private), managers, and members that are
// accounts, whole domains or other groups. Open groups are joined and left
// freely; restricted ones by a request a manager approves; private ones are
// invisible to non-members.

import { AppError } from '../core/errors.js';
import type { Account, Repositories } from '../store/types.js';
import type { Group, GroupAccess, JoinRequest, Principal } from '../store/teamchat-types.js';
import type { Actor } from './actor.js';
import { isGroupManager, requireDomainAdmin, requireGroupManager } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { DomainEvents } from './domain-events.js';
import type { MembershipCache } from './membership-cache.js';
import type { Clock } from './ports.js';

const ALIAS = /^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/;
const ACCESS: readonly GroupAccess[] = ['open', 'restricted', 'private'];

export interface GroupInput {
  domain: string;
  name: string;
  alias: string;
  access?: GroupAccess;
  description?: string | null;
}

export type GroupsService = ReturnType<typeof createGroupsService>;

/** How an account belongs to a group: directly, through a domain or another group, by a pending request, or not at all. */
export type GroupMembership = 'direct' | 'inherited' | 'pending' | 'none';

export function createGroupsService(deps: { repos: Repositories; events: DomainEvents; audit: AuditTrail; memberships: MembershipCache; clock: Clock }) {
  const { repos, events, audit, memberships, clock } = deps;

  async function require(groupId: number): Promise<Group> {
    const group = await repos.groups.get(groupId);
    if (!group) throw new AppError('item-not-found', 'No such group');
    return group;
  }

  function validateName(name: string): string {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 190) throw new AppError('bad-request', 'A group needs a name of 1 to 190 characters', { appCondition: 'invalid-name' });
    return trimmed;
  }

  async function checkPrincipal(principal: Principal): Promise<void> {
    const exists =
      principal.type === 'account' ? await repos.accounts.get(principal.accountId) : principal.type === 'domain' ? await repos.domains.get(principal.domainId) : await repos.groups.get(principal.groupId);
    if (!exists) throw new AppError('item-not-found', `No such ${principal.type}`);
  }

  async function changed(groupId: number): Promise<void> {
    memberships.invalidate();
    await events.publish('group-members-changed', { groupId });
  }

  return {
    get: (id: number) => repos.groups.get(id),
    require,

    /** Creates a group; throws bad-request (name, alias, access), item-not-found (domain), conflict (alias taken), forbidden. */
    async create(actor: Actor, input: GroupInput): Promise<Group> {
      const domain = await repos.domains.getByName(input.domain.toLowerCase());
      if (!domain) throw new AppError('item-not-found', `Unknown domain ${input.domain}`);
      requireDomainAdmin(actor, domain.id);
      const alias = input.alias.trim().toLowerCase();
      if (!ALIAS.test(alias)) throw new AppError('bad-request', 'The alias may use lowercase letters, digits, dots, dashes and underscores (up to 64)', { appCondition: 'invalid-alias' });
      if (input.access && !ACCESS.includes(input.access)) throw new AppError('bad-request', 'Access must be open, restricted or private');
      if (await repos.accounts.getByAddress(alias, domain.name)) throw new AppError('conflict', `${alias}@${domain.name} is already an account`);
      const group = await repos.groups.insert({ domainId: domain.id, name: validateName(input.name), alias, access: input.access ?? 'open', description: input.description ?? null });
      await audit(actor, 'group.create', { type: 'group', id: group.id }, { alias, name: group.name });
      await events.publish('group-changed', { groupId: group.id });
      return group;
    },

    async update(actor: Actor, groupId: number, patch: { name?: string; access?: GroupAccess; description?: string | null }): Promise<Group> {
      const group = await require(groupId);
      requireGroupManager(actor, group);
      if (patch.access && !ACCESS.includes(patch.access)) throw new AppError('bad-request', 'Access must be open, restricted or private');
      const updated = (await repos.groups.update(groupId, { ...patch, ...(patch.name !== undefined ? { name: validateName(patch.name) } : {}) })) as Group;
      await audit(actor, 'group.update', { type: 'group', id: groupId }, patch);
      await events.publish('group-changed', { groupId });
      return updated;
    },

    async delete(actor: Actor, groupId: number): Promise<void> {
      const group = await require(groupId);
      requireDomainAdmin(actor, group.domainId);
      const rooms = await repos.rooms.find({ groupId });
      await repos.groups.delete(groupId);
      memberships.invalidate();
      await audit(actor, 'group.delete', { type: 'group', id: groupId }, { alias: group.alias });
      for (const room of rooms) await events.publish('room-deleted', { roomId: room.id, jid: `${room.localpart}@conference.${room.domain}` });
      await events.publish('group-deleted', { groupId });
    },

    /** Lists the groups an account may see (private groups only to their members). */
    async visibleTo(account: Account): Promise<Group[]> {
      const graph = await memberships.graph();
      const mine = graph.groupsOf({ id: account.id, domainId: account.domainId });
      const all = await repos.groups.find({ domainId: account.domainId });
      return all.filter((g) => g.access !== 'private' || mine.has(g.id));
    },

    /** The groups an account may see (as visibleTo), each with the account's membership. */
    async overviewFor(account: Account): Promise<Array<{ group: Group; membership: GroupMembership }>> {
      const graph = await memberships.graph();
      const mine = graph.groupsOf({ id: account.id, domainId: account.domainId });
      const pending = new Set((await repos.groups.findJoinRequests({ accountId: account.id, status: 'pending' })).map((r) => r.groupId));
      const all = await repos.groups.find({ domainId: account.domainId });
      const result: Array<{ group: Group; membership: GroupMembership }> = [];
      for (const group of all) {
        if (group.access === 'private' && !mine.has(group.id)) continue;
        let membership: GroupMembership = pending.has(group.id) ? 'pending' : 'none';
        if (mine.has(group.id)) {
          const direct = (await repos.groups.members(group.id)).some((m) => m.type === 'account' && m.accountId === account.id);
          membership = direct ? 'direct' : 'inherited';
        }
        result.push({ group, membership });
      }
      return result;
    },

    list: (filter?: { domainId?: number; search?: string }) => repos.groups.find(filter),
    members: (groupId: number) => repos.groups.members(groupId),
    managers: (groupId: number) => repos.groups.managers(groupId),

    /** Adds an account, a whole domain or another group; a group that would contain itself is refused. */
    async addMember(actor: Actor, groupId: number, member: Principal): Promise<void> {
      const group = await require(groupId);
      requireGroupManager(actor, group);
      await checkPrincipal(member);
      if (member.type === 'group' && (await memberships.graph()).wouldCycle(groupId, member.groupId)) {
        throw new AppError('not-acceptable', 'A group cannot contain itself, directly or through other groups', { appCondition: 'group-cycle' });
      }
      await repos.groups.addMember(groupId, member, actor.accountId);
      await audit(actor, 'group.member.add', { type: 'group', id: groupId }, { member });
      await changed(groupId);
    },

    async removeMember(actor: Actor, groupId: number, member: Principal): Promise<void> {
      const group = await require(groupId);
      requireGroupManager(actor, group);
      if (!(await repos.groups.removeMember(groupId, member))) throw new AppError('item-not-found', 'That member is not in the group');
      await audit(actor, 'group.member.remove', { type: 'group', id: groupId }, { member });
      await changed(groupId);
    },

    async setManager(actor: Actor, groupId: number, accountId: number, manager: boolean): Promise<void> {
      const group = await require(groupId);
      requireDomainAdmin(actor, group.domainId);
      if (!(await repos.accounts.get(accountId))) throw new AppError('item-not-found', 'No such account');
      if (manager) {
        if (!(await repos.groups.managers(groupId)).includes(accountId)) await repos.groups.addManager(groupId, accountId);
      } else if (!(await repos.groups.removeManager(groupId, accountId))) {
        throw new AppError('item-not-found', 'That account does not manage the group');
      }
      await audit(actor, manager ? 'group.manager.add' : 'group.manager.remove', { type: 'group', id: groupId }, { accountId });
      await events.publish('group-changed', { groupId });
    },

    /** An account joins an open group, or asks to join a restricted one (returns the request). */
    async join(account: Account, groupId: number, message: string | null = null): Promise<JoinRequest | undefined> {
      const group = await repos.groups.get(groupId);
      const graph = await memberships.graph();
      const isMember = group ? graph.isMember(groupId, { id: account.id, domainId: account.domainId }) : false;
      if (!group || (group.access === 'private' && !isMember)) throw new AppError('item-not-found', 'No such group');
      if (isMember) throw new AppError('conflict', `You are already a member of ${group.name}`);
      if (account.kind === 'guest') throw new AppError('forbidden', 'Guests cannot join groups');
      if (group.access === 'private') throw new AppError('forbidden', 'This group is private');
      if (group.access === 'restricted') {
        const pending = await repos.groups.findJoinRequests({ groupId, accountId: account.id, status: 'pending' });
        if (pending[0]) return pending[0];
        return repos.groups.insertJoinRequest(groupId, account.id, message);
      }
      await repos.groups.addMember(groupId, { type: 'account', accountId: account.id }, account.id);
      await changed(groupId);
      return undefined;
    },

    /** An account leaves an open group it belongs to directly. */
    async leave(account: Account, groupId: number): Promise<void> {
      const group = await repos.groups.get(groupId);
      if (!group) throw new AppError('item-not-found', 'No such group');
      if (group.access !== 'open') throw new AppError('not-allowed', `Ask a manager of ${group.name} to remove you`);
      if (!(await repos.groups.removeMember(groupId, { type: 'account', accountId: account.id }))) {
        throw new AppError('item-not-found', `You are not a direct member of ${group.name}`);
      }
      await changed(groupId);
    },

    joinRequests: (groupId: number) => repos.groups.findJoinRequests({ groupId, status: 'pending' }),

    /** Approves or rejects a pending request (administrators and the group's managers). */
    async decide(actor: Actor, requestId: number, approve: boolean): Promise<void> {
      const request = await repos.groups.getJoinRequest(requestId);
      if (!request) throw new AppError('item-not-found', 'No such request');
      const group = await require(request.groupId);
      if (!isGroupManager(actor, group) || actor.accountId === null) throw new AppError('forbidden', `Only an administrator or a manager of ${group.name} may decide`);
      if (!(await repos.groups.decideJoinRequest(requestId, approve ? 'approved' : 'rejected', actor.accountId, clock.now()))) {
        throw new AppError('conflict', 'This request was already decided');
      }
      // The account may have been added directly since it asked: the approval then adds nothing.
      const direct = (await repos.groups.members(group.id)).some((m) => m.type === 'account' && m.accountId === request.accountId);
      if (approve && !direct) {
        await repos.groups.addMember(group.id, { type: 'account', accountId: request.accountId }, actor.accountId);
        await changed(group.id);
      }
      await audit(actor, approve ? 'group.request.approve' : 'group.request.reject', { type: 'group', id: group.id }, { accountId: request.accountId });
    },
  };
}
