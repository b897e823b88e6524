import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from './db.js';

describe('parseDatabaseUrl', () => {
  it('parses MySQL URLs with escaped credentials and a default port', () => {
    expect(parseDatabaseUrl('mysql://chat:p%40ss%3Aword@db.example:3307/causerie')).toEqual({
      client: 'mysql', host: 'db.example', port: 3307, user: 'chat', password: 'p@ss:word', database: 'causerie',
    });
    expect(parseDatabaseUrl('mariadb://u:p@[::1]/c')).toMatchObject({ host: '::1', port: 3306, database: 'c' });
  });

  it('parses SQLite URLs', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/causerie/causerie.db')).toEqual({ client: 'sqlite', filename: '/var/lib/causerie/causerie.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/c.db')).toEqual({ client: 'sqlite', filename: '/var/lib/c.db' });
    expect(parseDatabaseUrl('sqlite:data/causerie.db')).toEqual({ client: 'sqlite', filename: 'data/causerie.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ client: 'sqlite', filename: ':memory:' });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseDatabaseUrl('postgres://u:p@h/db')).toThrow(/not supported/);
    expect(() => parseDatabaseUrl('mysql://u:p@h:3306/')).toThrow(/one database/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/file name/);
    expect(() => parseDatabaseUrl('not a url')).toThrow(/not a valid URL/);
  });
});

describe('openDatabase (SQLite)', () => {
  it('creates the directory and sets WAL, foreign keys, synchronous and busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causerie-db-test-'));
    const knex = await openDatabase({ client: 'sqlite', filename: join(dir, 'nested', 'c.db') });
    try {
      const pragma = async (name: string): Promise<unknown> => {
        const rows = (await knex.raw(`PRAGMA ${name}`)) as Array<Record<string, unknown>>;
        return Object.values(rows[0] ?? {})[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
