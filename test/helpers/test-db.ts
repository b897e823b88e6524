// Databases for integration tests: the MariaDB started by test/global-setup.ts
// and throwaway SQLite files, so one scenario can run on both dialects:
//
//   for (const db of testDatabaseConfigs()) {
//     describe(db.name, () => { … const config = await db.make(); … });
//   }
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { parseDatabaseUrl, type DatabaseConfig } from '../../server/store/db.js';
import { createTestDatabase } from './mariadb.js';

/** Admin URL of the integration MariaDB/MySQL server (no database in the path). */
export function mysqlTestUrl(): string {
  const url = inject('mysqlUrl') ?? process.env.CAUSERIE_TEST_MYSQL_URL;
  if (url === undefined || url === '') {
    throw new Error('No test MySQL server: run this test in the vitest "integration" project (test/global-setup.ts starts MariaDB).');
  }
  return url;
}

/** A new empty database on the integration server. */
export async function makeMysqlConfig(): Promise<DatabaseConfig> {
  return parseDatabaseUrl(await createTestDatabase(mysqlTestUrl()));
}

const sqliteDirs: string[] = [];
let cleanupRegistered = false;

/** A new SQLite file in a temporary directory, removed when the test process exits. */
export async function makeSqliteConfig(): Promise<DatabaseConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-test-db-'));
  sqliteDirs.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const d of sqliteDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return { client: 'sqlite', filename: join(dir, 'causerie.db') };
}

export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  /** A fresh, empty (unmigrated) database each call. */
  make(): Promise<DatabaseConfig>;
}

export function testDatabaseConfigs(): TestDatabase[] {
  return [
    { name: 'sqlite', make: makeSqliteConfig },
    { name: 'mariadb', make: makeMysqlConfig },
  ];
}
