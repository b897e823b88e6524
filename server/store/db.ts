// Opens the database (SQLite through better-sqlite3, or MySQL/MariaDB through
// mysql2) and applies the migrations from schema/. The connection settings
// here are what the repositories rely on: UTC everywhere, utf8mb4, foreign keys
// enforced, numbers as numbers.
// SQLite pragmas: https://www.sqlite.org/pragma.html — mysql2 options: https://sidorares.github.io/node-mysql2/docs
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrationSource } from '../../schema/index.js';

export type DatabaseConfig =
  | { client: 'sqlite'; filename: string }
  | { client: 'mysql'; host: string; port: number; user: string; password: string; database: string };

interface MysqlCallbackConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

export async function openDatabase(config: DatabaseConfig): Promise<Knex> {
  const knex = config.client === 'sqlite' ? openSqlite(config.filename) : openMysql(config);
  // Fail here, with the real reason, rather than on the first query.
  await knex.raw('SELECT 1');
  return knex;
}

function openSqlite(filename: string): Knex {
  if (filename !== ':memory:' && filename !== '') mkdirSync(dirname(filename), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      // One connection: SQLite serialises writers anyway, and one connection
      // keeps ':memory:' databases alive and transactions simple.
      min: 1,
      max: 1,
      afterCreate(connection: SqliteDatabase, done: (error: Error | null, connection: SqliteDatabase) => void) {
        try {
          connection.pragma('journal_mode = WAL');
          connection.pragma('synchronous = NORMAL'); // durable with WAL, far fewer fsyncs
          connection.pragma('foreign_keys = ON');
          connection.pragma('busy_timeout = 5000');
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
  });
}

function openMysql(config: Extract<DatabaseConfig, { client: 'mysql' }>): Knex {
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true, // BIGINT ids as numbers while they fit
      bigNumberStrings: false,
      dateStrings: false,
    },
    pool: {
      min: 0,
      max: 10,
      // DATETIME columns carry no zone: make the session UTC so server-side
      // date functions agree with the values the driver writes.
      afterCreate(connection: MysqlCallbackConnection, done: (error: Error | null, connection: MysqlCallbackConnection) => void) {
        connection.query("SET time_zone = '+00:00'", (error) => done(error, connection));
      },
    },
  });
}

/** Applies every pending migration from schema/ (idempotent). */
export async function migrateToLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}

/** Undoes every applied migration (tests of the down() paths). */
export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}

/**
 * Parses `mysql://user:pass@host:port/db` (also `mariadb://`) or
 * `sqlite:/path/file.db` (also `sqlite:relative.db`, `sqlite::memory:`).
 */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    let filename = url.slice('sqlite:'.length);
    if (filename.startsWith('//')) filename = filename.slice(2); // sqlite:///abs or sqlite://rel
    if (filename === '') throw new Error('Database URL sqlite: needs a file name, e.g. sqlite:/var/lib/causerie/causerie.db');
    return { client: 'sqlite', filename: decodeURIComponent(filename) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Database URL is not a valid URL (expected mysql://user:password@host:port/database or sqlite:/path/file.db)');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`Database URL scheme ${parsed.protocol} is not supported (use mysql: or sqlite:)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw new Error('Database URL must name one database: mysql://user:password@host:port/database');
  if (parsed.hostname === '') throw new Error('Database URL must name a host');
  return {
    client: 'mysql',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}
