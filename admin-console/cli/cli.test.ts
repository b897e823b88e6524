// causerie-admin against a real WebAdmin (createAdminConsole over SQLite,
// certificates from the development CA): login creates a token, commands
// map to the API, refusals and usage mistakes give clear messages and exit
// codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../server/config.js';
import { createLogger } from '../../server/core/logger.js';
import { createAdminConsole, type AdminConsole } from '../server.js';
import { runAdminCli } from './run.js';

describe('causerie-admin', () => {
  let dir: string;
  let admin: AdminConsole;
  let base: string[];

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli([...base, ...argv], (l) => out.push(l), (l) => err.push(l), {});
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causerie-admin-cli-'));
    const config = validate({ domain: 'cli.test', dataDir: dir, listen: { host: '127.0.0.1', adminPort: 0 }, log: { level: 'error' } });
    admin = await createAdminConsole(config, { log: createLogger('error'), scramIterations: 4096 });
    await admin.context.services.accounts.create({ jid: 'root@cli.test', password: 'pw-root-secret', serverAdmin: true });
    base = ['--url', `https://localhost:${admin.port}`, '--ca', join(dir, 'certs', 'ca.pem')];
  });
  afterAll(async () => {
    await admin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, then runs commands with the token', async () => {
    const login = await run('login', 'root@cli.test', '--password', 'pw-root-secret', '--name', 'test');
    expect(login.code).toBe(0);
    const token = login.out.trim();
    expect(token).toMatch(/^cau_/);
    base.push('--token', token);
    const created = await run('--json', 'accounts', 'create', 'lucie@cli.test', '--password', 'pw-lucie-secret', '--first-name', 'Lucie');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ jid: 'lucie@cli.test', firstName: 'Lucie' });
    const listed = await run('accounts', 'list', '--search', 'luc');
    expect(listed.out).toContain('lucie@cli.test');
    expect(listed.out).toContain('1 of 1');
    expect((await run('accounts', 'set', 'lucie@cli.test', 'teamchat=off')).code).toBe(0);
    expect(JSON.parse((await run('--json', 'accounts', 'show', 'lucie@cli.test')).out)).toMatchObject({ policy: { teamchat: false } });
    expect(JSON.parse((await run('--json', 'accounts', 'quota', 'lucie@cli.test', '500M')).out)).toMatchObject({ quotaBytes: 524_288_000 });
    expect(JSON.parse((await run('--json', 'accounts', 'quota', 'lucie@cli.test', 'default')).out)).toMatchObject({ quotaBytes: null });
    const badSize = await run('accounts', 'quota', 'lucie@cli.test', 'lots');
    expect(badSize.code).toBe(2);
    expect(badSize.err).toContain('is not a size');
    const group = JSON.parse((await run('--json', 'groups', 'create', 'cli.test', 'equipe', 'Équipe')).out) as { id: number };
    expect((await run('groups', 'add-member', String(group.id), 'account:lucie@cli.test')).code).toBe(0);
    expect((await run('groups', 'teamchat', String(group.id), 'on')).out).toContain(`equipe@conference.cli.test`);
    expect((await run('rights', 'grant', `group:${group.id}`, `group:${group.id}`, 'read,write')).code).toBe(0);
    expect((await run('rights', 'list', `group:${group.id}`)).out).toContain('Équipe');
    expect((await run('status')).out).toContain('domain: cli.test');
    // This console runs without a node: its XMPP listeners are reported down, its own port up.
    const status = JSON.parse((await run('--json', 'status')).out) as { xmpp: { listeners: Array<{ name: string; port: number; up: boolean }> }; mail: { ok: boolean; checked: string } };
    expect(status.xmpp.listeners.find((l) => l.name === 'c2s-starttls')).toMatchObject({ up: false });
    expect(status.xmpp.listeners.find((l) => l.name === 'webadmin')).toMatchObject({ port: admin.port, up: true });
    expect(status.mail).toMatchObject({ ok: true, checked: 'outbox' });
    expect(JSON.parse((await run('--json', 'api', 'GET', '/api/domains')).out).items).toHaveLength(2);
  });

  it('reports refusals with the server’s reason and exit status 1', async () => {
    const refused = await run('domains', 'set', 'cli.test', 'webdav=off');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Refused (409): TeamChat needs GroupWare and WebDAV');
    const missing = await run('accounts', 'delete', 'lucie@cli.test');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--current-password is required');
    const wrong = await run('accounts', 'delete', 'lucie@cli.test', '--current-password', 'nope');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('currentPassword');
  });

  it('explains usage mistakes, a missing token, a bad token and an unreachable server', async () => {
    expect((await run('frobnicate')).err).toContain('Unknown command: frobnicate');
    const noToken = await runAdminCli(['--url', `https://localhost:${admin.port}`, '--ca', join(dir, 'certs', 'ca.pem'), 'status'], () => undefined, () => undefined, {});
    expect(noToken).toBe(2);
    const errors: string[] = [];
    expect(await runAdminCli(['--url', `https://localhost:${admin.port}`, '--ca', join(dir, 'certs', 'ca.pem'), '--token', 'cau_bad', 'status'], () => undefined, (l) => errors.push(l), {})).toBe(1);
    expect(errors.join()).toContain('API token is not valid');
    errors.length = 0;
    expect(await runAdminCli(['--url', `https://localhost:${admin.port}`, '--token', 'x', 'status'], () => undefined, (l) => errors.push(l), {})).toBe(3);
    expect(errors.join()).toContain('--ca');
    expect(await runAdminCli(['--url', 'https://127.0.0.1:1', '--token', 'x', 'status'], () => undefined, () => undefined, {})).toBe(3);
  });
});
