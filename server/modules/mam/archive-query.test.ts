// queryArchive over a real, migrated SQLite store: RSM paging in both
// directions, the form's id bounds combined with RSM, ids, unknown ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseJid } from '../../core/jid.js';
import { migrateToLatest, openDatabase } from '../../store/db.js';
import { createRepositories } from '../../store/index.js';
import type { ArchiveOwner, Repositories } from '../../store/types.js';
import { el } from '../../xmpp/stanza.js';
import { queryArchive } from './archive-query.js';
import type { MamFilters } from './query-form.js';
import type { RsmRequest } from './rsm.js';
import { userArchiveRow } from './archiving.js';

let dir: string;
let knex: Knex;
let repos: Repositories;
let owner: ArchiveOwner;
const ids: string[] = [];

const rsm = (extra: Partial<RsmRequest> = {}): RsmRequest => ({ max: 5, last: false, ...extra });
const run = (filters: MamFilters, request: RsmRequest) => queryArchive(repos.archive, owner, filters, request);
const bodies = (page: { messages: { body: string | null }[] }) => page.messages.map((m) => m.body);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'causerie-mam-'));
  knex = await openDatabase({ client: 'sqlite', filename: join(dir, 'db.sqlite') });
  await migrateToLatest(knex);
  repos = createRepositories(knex);
  const domain = await repos.domains.insert({ name: 'mam.test' });
  const keys = { salt: 'c2FsdA==', iterations: 4096, storedKey: 'a2V5', serverKey: 'a2V5' };
  const account = await repos.accounts.insert({ domainId: domain.id, localpart: 'owner', scramSha1: keys, scramSha256: keys });
  owner = { kind: 'user', accountId: account.id };
  const base = Date.parse('2024-01-01T00:00:00Z');
  const rows = Array.from({ length: 12 }, (_, i) => {
    const id = `id-${String(i).padStart(2, '0')}`;
    ids.push(id);
    const peer = i % 2 === 0 ? 'even@mam.test' : 'odd@mam.test';
    const stanza = el('message', { from: `${peer}/r`, to: 'owner@mam.test', type: 'chat' }, el('body', null, `m${i} ${i % 3 === 0 ? 'banana' : 'apple'}`));
    return userArchiveRow({ ownerAccountId: account.id, stanzaId: id, stanza, withJid: peer, senderAccountId: null, at: new Date(base + i * 60_000) });
  });
  await repos.archive.insertMany(rows);
});

afterAll(async () => {
  await knex?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('queryArchive', () => {
  it('pages forward with index 0 and count, then completes', async () => {
    const first = await run({}, rsm());
    expect(bodies(first)).toEqual(['m0 banana', 'm1 apple', 'm2 apple', 'm3 banana', 'm4 apple']);
    expect(first).toMatchObject({ complete: false, count: 12, firstIndex: 0 });
    const last = await run({}, rsm({ after: ids[9] }));
    expect(bodies(last)).toEqual(['m10 apple', 'm11 apple']);
    expect(last.complete).toBe(true);
    expect(last.firstIndex).toBeUndefined();
  });

  it('gives the last page for an empty <before/>, with its index', async () => {
    const page = await run({}, rsm({ last: true }));
    expect(bodies(page)).toEqual(['m7 apple', 'm8 apple', 'm9 banana', 'm10 apple', 'm11 apple']);
    expect(page).toMatchObject({ complete: false, count: 12, firstIndex: 7 });
    const earlier = await run({}, rsm({ before: ids[2] }));
    expect(bodies(earlier)).toEqual(['m0 banana', 'm1 apple']);
    expect(earlier.complete).toBe(true);
  });

  it('filters by with, time and text', async () => {
    expect(bodies(await run({ with: parseJid('odd@mam.test') }, rsm({ max: 3 })))).toEqual(['m1 apple', 'm3 banana', 'm5 apple']);
    const window = await run({ start: new Date('2024-01-01T00:03:00Z'), end: new Date('2024-01-01T00:04:00Z') }, rsm());
    expect(bodies(window)).toEqual(['m3 banana', 'm4 apple']);
    expect(window.count).toBe(2);
    const hits = await run({ text: 'banana' }, rsm({ max: 10 }));
    expect(bodies(hits)).toEqual(['m0 banana', 'm3 banana', 'm6 banana', 'm9 banana']);
    expect((await run({ text: 'cherry' }, rsm())).messages).toEqual([]);
  });

  it('combines after-id/before-id with RSM, keeping the tighter bound', async () => {
    const range = await run({ afterId: ids[2], beforeId: ids[6] }, rsm({ max: 10 }));
    expect(bodies(range)).toEqual(['m3 banana', 'm4 apple', 'm5 apple']);
    expect(range.count).toBeUndefined();
    const tighter = await run({ afterId: ids[2] }, rsm({ after: ids[4], max: 2 }));
    expect(bodies(tighter)).toEqual(['m5 apple', 'm6 banana']);
    const looser = await run({ afterId: ids[8] }, rsm({ after: ids[4], max: 2 }));
    expect(bodies(looser)).toEqual(['m9 banana', 'm10 apple']);
  });

  it('pages backwards from the end within an after-id bound', async () => {
    const page = await run({ afterId: ids[8] }, rsm({ last: true }));
    expect(bodies(page)).toEqual(['m9 banana', 'm10 apple', 'm11 apple']);
    expect(page.complete).toBe(true);
    const partial = await run({ afterId: ids[1] }, rsm({ last: true, max: 3 }));
    expect(bodies(partial)).toEqual(['m9 banana', 'm10 apple', 'm11 apple']);
    expect(partial.complete).toBe(false);
  });

  it('fetches by ids and refuses unknown ids with item-not-found', async () => {
    expect(bodies(await run({ ids: [ids[3] as string, ids[1] as string] }, rsm()))).toEqual(['m1 apple', 'm3 banana']);
    const cases: Array<[MamFilters, RsmRequest]> = [
      [{ ids: [ids[1] as string, 'nope'] }, rsm()],
      [{}, rsm({ after: 'nope' })],
      [{}, rsm({ before: 'nope' })],
      [{ afterId: 'nope' }, rsm({ last: true })],
      [{ beforeId: 'nope' }, rsm({ before: ids[3] })],
    ];
    for (const [filters, request] of cases) {
      await expect(run(filters, request)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.condition === 'item-not-found');
    }
  });

  it('answers max=0 with the count only', async () => {
    const page = await run({}, rsm({ max: 0 }));
    expect(page.messages).toEqual([]);
    expect(page.count).toBe(12);
  });
});
