// Which SQL engine a knex instance talks to, for the few queries that differ
// (full-text search, upserts that knex cannot express the same way).
import type { Knex } from 'knex';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(knex: Knex): Dialect {
  return knex.client.dialect === 'mysql' ? 'mysql' : 'sqlite';
}
