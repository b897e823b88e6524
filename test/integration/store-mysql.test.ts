// Runs every repository contract against a fresh MariaDB/MySQL database on the
// server test/global-setup.ts started, and checks the schema conventions the
// migrations promise on that engine (InnoDB, utf8mb4, index names, down()).
import { describe, expect, it } from 'vitest';
import { describeAllRepos } from '../../server/store/contract/index.js';
import { migrateToLatest, openDatabase, parseDatabaseUrl, rollbackAll } from '../../server/store/db.js';
import { createRepositories } from '../../server/store/index.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/mariadb.js';
import { mysqlTestUrl } from '../helpers/test-db.js';

interface NameRow {
  name: string;
  detail: string;
}

describeAllRepos('MariaDB store', async () => {
  const url = await createTestDatabase(mysqlTestUrl());
  const knex = await openDatabase(parseDatabaseUrl(url));
  await migrateToLatest(knex);
  return {
    repos: createRepositories(knex),
    knex,
    close: async () => {
      await knex.destroy();
      await dropTestDatabase(url);
    },
  };
});

describe('MariaDB schema', () => {
  it('uses InnoDB and utf8mb4, names indexes <table>_<cols>_idx, and migrates down and up again', async () => {
    const url = await createTestDatabase(mysqlTestUrl());
    const knex = await openDatabase(parseDatabaseUrl(url));
    try {
      await migrateToLatest(knex);
      const [tables] = (await knex.raw(
        `SELECT table_name AS name, CONCAT(engine, ' ', table_collation) AS detail
           FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'knex%'`,
      )) as [NameRow[]];
      expect(tables.length).toBeGreaterThanOrEqual(30);
      for (const table of tables) expect(`${table.name}: ${table.detail}`).toBe(`${table.name}: InnoDB utf8mb4_bin`);

      const [indexes] = (await knex.raw(
        `SELECT DISTINCT index_name AS name, table_name AS detail FROM information_schema.statistics
          WHERE table_schema = DATABASE() AND table_name NOT LIKE 'knex%' AND index_name <> 'PRIMARY'`,
      )) as [NameRow[]];
      for (const index of indexes) expect(index.name.startsWith(`${index.detail}_`) && index.name.endsWith('_idx')).toBe(true);

      await rollbackAll(knex);
      const [left] = (await knex.raw(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'knex%'`,
      )) as [NameRow[]];
      expect(left).toEqual([]);
      await migrateToLatest(knex);
      expect(await createRepositories(knex).domains.find()).toEqual([]);
    } finally {
      await knex.destroy();
      await dropTestDatabase(url);
    }
  });
});
