// The `causerie account` commands work on the node's database while the
// node runs: a created account logs in, a deleted one has its sessions
// ended at once (through the events table the node follows), on SQLite and
// MariaDB.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli.js';
import type { DatabaseConfig } from '../../server/store/db.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient } from '../helpers/xmpp-client.js';
import { authenticatedRawStream } from '../helpers/raw-stream.js';

function databaseUrl(config: DatabaseConfig): string {
  if (config.client === 'sqlite') return `sqlite:${config.filename}`;
  return `mysql://${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}@${config.host}:${config.port}/${config.database}`;
}

async function cli(configFile: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--config', configFile], (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const db of testDatabaseConfigs()) {
  describe(`causerie account on a running node (${db.name})`, () => {
    let node: TestNode;
    let configFile: string;

    beforeAll(async () => {
      const database = await db.make();
      node = await startTestNode({ database });
      configFile = join(mkdtempSync(join(tmpdir(), 'causerie-cli-')), 'causerie.json');
      writeFileSync(configFile, JSON.stringify({ domain: TEST_DOMAIN, dataDir: node.dataDir, database: databaseUrl(database) }));
    });

    afterAll(async () => {
      await node?.close();
    });

    it('creates an account that can log in at once', async () => {
      const created = await cli(configFile, 'account', 'create', `dora@${TEST_DOMAIN}`, '--password', 'dora-password-1');
      expect(created).toMatchObject({ code: 0 });
      const client = await connectClient(node, { username: 'dora', password: 'dora-password-1' });
      await client.stop();
      const listed = await cli(configFile, 'account', 'list', '--search', 'dor');
      expect(listed.out).toContain(`dora@${TEST_DOMAIN}`);
    });

    it('refuses bad input with a clear message and a non-zero status', async () => {
      expect(await cli(configFile, 'account', 'create', `dora@${TEST_DOMAIN}`, '--password', 'dora-password-1')).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
      expect(await cli(configFile, 'account', 'create', `erin@${TEST_DOMAIN}`, '--password', 'short')).toMatchObject({ code: 1, err: expect.stringContaining('at least 8 characters') });
      expect(await cli(configFile, 'account', 'create', 'erin@unknown.example', '--password', 'long-enough-1')).toMatchObject({ code: 1, err: expect.stringContaining('Unknown domain') });
      expect(await cli(configFile, 'account', 'delete', `nobody@${TEST_DOMAIN}`)).toMatchObject({ code: 1, err: expect.stringContaining('No account') });
      expect(await cli(configFile, 'account', 'frobnicate', `x@${TEST_DOMAIN}`)).toMatchObject({ code: 2 });
    });

    it('ends the sessions of a deleted account within seconds', async () => {
      await cli(configFile, 'account', 'create', `fred@${TEST_DOMAIN}`, '--password', 'fred-password-1');
      const stream = await authenticatedRawStream(node.ports.c2s, 'fred', 'fred-password-1');
      const deleted = await cli(configFile, 'account', 'delete', `fred@${TEST_DOMAIN}`);
      expect(deleted.code).toBe(0);
      await stream.waitFor(/<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'\/><text[^>]*>your account was deleted/, 5_000);
      await stream.closed;
      await expect(connectClient(node, { username: 'fred', password: 'fred-password-1' })).rejects.toThrow(/not-authorized/);
    });

    it('applies a new password at once', async () => {
      await cli(configFile, 'account', 'passwd', `dora@${TEST_DOMAIN}`, '--password', 'dora-password-2');
      await expect(connectClient(node, { username: 'dora', password: 'dora-password-1' })).rejects.toThrow(/not-authorized/);
      const client = await connectClient(node, { username: 'dora', password: 'dora-password-2' });
      await client.stop();
    });
  });
}
