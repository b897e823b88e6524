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

  it('runs the guests, discovery, TeamChat, tokens, domains, groups and rooms commands', async () => {
    const json = async (...argv: string[]): Promise<Record<string, unknown> & { items?: Array<Record<string, unknown>> }> => {
      const result = await run('--json', ...argv);
      expect(result.code, `${argv.join(' ')}: ${result.err}`).toBe(0);
      return JSON.parse(result.out) as Record<string, unknown>;
    };
    const { services, config } = admin.context;
    // Domains and their administrators (adding one asks for the password).
    expect(await json('domains', 'create', 'autre.test', '--description', 'Autre')).toMatchObject({ name: 'autre.test', description: 'Autre' });
    const chef = await services.accounts.create({ jid: 'chef@autre.test', password: 'pw-chef-secret' });
    expect((await run('domains', 'add-admin', 'autre.test', 'chef@autre.test')).code).toBe(2);
    expect((await run('domains', 'add-admin', 'autre.test', 'chef@autre.test', '--current-password', 'pw-root-secret')).out).toBe('Done.');
    expect(await json('domains', 'show', 'autre.test')).toMatchObject({ admins: [expect.objectContaining({ id: chef.id })] });
    expect((await run('domains', 'remove-admin', 'autre.test', String(chef.id))).code).toBe(0);
    expect(await json('domains', 'show', 'autre.test')).toMatchObject({ admins: [] });

    // Groups: set, join requests, rooms, delete.
    const group = (await json('groups', 'create', 'autre.test', 'club', 'Club', '--access', 'restricted')) as { id: number };
    expect(await json('groups', 'set', String(group.id), 'name=Le Club', 'access=open')).toMatchObject({ name: 'Le Club', access: 'open' });
    await json('groups', 'set', String(group.id), 'access=restricted');
    const asker = await services.accounts.create({ jid: 'asker@autre.test', password: 'pw-asker-secret' });
    const request = await services.groups.join(asker, group.id, 'Puis-je ?');
    expect((await json('groups', 'requests', String(group.id))).items).toEqual([expect.objectContaining({ id: request?.id, message: 'Puis-je ?' })]);
    expect((await run('groups', 'approve', String(group.id), String(request?.id))).code).toBe(0);
    expect((await json('groups', 'requests', String(group.id))).items).toEqual([]);
    expect((await run('groups', 'reject', String(group.id), String(request?.id))).code).toBe(1);
    const rooms = (await json('groups', 'teamchat', String(group.id), 'on')).items as Array<{ id: number }>;
    expect(await json('rooms', 'show', String(rooms[0]?.id))).toMatchObject({ name: 'TeamChat', jid: 'club@conference.autre.test' });
    expect((await run('groups', 'delete', String(group.id))).code).toBe(2);
    expect((await run('groups', 'delete', String(group.id), '--current-password', 'pw-root-secret')).code).toBe(0);
    expect((await run('groups', 'show', String(group.id))).code).toBe(1);

    // Guests: list, show, set, password reset, delete (the last two ask for the password).
    const guest = await services.accounts.create({ jid: `gaby@${config.guestDomain}`, password: 'pw-gaby-secret', kind: 'guest', email: 'gaby@mail.test' });
    expect((await run('guests', 'list', '--search', 'gaby')).out).toContain('gaby@mail.test');
    expect(await json('guests', 'set', String(guest.id), 'firstName=Gaby')).toMatchObject({ firstName: 'Gaby' });
    expect(await json('guests', 'show', String(guest.id))).toMatchObject({ firstName: 'Gaby', rooms: [] });
    expect((await run('guests', 'reset-password', String(guest.id))).code).toBe(2);
    const reset = await json('guests', 'reset-password', String(guest.id), '--current-password', 'pw-root-secret');
    expect(reset).toMatchObject({ generated: true });
    expect(await services.accounts.verifyPassword('gaby', config.guestDomain, String(reset.password))).toBeDefined();
    expect(await json('guests', 'delete', String(guest.id), '--current-password', 'pw-root-secret')).toEqual({ deleted: [guest.id], failed: [] });

    // Discovery: public host, a service host added, changed and removed, a refused URL with its reason.
    expect(await json('discovery', 'public-host', 'chat.cli.test')).toEqual({ host: 'chat.cli.test' });
    const host = (await json('discovery', 'add-host', 'imap', 'mail.cli.test', '143', 'starttls')) as { id: number };
    expect(await json('discovery', 'set-host', String(host.id), 'imap', 'mail.cli.test', '993', 'tls')).toMatchObject({ port: 993, mode: 'tls' });
    expect(await json('discovery', 'show')).toMatchObject({ publicHost: 'chat.cli.test', hosts: [expect.objectContaining({ port: 993 })] });
    expect((await run('discovery', 'remove-host', String(host.id))).code).toBe(0);
    const refused = await run('discovery', 'set-url', 'webclient', 'http://chat.cli.test/web/');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Refused (422)');

    // TeamChat stop (asks for the password) and start.
    expect((await run('teamchat', 'stop')).code).toBe(2);
    expect(await json('teamchat', 'stop', '--current-password', 'pw-root-secret')).toEqual({ running: false });
    expect(await services.policies.isServiceRunning()).toBe(false);
    expect(await json('teamchat', 'start')).toEqual({ running: true });

    // Tokens: listed, and a revoked one stops working.
    const second = (await run('login', 'root@cli.test', '--password', 'pw-root-secret', '--name', 'second')).out.trim();
    const listed = (await json('tokens', 'list')).items as Array<{ id: number; name: string }>;
    const secondId = listed.find((t) => t.name === 'second')?.id as number;
    expect((await run('tokens', 'revoke', String(secondId))).code).toBe(0);
    const errors: string[] = [];
    expect(await runAdminCli(['--url', `https://localhost:${admin.port}`, '--ca', join(dir, 'certs', 'ca.pem'), '--token', second, 'status'], () => undefined, (l) => errors.push(l), {})).toBe(1);
    expect(errors.join()).toContain('API token is not valid');
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
