// vCard-temp storage (XEP-0054): one serialised vCard per account.
import type { Knex } from 'knex';
import type { VcardRepo } from './types.js';
import { withDbErrors } from './errors.js';
import type { Row } from './sql-values.js';

export function createVcardsRepo(knex: Knex): VcardRepo {
  return {
    async get(accountId) {
      const row = (await knex('vcards').where({ account_id: accountId }).first('vcard')) as Row | undefined;
      return row === undefined ? undefined : String(row.vcard);
    },

    async put(accountId, vcard) {
      const now = new Date();
      // ON CONFLICT … DO UPDATE on SQLite, ON DUPLICATE KEY UPDATE on MySQL.
      await withDbErrors('vCard', () =>
        knex('vcards')
          .insert({ account_id: accountId, vcard, created_at: now, updated_at: now })
          .onConflict('account_id')
          .merge(['vcard', 'updated_at']),
      );
    },
  };
}
