// Column and table conventions shared by the migrations in ./migrations.
// Migrations are never edited after merge, and these helpers shape them: change
// a helper only in a way that keeps every existing migration's output the same
// (add a new helper instead).
//
// Conventions (see docs in ../server/store/README.md):
// - MySQL/MariaDB tables are InnoDB, utf8mb4, default collation utf8mb4_bin so
//   identifiers (JIDs, localparts, tokens, stanza ids) compare exactly as they
//   do in SQLite; human text that is searched or sorted gets utf8mb4_unicode_ci.
// - Every timestamp is DATETIME(3) in UTC, written by the application as a JS
//   Date (knex stores it as epoch milliseconds on SQLite). No database defaults
//   for timestamps: CURRENT_TIMESTAMP would be text on SQLite.
import type { Knex } from 'knex';

export const MYSQL_CHARSET = 'utf8mb4';
export const MYSQL_COLLATION = 'utf8mb4_bin';
export const TEXT_COLLATION = 'utf8mb4_unicode_ci';

/** Lengths that indexes can hold within InnoDB's 3072-byte key limit (utf8mb4 = 4 bytes a char). */
export const LEN = {
  bareJid: 512,
  fullJid: 1024,
  name: 255,
  email: 320,
  token: 128,
  ip: 45,
  language: 35,
} as const;

export function isMysql(knex: Knex): boolean {
  return knex.client.dialect === 'mysql';
}

/** Table options common to every table (no-ops on SQLite). */
export function tableDefaults(knex: Knex, t: Knex.CreateTableBuilder): void {
  if (isMysql(knex)) {
    t.engine('InnoDB');
    t.charset(MYSQL_CHARSET);
    t.collate(MYSQL_COLLATION);
  }
}

/** Human text column (names, descriptions): accent- and case-insensitive on MySQL. */
export function humanText(t: Knex.CreateTableBuilder, name: string, length: number = LEN.name): Knex.ColumnBuilder {
  return t.string(name, length).collate(TEXT_COLLATION);
}

export function timestamp(t: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder {
  return t.datetime(name, { precision: 3 });
}

export function createdUpdated(t: Knex.CreateTableBuilder): void {
  timestamp(t, 'created_at').notNullable();
  timestamp(t, 'updated_at').notNullable();
}

/** Conventional index name: `<table>_<cols>_idx`. */
export function indexName(table: string, columns: readonly string[]): string {
  return `${table}_${columns.join('_')}_idx`;
}

export function index(t: Knex.CreateTableBuilder, table: string, columns: string[]): void {
  t.index(columns, indexName(table, columns));
}

export function unique(t: Knex.CreateTableBuilder, table: string, columns: string[]): void {
  t.unique(columns, { indexName: indexName(table, columns) });
}

type OnDelete = 'CASCADE' | 'SET NULL';

/** An unsigned integer foreign key to `<target>.id`, indexed under the naming convention. */
export function reference(
  t: Knex.CreateTableBuilder,
  table: string,
  column: string,
  target: string,
  onDelete: OnDelete,
  options: { nullable?: boolean; big?: boolean; indexed?: boolean } = {},
): void {
  const col = options.big === true ? t.bigInteger(column).unsigned() : t.integer(column).unsigned();
  if (options.nullable === true || onDelete === 'SET NULL') col.nullable();
  else col.notNullable();
  t.foreign(column, `${table}_${column}_fk`).references('id').inTable(target).onDelete(onDelete);
  // MySQL would otherwise create an index named after the constraint.
  if (options.indexed !== false) index(t, table, [column]);
}

/**
 * A `varchar` restricted to a fixed set of values. The CHECK is table-level:
 * MariaDB rejects knex's inline named column CHECK syntax.
 */
export function oneOf(
  t: Knex.CreateTableBuilder,
  table: string,
  column: string,
  values: readonly string[],
  defaultValue?: string,
): Knex.ColumnBuilder {
  const col = t.string(column, 16).notNullable();
  if (defaultValue !== undefined) col.defaultTo(defaultValue);
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  t.check(`${column} IN (${list})`, undefined, `${table}_${column}_check`);
  return col;
}

/**
 * A CHECK that ties a type column to nullable foreign-key columns. SQLite
 * only: MySQL 8 refuses CHECK constraints on columns used by ON DELETE
 * CASCADE / SET NULL (error 3823), and the schema must be the same on MySQL
 * and MariaDB. Repositories enforce the rule on every dialect; the SQLite
 * contract tests catch a repository that breaks it.
 */
export function foreignKeyCheck(knex: Knex, t: Knex.CreateTableBuilder, predicate: string, name: string): void {
  if (!isMysql(knex)) t.check(predicate, undefined, name);
}
