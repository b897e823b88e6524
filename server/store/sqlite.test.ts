// Runs every repository contract against a fresh, migrated SQLite database
// file (WAL, foreign keys and FTS5 exactly as in production).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAllRepos } from './contract/index.js';
import { migrateToLatest, openDatabase } from './db.js';
import { createRepositories } from './index.js';

describeAllRepos('SQLite store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-sqlite-'));
  const knex = await openDatabase({ client: 'sqlite', filename: join(dir, 'causerie.db') });
  await migrateToLatest(knex);
  return {
    repos: createRepositories(knex),
    knex,
    close: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
