// The sweeps on a real, migrated SQLite store and a real data folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../store/db.js';
import { createRepositories } from '../../store/index.js';
import { scram } from '../../store/contract/fixtures.js';
import type { Repositories } from '../../store/types.js';
import { sweepDeletedAccounts, sweepExpiredSlots } from './cleanup.js';
import { FileStorage, newToken } from './storage.js';
import { SLOT_TTL_MS } from './state.js';

describe('upload sweeps', () => {
  let dir: string;
  let knex: Knex;
  let repos: Repositories;
  let storage: FileStorage;
  let owner: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causerie-upload-'));
    knex = await openDatabase({ client: 'sqlite', filename: join(dir, 'causerie.db') });
    await migrateToLatest(knex);
    repos = createRepositories(knex);
    storage = new FileStorage(dir);
    const domain = await repos.domains.insert({ name: 'sweep.example' });
    owner = (await repos.accounts.insert({ domainId: domain.id, localpart: 'anna', scramSha1: scram('1'), scramSha256: scram('256') })).id;
  });

  afterAll(async () => {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function slot(createdAt: Date, partialBytes?: string): Promise<{ token: string; path: string }> {
    const token = newToken();
    const path = storage.relativePath(owner, token);
    await storage.ensureFolder(owner);
    if (partialBytes !== undefined) writeFileSync(storage.partial(path), partialBytes);
    await repos.files.insert({ ownerAccountId: owner, token, filename: 'f.bin', contentType: null, size: 10, storagePath: path, createdAt });
    return { token, path };
  }

  it('removes expired pending slots and their partial files, keeps live, complete and in-progress ones', async () => {
    const now = Date.now();
    const old = new Date(now - SLOT_TTL_MS - 1000);
    const expired = await slot(old, 'half');
    const writing = await slot(old, 'still coming');
    const live = await slot(new Date(now));
    const done = await slot(old);
    const doneFile = await repos.files.getByToken(done.token);
    await repos.files.complete(doneFile?.id as number, new Date(now));

    expect(await sweepExpiredSlots({ files: repos.files, storage, writing: new Set([writing.token]) }, now)).toBe(1);
    expect(await repos.files.getByToken(expired.token)).toBeUndefined();
    expect(existsSync(storage.partial(expired.path))).toBe(false);
    expect(await repos.files.getByToken(writing.token)).toBeDefined();
    expect(existsSync(storage.partial(writing.path))).toBe(true);
    expect(await repos.files.getByToken(live.token)).toBeDefined();
    expect((await repos.files.getByToken(done.token))?.status).toBe('complete');
  });

  it('removes the folders of accounts that no longer exist', async () => {
    mkdirSync(join(storage.root, '999999'), { recursive: true });
    writeFileSync(join(storage.root, '999999', 'orphan'), 'x');
    mkdirSync(join(storage.root, 'not-an-account'), { recursive: true });
    const exists = async (id: number): Promise<boolean> => (await repos.accounts.get(id)) !== undefined;
    expect(await sweepDeletedAccounts(storage, exists)).toBe(1);
    expect(existsSync(join(storage.root, '999999'))).toBe(false);
    expect(existsSync(join(storage.root, String(owner)))).toBe(true);
    expect(existsSync(join(storage.root, 'not-an-account'))).toBe(true);
  });
});
