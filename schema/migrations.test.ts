// Migration checks on SQLite (MariaDB: test/integration/store-mysql.test.ts):
// every table exists, indexes follow <table>_<cols>_idx, down() undoes up(),
// and the FTS5 index stays consistent with archive_messages through inserts,
// retractions and cascading deletes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { migrateToLatest, openDatabase, rollbackAll } from '../server/store/db.js';
import { createRepositories } from '../server/store/index.js';

const TABLES = [
  'domains', 'accounts', 'domain_admins', 'roster_items', 'roster_item_groups', 'offline_messages', 'vcards', 'pep_nodes',
  'pep_items', 'blocklist_items', 'push_registrations', 'groups', 'group_managers', 'group_members', 'group_join_requests',
  'rooms', 'room_members', 'rights_grants', 'archive_messages', 'pins', 'room_events', 'files', 'invitations', 'invitation_sends',
  'service_hosts', 'service_urls', 'settings', 'events', 'audit_log', 'admin_sessions', 'api_tokens',
];

type Row = Record<string, unknown>;

describe('schema migrations (SQLite)', () => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await openDatabase({ client: 'sqlite', filename: ':memory:' });
    await migrateToLatest(knex);
  });
  afterEach(async () => {
    await knex.destroy();
  });

  const names = async (type: string): Promise<Row[]> =>
    (await knex('sqlite_master').where({ type }).whereNot('name', 'like', 'sqlite_%').whereNot('name', 'like', 'knex_%').select('name', 'tbl_name')) as Row[];

  it('creates every table and names every index <table>_<cols>_idx', async () => {
    const tables = (await names('table')).map((r) => String(r.name));
    for (const table of TABLES) expect(tables).toContain(table);
    expect(tables).toContain('archive_messages_fts');
    for (const index of await names('index')) {
      expect(String(index.name)).toMatch(new RegExp(`^${String(index.tbl_name)}_\\w+_idx$`));
    }
  });

  it('rolls back to an empty database and migrates again', async () => {
    await rollbackAll(knex);
    expect((await names('table')).map((r) => r.name)).toEqual([]);
    expect(await names('trigger')).toEqual([]);
    await migrateToLatest(knex);
    expect((await names('table')).length).toBeGreaterThanOrEqual(TABLES.length);
  });

  it('keeps the FTS5 index consistent with archive_messages', async () => {
    const repos = createRepositories(knex);
    const domain = await repos.domains.insert({ name: 'fts.example' });
    const scram = { salt: 's', iterations: 1, storedKey: 'k', serverKey: 'k' };
    const account = await repos.accounts.insert({ domainId: domain.id, localpart: 'a', scramSha1: scram, scramSha256: scram });
    const owner = { kind: 'user', accountId: account.id } as const;
    await repos.archive.insertMany(
      ['alpha beta', null, 'gamma delta'].map((body, i) => ({
        owner, stanzaId: `s${i}`, originId: null, withJid: 'b@fts.example', fromJid: 'b@fts.example/r',
        senderAccountId: null, senderName: null, body, stanza: '<message/>', timestamp: new Date(),
      })),
    );
    const check = (): Promise<unknown> =>
      knex.raw("INSERT INTO archive_messages_fts(archive_messages_fts, rank) VALUES ('integrity-check', 1)");
    await check();
    await repos.archive.markRetracted(owner, 's0', '<message><retracted/></message>');
    await check();
    expect((await repos.archive.query({ owner, text: 'alpha', limit: 10 })).count).toBe(0);
    await repos.accounts.delete(account.id); // cascades to the archive rows
    await check();
    expect((await knex('archive_messages').count({ n: '*' }))[0]).toEqual({ n: 0 });
  });

  it('enforces value lists and type/foreign-key consistency', async () => {
    const now = new Date();
    const [domainId] = (await knex('domains').insert({ name: 'c.example', created_at: now, updated_at: now })) as number[];
    await expect(knex('domains').insert({ name: 'd.example', kind: 'bogus', created_at: now, updated_at: now })).rejects.toThrow(/CHECK/);
    const [groupId] = (await knex('groups').insert({ domain_id: domainId, name: 'G', alias: 'g', created_at: now, updated_at: now })) as number[];
    await expect(
      knex('group_members').insert({ group_id: groupId, member_type: 'account', member_domain_id: domainId, created_at: now }),
    ).rejects.toThrow(/CHECK/);
    await knex('group_members').insert({ group_id: groupId, member_type: 'domain', member_domain_id: domainId, created_at: now });
    await expect(
      knex('rooms').insert({ domain_id: domainId, localpart: 'r', name: 'R', kind: 'group', created_at: now, updated_at: now }),
    ).rejects.toThrow(/CHECK/);
  });
});
