// Groups: their members (accounts, domains, other groups), managers and
// join requests.

import type { Knex } from 'knex';
import type { Group, GroupsRepo, JoinRequest, JoinRequestStatus, NewGroup } from './teamchat-types.js';
import { withDbErrors } from './errors.js';
import { insertedId, likeContains, toBool, toDate, toDateOrNull, toNumberOrNull, toStringOrNull, type Row } from './sql-values.js';
import { principalColumns, principalWhere, toPrincipal } from './principal-columns.js';

function toGroup(row: Row): Group {
  return {
    id: Number(row.id),
    domainId: Number(row.domain_id),
    domain: String(row.domain_name),
    name: String(row.name),
    alias: String(row.alias),
    access: row.access === 'restricted' || row.access === 'private' ? row.access : 'open',
    description: toStringOrNull(row.description),
    teamchatEnabled: toBool(row.teamchat_enabled),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function toJoinRequest(row: Row): JoinRequest {
  return {
    id: Number(row.id),
    groupId: Number(row.group_id),
    accountId: Number(row.account_id),
    status: row.status === 'approved' || row.status === 'rejected' ? row.status : 'pending',
    message: toStringOrNull(row.message),
    decidedBy: toNumberOrNull(row.decided_by),
    decidedAt: toDateOrNull(row.decided_at),
    createdAt: toDate(row.created_at),
  };
}

export function createGroupsRepo(knex: Knex): GroupsRepo {
  const base = (): Knex.QueryBuilder => knex('groups').join('domains', 'domains.id', 'groups.domain_id').select('groups.*', 'domains.name as domain_name');
  const get = async (id: number): Promise<Group | undefined> => {
    const row = (await base().where('groups.id', id).first()) as Row | undefined;
    return row ? toGroup(row) : undefined;
  };

  return {
    get,

    async getByAlias(domainId, alias) {
      const row = (await base().where({ 'groups.domain_id': domainId, 'groups.alias': alias }).first()) as Row | undefined;
      return row ? toGroup(row) : undefined;
    },

    async find(filter = {}) {
      const query = base().orderBy('groups.name');
      if (filter.domainId !== undefined) query.where('groups.domain_id', filter.domainId);
      if (filter.search) {
        const pattern = likeContains(filter.search.toLowerCase());
        query.where((q) => q.whereRaw("LOWER(groups.name) LIKE ? ESCAPE '!'", [pattern]).orWhereRaw("LOWER(groups.alias) LIKE ? ESCAPE '!'", [pattern]));
      }
      return ((await query) as Row[]).map(toGroup);
    },

    async insert(group: NewGroup) {
      const now = new Date();
      const id = await withDbErrors('Group', async () =>
        insertedId(
          await knex('groups').insert({
            domain_id: group.domainId,
            name: group.name,
            alias: group.alias,
            access: group.access ?? 'open',
            description: group.description ?? null,
            teamchat_enabled: false,
            created_at: now,
            updated_at: now,
          }),
        ),
      );
      const inserted = await get(id);
      if (!inserted) throw new Error(`Group ${id} vanished after insert`);
      return inserted;
    },

    async update(id, patch) {
      const row: Row = { updated_at: new Date() };
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.access !== undefined) row.access = patch.access;
      if (patch.description !== undefined) row.description = patch.description;
      if (patch.teamchatEnabled !== undefined) row.teamchat_enabled = patch.teamchatEnabled;
      const changed = await withDbErrors('Group', () => knex('groups').where({ id }).update(row));
      return changed === 0 ? undefined : get(id);
    },

    async delete(id) {
      return (await knex('groups').where({ id }).delete()) > 0;
    },

    async members(groupId) {
      const rows = (await knex('group_members').where({ group_id: groupId }).orderBy('id')) as Row[];
      return rows.map((row) => toPrincipal(row, 'member_', 'member_type'));
    },

    async allMemberships() {
      const rows = (await knex('group_members').select('*')) as Row[];
      return rows.map((row) => ({ groupId: Number(row.group_id), member: toPrincipal(row, 'member_', 'member_type') }));
    },

    async addMember(groupId, member, addedBy) {
      await withDbErrors('Group member', () =>
        knex('group_members').insert({ group_id: groupId, ...principalColumns('member_', 'member_type', member), added_by: addedBy, created_at: new Date() }),
      );
    },

    async removeMember(groupId, member) {
      return (await knex('group_members').where({ group_id: groupId, member_type: member.type, ...principalWhere('member_', member) }).delete()) > 0;
    },

    async managers(groupId) {
      const rows = (await knex('group_managers').where({ group_id: groupId }).orderBy('account_id')) as Row[];
      return rows.map((row) => Number(row.account_id));
    },

    async managedBy(accountId) {
      const rows = (await knex('group_managers').where({ account_id: accountId })) as Row[];
      return rows.map((row) => Number(row.group_id));
    },

    async addManager(groupId, accountId) {
      await withDbErrors('Group manager', () => knex('group_managers').insert({ group_id: groupId, account_id: accountId, created_at: new Date() }));
    },

    async removeManager(groupId, accountId) {
      return (await knex('group_managers').where({ group_id: groupId, account_id: accountId }).delete()) > 0;
    },

    async insertJoinRequest(groupId, accountId, message) {
      const now = new Date();
      const id = await withDbErrors('Join request', async () =>
        insertedId(await knex('group_join_requests').insert({ group_id: groupId, account_id: accountId, status: 'pending', message, created_at: now, updated_at: now })),
      );
      const row = (await knex('group_join_requests').where({ id }).first()) as Row;
      return toJoinRequest(row);
    },

    async findJoinRequests(filter: { groupId?: number; accountId?: number; status?: JoinRequestStatus }) {
      const query = knex('group_join_requests').orderBy('id');
      if (filter.groupId !== undefined) query.where('group_id', filter.groupId);
      if (filter.accountId !== undefined) query.where('account_id', filter.accountId);
      if (filter.status !== undefined) query.where('status', filter.status);
      return ((await query) as Row[]).map(toJoinRequest);
    },

    async getJoinRequest(id) {
      const row = (await knex('group_join_requests').where({ id }).first()) as Row | undefined;
      return row ? toJoinRequest(row) : undefined;
    },

    async decideJoinRequest(id, status, decidedBy, at) {
      // Conditional update: two managers deciding at once yield one decision.
      const changed = await knex('group_join_requests').where({ id, status: 'pending' }).update({ status, decided_by: decidedBy, decided_at: at, updated_at: at });
      return changed > 0;
    },
  };
}
