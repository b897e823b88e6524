// Server-wide settings as key/value text (the service layer owns the meaning).
import type { Knex } from 'knex';
import type { SettingsRepo } from './types.js';
import { withDbErrors } from './errors.js';
import type { Row } from './sql-values.js';

export function createSettingsRepo(knex: Knex): SettingsRepo {
  return {
    async get(key) {
      const row = (await knex('settings').where({ key }).first('value')) as Row | undefined;
      return row === undefined ? undefined : String(row.value);
    },

    async put(key, value) {
      await withDbErrors('Setting', () =>
        knex('settings').insert({ key, value, updated_at: new Date() }).onConflict('key').merge(['value', 'updated_at']),
      );
    },

    async all() {
      const rows = (await knex('settings').orderBy('key').select('key', 'value')) as Row[];
      return Object.fromEntries(rows.map((row) => [String(row.key), String(row.value)]));
    },
  };
}
