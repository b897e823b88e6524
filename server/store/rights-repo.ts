// Rights grants on a group's rooms or on one room, to an account, a group or
// a domain. One boolean column per right: queried, never a blob.

import type { Knex } from 'knex';
import type { Grant, GrantScope, Principal, Rights, RightsRepo } from './teamchat-types.js';
import { RIGHT_NAMES } from './teamchat-types.js';
import { withDbErrors } from './errors.js';
import { toBool, toDate, toNumberOrNull, type Row } from './sql-values.js';
import { principalColumns, principalWhere, toPrincipal } from './principal-columns.js';

function scopeWhere(scope: GrantScope): Row {
  return scope.kind === 'group' ? { scope: 'group', group_id: scope.groupId } : { scope: 'room', room_id: scope.roomId };
}

function rightsColumns(rights: Rights): Row {
  return Object.fromEntries(RIGHT_NAMES.map((right) => [`can_${right}`, rights[right]]));
}

function toGrant(row: Row): Grant {
  const rights = Object.fromEntries(RIGHT_NAMES.map((right) => [right, toBool(row[`can_${right}`])])) as Rights;
  return {
    id: Number(row.id),
    scope: row.scope === 'group' ? { kind: 'group', groupId: Number(row.group_id) } : { kind: 'room', roomId: Number(row.room_id) },
    grantee: toPrincipal(row, 'grantee_', 'grantee_type'),
    rights,
    grantedBy: toNumberOrNull(row.granted_by),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function createRightsRepo(knex: Knex): RightsRepo {
  const findOne = async (scope: GrantScope, grantee: Principal): Promise<Grant | undefined> => {
    const row = (await knex('rights_grants').where({ ...scopeWhere(scope), grantee_type: grantee.type, ...principalWhere('grantee_', grantee) }).first()) as Row | undefined;
    return row ? toGrant(row) : undefined;
  };

  return {
    async find(scope) {
      return ((await knex('rights_grants').where(scopeWhere(scope)).orderBy('id')) as Row[]).map(toGrant);
    },

    async findForRoom(roomId, groupId) {
      const query = knex('rights_grants').where((q) => {
        q.where({ scope: 'room', room_id: roomId });
        if (groupId !== null) q.orWhere({ scope: 'group', group_id: groupId });
      });
      return ((await query.orderBy('id')) as Row[]).map(toGrant);
    },

    async put(scope, grantee, rights, grantedBy) {
      const now = new Date();
      const existing = await findOne(scope, grantee);
      await withDbErrors('Grant', async () => {
        if (existing) {
          await knex('rights_grants').where({ id: existing.id }).update({ ...rightsColumns(rights), granted_by: grantedBy, updated_at: now });
        } else {
          await knex('rights_grants').insert({
            ...scopeWhere(scope),
            group_id: scope.kind === 'group' ? scope.groupId : null,
            room_id: scope.kind === 'room' ? scope.roomId : null,
            ...principalColumns('grantee_', 'grantee_type', grantee),
            ...rightsColumns(rights),
            granted_by: grantedBy,
            created_at: now,
            updated_at: now,
          });
        }
      });
      const saved = await findOne(scope, grantee);
      if (!saved) throw new Error('Grant vanished after write');
      return saved;
    },

    async delete(scope, grantee) {
      return (await knex('rights_grants').where({ ...scopeWhere(scope), grantee_type: grantee.type, ...principalWhere('grantee_', grantee) }).delete()) > 0;
    },
  };
}
