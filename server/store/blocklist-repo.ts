// Blocking Command (XEP-0191): the blocked JIDs of each account.
import type { Knex } from 'knex';
import type { BlocklistRepo } from './types.js';
import { withDbErrors } from './errors.js';
import type { Row } from './sql-values.js';

export function createBlocklistRepo(knex: Knex): BlocklistRepo {
  return {
    async find(accountId) {
      const rows = (await knex('blocklist_items').where({ account_id: accountId }).orderBy('jid').select('jid')) as Row[];
      return rows.map((row) => String(row.jid));
    },

    async add(accountId, jids) {
      const unique = [...new Set(jids)];
      if (unique.length === 0) return;
      const now = new Date();
      // merge() rather than ignore(): MySQL's INSERT IGNORE would also hide a
      // foreign-key failure for a missing account.
      await withDbErrors('Blocklist item', () =>
        knex('blocklist_items')
          .insert(unique.map((jid) => ({ account_id: accountId, jid, created_at: now })))
          .onConflict(['account_id', 'jid'])
          .merge(['jid']),
      );
    },

    async remove(accountId, jids) {
      if (jids.length === 0) return;
      await knex('blocklist_items').where({ account_id: accountId }).whereIn('jid', jids).delete();
    },

    async clear(accountId) {
      await knex('blocklist_items').where({ account_id: accountId }).delete();
    },
  };
}
