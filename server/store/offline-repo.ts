// Offline message storage (RFC 6121 §8.5.2.1.1 / XEP-0160): stanzas kept for
// an account until it comes online, delivered oldest first.
import type { Knex } from 'knex';
import type { OfflineRepo } from './types.js';
import { withDbErrors } from './errors.js';
import { toDate, toNumber, type Row } from './sql-values.js';

const INSERT_CHUNK = 200;

export function createOfflineRepo(knex: Knex): OfflineRepo {
  return {
    async insert(accountId, stanzas, at) {
      if (stanzas.length === 0) return;
      await withDbErrors('Offline message', () =>
        knex.transaction(async (trx) => {
          for (let i = 0; i < stanzas.length; i += INSERT_CHUNK) {
            const rows = stanzas.slice(i, i + INSERT_CHUNK).map((stanza) => ({ account_id: accountId, stanza, created_at: at }));
            await trx('offline_messages').insert(rows);
          }
        }),
      );
    },

    async find(accountId, limit) {
      const rows = (await knex('offline_messages').where({ account_id: accountId }).orderBy('id').limit(limit)) as Row[];
      return rows.map((row) => ({ id: toNumber(row.id), stanza: String(row.stanza), createdAt: toDate(row.created_at) }));
    },

    async deleteIds(accountId, ids) {
      if (ids.length === 0) return;
      await knex('offline_messages').where({ account_id: accountId }).whereIn('id', ids).delete();
    },

    async count(accountId) {
      const row = (await knex('offline_messages').where({ account_id: accountId }).count({ n: '*' }).first()) as Row | undefined;
      return toNumber(row?.n ?? 0);
    },
  };
}
