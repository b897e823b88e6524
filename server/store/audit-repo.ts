// Audit log of administrative actions, newest first. The actor's name is kept
// as text so entries stay readable after the account is deleted.
import type { Knex } from 'knex';
import type { AuditEntry, AuditRepo } from './types.js';
import { withDbErrors } from './errors.js';
import { toDate, toNumber, toNumberOrNull, toStringOrNull, type Row } from './sql-values.js';

function toEntry(row: Row): AuditEntry {
  return {
    id: toNumber(row.id),
    actorAccountId: toNumberOrNull(row.actor_account_id),
    actor: String(row.actor),
    action: String(row.action),
    targetType: toStringOrNull(row.target_type),
    targetId: toStringOrNull(row.target_id),
    details: toStringOrNull(row.details),
    ip: toStringOrNull(row.ip),
    createdAt: toDate(row.created_at),
  };
}

export function createAuditRepo(knex: Knex): AuditRepo {
  return {
    async append(entry) {
      await withDbErrors('Audit entry', () =>
        knex('audit_log').insert({
          actor_account_id: entry.actorAccountId,
          actor: entry.actor,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          details: entry.details,
          ip: entry.ip,
          created_at: new Date(),
        }),
      );
    },

    async find(filter) {
      const query = knex('audit_log').orderBy('id', 'desc').limit(filter.limit);
      if (filter.actorAccountId !== undefined) query.where({ actor_account_id: filter.actorAccountId });
      if (filter.offset !== undefined && filter.offset > 0) query.offset(filter.offset);
      return ((await query) as Row[]).map(toEntry);
    },
  };
}
