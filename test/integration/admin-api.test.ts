// The WebAdmin REST API against a running node (its admin console started
// beside it), on SQLite and MariaDB: sign-in and sessions, CSRF, path
// normalisation, security headers, validation problems, authorization by
// role (server admin, domain admin, group manager, user, guest), every
// endpoint family, API tokens, the audit log and the login throttle.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { AdminApi } from '../helpers/admin-api.js';

type Json = Record<string, unknown>;
type Item = Json & { id: number };
const items = (body: Json): Item[] => body.items as Item[];

for (const db of testDatabaseConfigs()) {
  describe(`WebAdmin API (${db.name})`, () => {
    let node: TestNode;
    let root: AdminApi;
    let adminPassword: string;
    const port = (): number => node.ports.admin as number;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      adminPassword = node.firstAdmin?.password as string;
      root = new AdminApi(port());
      expect((await root.login(`admin@${TEST_DOMAIN}`, adminPassword)).status).toBe(200);
    });
    afterAll(async () => {
      await node?.close();
    });

    it('serves the OpenAPI document and security headers; says who is signed in', async () => {
      const anonymous = new AdminApi(port());
      const doc = await anonymous.get('/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body).toMatchObject({ openapi: '3.1.0' });
      expect(Object.keys(doc.body.paths as Json)).toContain('/api/accounts/{id}');
      expect(doc.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(doc.headers.get('x-content-type-options')).toBe('nosniff');
      expect(doc.headers.get('strict-transport-security')).toContain('max-age=');
      expect((await anonymous.get('/api/session')).body).toEqual({ authenticated: false });
      const me = await root.get('/api/session');
      expect(me.body).toMatchObject({ authenticated: true, account: { jid: `admin@${TEST_DOMAIN}` }, roles: { serverAdmin: true }, csrfToken: root.csrf });
    });

    it('sets a Secure, HttpOnly, SameSite=Strict host-only cookie and refuses wrong credentials and plain users', async () => {
      const api = new AdminApi(port());
      const response = await fetch(`${api.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jid: `admin@${TEST_DOMAIN}`, password: adminPassword }) });
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^__Host-causerie-admin=[\w-]{40,};/);
      for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']) expect(cookie).toContain(attribute);
      // Expires is the session's absolute end: 12 hours after sign-in.
      const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
      expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(60_000);
      const opened = (await response.json()) as { absoluteExpiresAt: string; expiresAt: string };
      expect(Math.abs(Date.parse(opened.absoluteExpiresAt) - expires)).toBeLessThan(1000);
      expect(Date.parse(opened.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
      const wrong = await api.login(`admin@${TEST_DOMAIN}`, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      expect(wrong.body).toMatchObject({ status: 401, detail: 'Wrong address or password' });
      await node.createUser('plainuser');
      const plain = await api.login(`plainuser@${TEST_DOMAIN}`, 'pw-plainuser-secret');
      expect(plain.status).toBe(403);
      expect(String(plain.body.detail)).toContain('administrators');
      await node.services.accounts.create({ jid: `guest1@${node.config.guestDomain}`, password: 'pw-guest1-secret', kind: 'guest', serverAdmin: true });
      expect((await api.login(`guest1@${node.config.guestDomain}`, 'pw-guest1-secret')).status).toBe(403);
      expect((await api.request('POST', '/api/session', { jid: 'x@y' })).body).toMatchObject({ status: 400, field: 'password' });
      expect((await api.request('POST', '/api/session', undefined, { raw: '{not json' })).body).toMatchObject({ status: 400 });
    });

    it('checks authentication on every spelling of a path', async () => {
      const anonymous = new AdminApi(port());
      for (const path of ['/api/accounts', '/API/Accounts', '/api//accounts/', '/x/../api/accounts', '/api/%61ccounts', '/api/nothing-here']) {
        const response = await anonymous.get(path);
        expect(response.status, path).toBe(401);
        expect(response.body.type, path).toBe('urn:causerie:error:not-signed-in');
      }
      expect((await anonymous.get('/api/accounts%2f1')).status).toBe(400);
      expect((await root.get('/API//Accounts')).status).toBe(200);
      expect((await root.get('/api/nothing-here')).status).toBe(404);
    });

    it('refuses state-changing requests without the CSRF token', async () => {
      const missing = await root.request('POST', '/api/domains', { name: 'csrf.test' }, { noCsrf: true });
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ type: 'urn:causerie:error:csrf-token-invalid' });
      const wrong = await root.request('POST', '/api/domains', { name: 'csrf.test' }, { noCsrf: true, headers: { 'x-csrf-token': 'forged' } });
      expect(wrong.status).toBe(403);
      expect((await root.get('/api/domains')).body.items).not.toContainEqual(expect.objectContaining({ name: 'csrf.test' }));
    });

    it('manages domains and refuses TeamChat without GroupWare and WebDAV with the reason (409)', async () => {
      const created = await root.request('POST', '/api/domains', { name: 'Beta.Test', description: 'Second' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'beta.test', kind: 'regular', description: 'Second', teamchat: true });
      expect((await root.request('POST', '/api/domains', { name: 'beta.test' })).status).toBe(409);
      expect((await root.request('POST', '/api/domains', { name: 'not a domain!' })).status).toBe(400);
      expect((await root.request('POST', '/api/domains', { name: 'x.test', colour: 'red' })).body).toMatchObject({ status: 400, field: 'colour' });
      const refused = await root.request('PATCH', '/api/domains/beta.test', { webdav: false });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ type: 'urn:causerie:error:teamchat-requires-groupware-webdav' });
      expect(String(refused.body.detail)).toContain('TeamChat needs GroupWare and WebDAV');
      expect((await root.request('PATCH', '/api/domains/beta.test', { teamchat: false, webdav: false })).body).toMatchObject({ teamchat: false, webdav: false, groupware: true });
      expect((await root.request('PATCH', '/api/domains/beta.test', { teamchat: 'yes' })).body).toMatchObject({ status: 400, field: 'teamchat' });
      expect((await root.request('PATCH', '/api/domains/beta.test', { teamchat: true, webdav: true })).status).toBe(200);
      expect(items((await root.get('/api/domains')).body).map((d) => d.name)).toEqual(expect.arrayContaining([TEST_DOMAIN, 'beta.test', node.config.guestDomain]));
      expect((await root.get('/api/domains/nope.test')).status).toBe(404);
    });

    it('manages accounts: create, search and paging, switches, password, disable, delete', async () => {
      const weak = await root.request('POST', '/api/accounts', { jid: `weak@${TEST_DOMAIN}`, password: 'short' });
      expect(weak.body).toMatchObject({ status: 400, type: 'urn:causerie:error:weak-password' });
      expect((await root.request('POST', '/api/accounts', { jid: `x@unknown.test`, password: 'long-enough-pw' })).status).toBe(404);
      const ids: number[] = [];
      for (const name of ['marie', 'martin', 'paul']) {
        const created = await root.request('POST', '/api/accounts', { jid: `${name}@${TEST_DOMAIN}`, password: `pw-${name}-secret`, firstName: name.toUpperCase() });
        expect(created.status).toBe(201);
        ids.push((created.body as Item).id);
      }
      expect((await root.request('POST', '/api/accounts', { jid: `marie@${TEST_DOMAIN}`, password: 'pw-marie-secret' })).status).toBe(409);
      const page = await root.get(`/api/accounts?domain=${TEST_DOMAIN}&search=mar&limit=1&offset=1`);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(items(page.body)).toHaveLength(1);
      expect((await root.get('/api/accounts?limit=0')).body).toMatchObject({ status: 400, field: 'limit' });
      const marie = ids[0] as number;
      const got = await root.get(`/api/accounts/${marie}`);
      expect(got.body).toMatchObject({ jid: `marie@${TEST_DOMAIN}`, firstName: 'MARIE', policy: { teamchat: null }, effective: { teamchat: true } });
      expect(got.body).not.toHaveProperty('scramSha256');
      expect((await root.request('PATCH', `/api/accounts/${marie}`, { teamchat: false, lastName: 'Curie' })).body).toMatchObject({ lastName: 'Curie', policy: { teamchat: false }, effective: { teamchat: false } });
      expect((await root.request('PATCH', `/api/accounts/${marie}`, { teamchat: null })).body).toMatchObject({ policy: { teamchat: null }, effective: { teamchat: true } });
      expect((await root.request('PATCH', `/api/accounts/${marie}`, { teamchat: 'inherit' })).body).toMatchObject({ status: 400, field: 'teamchat' });
      expect((await root.request('PATCH', `/api/accounts/${marie}`, { email: 'not-mail' })).body).toMatchObject({ status: 400, field: 'email' });
      expect((await root.request('PUT', `/api/accounts/${marie}/password`, { password: 'pw-marie-new-1' })).body).toMatchObject({ status: 400, field: 'currentPassword' });
      expect((await root.request('PUT', `/api/accounts/${marie}/password`, { password: 'pw-marie-new-1', currentPassword: 'wrong' })).status).toBe(403);
      expect((await root.request('PUT', `/api/accounts/${marie}/password`, { password: 'pw-marie-new-1', currentPassword: adminPassword })).status).toBe(204);
      expect(await node.services.accounts.verifyPassword('marie', TEST_DOMAIN, 'pw-marie-new-1')).toBeDefined();
      expect((await root.request('PATCH', `/api/accounts/${marie}`, { disabled: true })).body).toMatchObject({ disabled: true });
      // Another administrator's password set by root: their WebAdmin session ends.
      const other = (await root.request('POST', '/api/accounts', { jid: `second@${TEST_DOMAIN}`, password: 'pw-second-secret', serverAdmin: true, currentPassword: adminPassword })).body as Item;
      const second = new AdminApi(port());
      expect((await second.login(`second@${TEST_DOMAIN}`, 'pw-second-secret')).status).toBe(200);
      expect((await root.request('PUT', `/api/accounts/${other.id}/password`, { password: 'pw-second-new', currentPassword: adminPassword })).status).toBe(204);
      expect((await second.get('/api/domains')).status).toBe(401);
      const me = (await root.get('/api/session')).body.account as Item;
      expect((await root.request('DELETE', `/api/accounts/${me.id}`, { currentPassword: adminPassword })).status).toBe(409);
      expect((await root.request('DELETE', `/api/accounts/${ids[2]}`)).status).toBe(400);
      expect((await root.request('DELETE', `/api/accounts/${ids[2]}`, { currentPassword: adminPassword })).status).toBe(204);
      expect((await root.get(`/api/accounts/${ids[2]}`)).status).toBe(404);
      expect((await root.get('/api/accounts/abc')).status).toBe(404);
    });

    it('keeps a domain administrator inside their domains', async () => {
      await root.request('POST', '/api/domains', { name: 'gamma.test' });
      const boss = await root.request('POST', '/api/accounts', { jid: 'boss@gamma.test', password: 'pw-boss-secret' });
      const worker = await root.request('POST', '/api/accounts', { jid: 'worker@gamma.test', password: 'pw-worker-secret' });
      const outsider = await node.createUser('outsider');
      const outsiderId = (await node.services.accounts.getByJid('outsider', TEST_DOMAIN))?.id as number;
      expect(outsider.jid).toBe(`outsider@${TEST_DOMAIN}`);
      expect((await root.request('PUT', `/api/domains/gamma.test/admins/${(boss.body as Item).id}`, { currentPassword: adminPassword })).status).toBe(204);
      const dadmin = new AdminApi(port());
      expect((await dadmin.login('boss@gamma.test', 'pw-boss-secret')).body).toMatchObject({ roles: { serverAdmin: false, domainAdminOf: ['gamma.test'] } });
      expect(items((await dadmin.get('/api/domains')).body).map((d) => d.name)).toEqual(['gamma.test']);
      expect((await dadmin.get(`/api/domains/${TEST_DOMAIN}`)).status).toBe(404);
      expect((await dadmin.request('PATCH', `/api/domains/${TEST_DOMAIN}`, { teamchat: false })).status).toBe(404);
      expect((await dadmin.request('POST', '/api/domains', { name: 'mine.test' })).status).toBe(403);
      const listed = await dadmin.get('/api/accounts');
      expect(items(listed.body).map((a) => a.jid).sort()).toEqual(['boss@gamma.test', 'worker@gamma.test']);
      expect((await dadmin.get(`/api/accounts?domain=${TEST_DOMAIN}`)).status).toBe(404);
      expect((await dadmin.get(`/api/accounts/${outsiderId}`)).status).toBe(404);
      expect((await dadmin.request('PATCH', `/api/accounts/${outsiderId}`, { disabled: true })).status).toBe(404);
      expect((await dadmin.request('DELETE', `/api/accounts/${outsiderId}`, { currentPassword: 'pw-boss-secret' })).status).toBe(404);
      expect((await dadmin.request('POST', '/api/accounts', { jid: `new@${TEST_DOMAIN}`, password: 'pw-new-secret' })).status).toBe(403);
      expect((await dadmin.request('PATCH', `/api/accounts/${(worker.body as Item).id}`, { serverAdmin: true })).status).toBe(403);
      expect((await dadmin.request('PATCH', `/api/accounts/${(worker.body as Item).id}`, { webdav: false })).body).toMatchObject({ policy: { webdav: false } });
      expect((await dadmin.request('PUT', '/api/teamchat/service', { running: false, currentPassword: 'pw-boss-secret' })).status).toBe(403);
      expect((await dadmin.request('PUT', '/api/discovery/public-host', { host: 'chat.gamma.test' })).status).toBe(403);
      expect((await dadmin.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Theirs', alias: 'theirs' })).status).toBe(403);
      expect((await dadmin.request('POST', '/api/groups', { domain: 'gamma.test', name: 'Ours', alias: 'ours' })).status).toBe(201);
      expect(items((await dadmin.get('/api/audit')).body).every((e) => e.actor === 'boss@gamma.test')).toBe(true);
    });

    it('builds a group: members, managers, cycles refused, TeamChat room, rights by preset and custom set', async () => {
      const group = (await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Équipe', alias: 'equipe', access: 'restricted' })).body as Item;
      expect(group).toMatchObject({ address: `equipe@${TEST_DOMAIN}`, access: 'restricted', teamchatEnabled: false });
      expect((await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Bad', alias: 'Bad Alias!' })).status).toBe(400);
      expect((await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Again', alias: 'equipe' })).status).toBe(409);
      const other = (await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Other', alias: 'other' })).body as Item;
      await node.createUser('lea');
      expect((await root.request('POST', `/api/groups/${group.id}/members`, { type: 'account', jid: `lea@${TEST_DOMAIN}` })).body).toMatchObject({ type: 'account', label: `lea@${TEST_DOMAIN}` });
      expect((await root.request('POST', `/api/groups/${group.id}/members`, { type: 'domain', name: 'beta.test' })).status).toBe(201);
      expect((await root.request('POST', `/api/groups/${group.id}/members`, { type: 'group', id: other.id })).status).toBe(201);
      const cycle = await root.request('POST', `/api/groups/${other.id}/members`, { type: 'group', id: group.id });
      expect(cycle.status).toBe(409);
      expect(cycle.body.type).toBe('urn:causerie:error:group-cycle');
      expect((await root.request('POST', `/api/groups/${group.id}/members`, { type: 'room', id: 1 })).body).toMatchObject({ status: 400, field: 'type' });
      expect((await root.request('POST', `/api/groups/${group.id}/members`, { type: 'account', jid: 'ghost@nowhere.test' })).status).toBe(404);
      const detail = await root.get(`/api/groups/${group.id}`);
      expect((detail.body.members as Item[]).map((m) => m.label).sort()).toEqual(['Other', 'beta.test', `lea@${TEST_DOMAIN}`].sort());
      expect((await root.request('DELETE', `/api/groups/${group.id}/members/group/${other.id}`)).status).toBe(204);
      expect((await root.request('DELETE', `/api/groups/${group.id}/members/group/${other.id}`)).status).toBe(404);
      expect((await root.request('POST', `/api/groups/${group.id}/rooms`, { name: 'Too early' })).status).toBe(409);
      const enabled = await root.request('PUT', `/api/groups/${group.id}/teamchat`, { enabled: true });
      expect(items(enabled.body)).toEqual([expect.objectContaining({ name: 'TeamChat', jid: `equipe@conference.${TEST_DOMAIN}` })]);
      const second = (await root.request('POST', `/api/groups/${group.id}/rooms`, { name: 'Projets' })).body as Item;
      expect(items((await root.get(`/api/groups/${group.id}/rooms`)).body).map((r) => r.name).sort()).toEqual(['Projets', 'TeamChat']);
      const leaId = (await node.services.accounts.getByJid('lea', TEST_DOMAIN))?.id as number;
      expect((await root.request('PUT', `/api/groups/${group.id}/rights/account/${leaId}`, { preset: 'reader' })).body).toMatchObject({ preset: 'reader', rights: { read: true, write: false } });
      expect((await root.request('PUT', `/api/groups/${group.id}/rights/account/${leaId}`, { rights: ['write', 'invite'] })).body).toMatchObject({ preset: null, rights: { read: true, write: true, invite: true, admin: false } });
      expect((await root.request('PUT', `/api/groups/${group.id}/rights/account/${leaId}`, { rights: ['fly'] })).body).toMatchObject({ status: 400 });
      expect((await root.request('PUT', `/api/groups/${group.id}/rights/account/${leaId}`, { preset: 'reader', rights: ['read'] })).status).toBe(400);
      expect((await root.request('PUT', `/api/groups/${group.id}/rights/account/999999`, { preset: 'reader' })).status).toBe(404);
      expect((await root.request('PUT', `/api/rooms/${second.id}/rights/domain/${(await node.services.domains.get('beta.test'))?.id}`, { preset: 'administrator' })).body).toMatchObject({ grantee: { label: 'beta.test' }, preset: 'administrator' });
      expect(items((await root.get(`/api/groups/${group.id}/rights`)).body)).toEqual([expect.objectContaining({ grantee: expect.objectContaining({ type: 'account', id: leaId }) })]);
      expect(items((await root.get(`/api/rooms/${second.id}/rights`)).body)).toHaveLength(1);
      expect((await root.request('DELETE', `/api/groups/${group.id}/rights/account/${leaId}`)).status).toBe(204);
      expect(items((await root.get(`/api/groups/${group.id}/rights`)).body)).toEqual([]);

      // A group manager sees and manages only their group.
      const manager = await node.createUser('manon');
      const manonId = (await node.services.accounts.getByJid('manon', TEST_DOMAIN))?.id as number;
      expect((await root.request('PUT', `/api/groups/${group.id}/managers/${manonId}`)).status).toBe(204);
      const api = new AdminApi(port());
      expect((await api.login(manager.jid, manager.password)).body).toMatchObject({ roles: { managerOf: [group.id] } });
      expect(items((await api.get('/api/groups')).body).map((g) => g.id)).toEqual([group.id]);
      expect((await api.get(`/api/groups/${other.id}`)).status).toBe(404);
      expect((await api.request('POST', `/api/groups/${group.id}/members`, { type: 'account', jid: `outsider@${TEST_DOMAIN}` })).status).toBe(201);
      expect((await api.request('PUT', `/api/groups/${group.id}/rights/group/${group.id}`, { preset: 'author' })).status).toBe(200);
      expect((await api.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Mine', alias: 'mine' })).status).toBe(403);
      expect((await api.request('PUT', `/api/groups/${group.id}/managers/${leaId}`)).status).toBe(403);
      // Restricted group: a request to join, approved by the manager, makes a member.
      const asker = await node.services.accounts.getByJid('plainuser', TEST_DOMAIN);
      const request = await node.services.groups.join(asker!, group.id, 'Je voudrais participer');
      const pending = items((await api.get(`/api/groups/${group.id}/requests`)).body);
      expect(pending).toEqual([expect.objectContaining({ id: request?.id, message: 'Je voudrais participer', account: expect.objectContaining({ jid: `plainuser@${TEST_DOMAIN}` }) })]);
      expect((await api.request('POST', `/api/groups/${group.id}/requests/${request?.id}`, { approve: 'yes' })).status).toBe(400);
      expect((await api.request('POST', `/api/groups/${group.id}/requests/${request?.id}`, { approve: true })).status).toBe(204);
      expect((await api.request('POST', `/api/groups/${group.id}/requests/${request?.id}`, { approve: true })).status).toBe(404);
      expect(((await api.get(`/api/groups/${group.id}`)).body.members as Item[]).map((m) => m.label)).toContain(`plainuser@${TEST_DOMAIN}`);
      expect((await api.get('/api/accounts/1')).status).toBe(404);
    });

    it('manages guests: list with search, page, edit, password reset, bulk delete', async () => {
      const guestDomain = node.config.guestDomain;
      const ids: number[] = [];
      for (const name of ['anne', 'annie', 'zoe']) {
        const account = await node.services.accounts.create({ jid: `${name}@${guestDomain}`, password: `pw-${name}-secret`, kind: 'guest', email: `${name}@mail.test` });
        ids.push(account.id);
      }
      const listed = await root.get('/api/guests?search=ann&limit=10');
      expect(items(listed.body).map((g) => g.email).sort()).toEqual(['anne@mail.test', 'annie@mail.test']);
      expect(listed.body).toMatchObject({ total: 2, limit: 10, offset: 0 });
      expect((await root.get('/api/guests?limit=abc')).status).toBe(400);
      const [anne, alain, zoe] = ids as [number, number, number];
      expect((await root.request('PATCH', `/api/guests/${anne}`, { firstName: 'Anne', lastName: 'Dupont', description: 'Consultante' })).body).toMatchObject({ firstName: 'Anne', lastName: 'Dupont', description: 'Consultante', rooms: [] });
      expect((await root.get(`/api/guests/${anne}`)).body).toMatchObject({ firstName: 'Anne', lastLoginAt: null, lastLoginIp: null });
      const reset = await root.request('POST', `/api/guests/${anne}/password`, { currentPassword: adminPassword });
      expect(reset.body).toMatchObject({ generated: true });
      expect(await node.services.accounts.verifyPassword('anne', guestDomain, String(reset.body.password))).toBeDefined();
      expect((await root.request('POST', `/api/guests/${anne}/password`, { password: 'short', currentPassword: adminPassword })).status).toBe(400);
      const plainUser = (await node.services.accounts.getByJid('plainuser', TEST_DOMAIN))?.id as number;
      const bulk = await root.request('POST', '/api/guests/delete', { ids: [alain, zoe, plainUser], currentPassword: adminPassword });
      expect(bulk.body).toMatchObject({ deleted: [alain, zoe], failed: [{ id: plainUser }] });
      expect((await root.request('POST', '/api/guests/delete', { ids: [], currentPassword: adminPassword })).body).toMatchObject({ status: 400, field: 'ids' });
      expect((await root.request('DELETE', `/api/guests/${anne}`, { currentPassword: adminPassword })).status).toBe(204);
      expect((await root.get(`/api/guests/${anne}`)).status).toBe(404);
      const dadmin = new AdminApi(port());
      await dadmin.login('boss@gamma.test', 'pw-boss-secret');
      expect((await dadmin.get('/api/guests')).status).toBe(403);
    });

    it('keeps SmartDiscover settings and refuses URLs with the exact reason', async () => {
      expect((await root.request('PUT', '/api/discovery/public-host', { host: 'Chat.Causerie.Test' })).body).toEqual({ host: 'chat.causerie.test' });
      expect((await root.request('PUT', '/api/discovery/public-host', { host: 'bad host' })).body).toMatchObject({ status: 400, field: 'host' });
      const smtp = await root.request('POST', '/api/discovery/hosts', { service: 'smtp', host: 'mail.causerie.test', port: 587, mode: 'starttls' });
      expect(smtp.status).toBe(201);
      expect((await root.request('POST', '/api/discovery/hosts', { service: 'smtp', host: 'mail.causerie.test', port: 587, mode: 'tls' })).status).toBe(409);
      expect((await root.request('POST', '/api/discovery/hosts', { service: 'smtp', host: 'mail.causerie.test', port: 0, mode: 'tls' })).body).toMatchObject({ status: 400, field: 'port' });
      expect((await root.request('PUT', `/api/discovery/hosts/${(smtp.body as Item).id}`, { service: 'smtp', host: 'mail.causerie.test', port: 465, mode: 'tls' })).body).toMatchObject({ port: 465 });
      const http = await root.request('PUT', '/api/discovery/urls/webclient', { url: `http://localhost:${node.ports.https}/web/` });
      expect(http.status).toBe(422);
      expect(http.body).toMatchObject({ type: 'urn:causerie:error:not-https', field: 'url' });
      expect((await root.request('PUT', '/api/discovery/urls/webclient', { url: `https://localhost:${node.ports.https}` })).body).toMatchObject({ type: 'urn:causerie:error:no-path' });
      expect((await root.request('PUT', '/api/discovery/urls/webclient', { url: 'https://127.0.0.1:1/web/' })).body).toMatchObject({ type: 'urn:causerie:error:unreachable' });
      expect((await root.request('PUT', '/api/discovery/urls/nonsense', { url: `https://localhost:${node.ports.https}/web/` })).status).toBe(404);
      // The node's own certificate, from the configured (test) CA, verifies.
      const ok = await root.request('PUT', '/api/discovery/urls/webclient', { url: `https://localhost:${node.ports.https}/web/` });
      expect(ok.body).toMatchObject({ name: 'webclient', url: `https://localhost:${node.ports.https}/web/` });
      expect((await root.request('POST', '/api/discovery/check', { url: `https://localhost:${node.ports.https}/web/` })).body).toMatchObject({ ok: true });
      const all = await root.get('/api/discovery');
      expect(all.body).toMatchObject({ publicHost: 'chat.causerie.test', hosts: [expect.objectContaining({ service: 'smtp', port: 465 })], urls: [expect.objectContaining({ name: 'webclient' })] });
      expect((await root.request('DELETE', `/api/discovery/hosts/${(smtp.body as Item).id}`)).status).toBe(204);
      expect((await root.request('DELETE', '/api/discovery/urls/webclient')).status).toBe(204);
      expect((await root.request('DELETE', '/api/discovery/urls/webclient')).status).toBe(404);
    });

    it('shows the dashboard and toggles TeamChat, asking for the password to stop it', async () => {
      const status = await root.get('/api/status');
      expect(status.body).toMatchObject({ domain: TEST_DOMAIN, teamchat: { running: true }, database: { ok: true, client: db.name === 'sqlite' ? 'sqlite' : 'mysql' }, mail: { configured: false, outbox: `${node.dataDir}/outbox`, ok: true, checked: 'outbox' }, xmpp: { onlineSessions: 0 } });
      // Each listener answered a TCP connection; the WebAdmin's is the port it is really bound to.
      expect((status.body.xmpp as { listeners: Item[] }).listeners).toEqual([
        { name: 'c2s-starttls', host: '127.0.0.1', port: node.ports.c2s, up: true },
        { name: 'c2s-direct-tls', host: '127.0.0.1', port: node.ports.directTls, up: true },
        { name: 'https-websocket', host: '127.0.0.1', port: node.ports.https, up: true },
        { name: 'webadmin', host: '127.0.0.1', port: port(), up: true },
      ]);
      expect((await root.request('PUT', '/api/teamchat/service', { running: false })).body).toMatchObject({ status: 400, field: 'currentPassword' });
      expect((await root.request('PUT', '/api/teamchat/service', { running: false, currentPassword: adminPassword })).body).toEqual({ running: false });
      expect((await root.get('/api/status')).body).toMatchObject({ teamchat: { running: false } });
      expect((await root.request('PUT', '/api/teamchat/service', { running: true })).body).toEqual({ running: true });
    });

    it('issues API tokens for the CLI: bearer without CSRF, revocable', async () => {
      const cli = new AdminApi(port());
      const created = await cli.request('POST', '/api/tokens', { jid: `admin@${TEST_DOMAIN}`, password: adminPassword, name: 'test script' });
      expect(created.status).toBe(201);
      cli.token = String(created.body.token);
      expect((await cli.get('/api/domains')).status).toBe(200);
      expect((await cli.request('POST', '/api/domains', { name: 'bytoken.test' })).status).toBe(201);
      expect(items((await cli.get('/api/tokens')).body).map((t) => t.name)).toContain('test script');
      expect((await cli.request('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(204);
      const revoked = await cli.get('/api/domains');
      expect(revoked.status).toBe(401);
      expect(String(revoked.body.detail)).toContain('API token');
    });

    it('writes every change to the audit log with who, what and from where', async () => {
      const audit = items((await root.get('/api/audit?limit=200')).body);
      const actions = audit.map((e) => e.action);
      for (const action of ['domain.create', 'account.create', 'account.password', 'account.delete', 'group.create', 'rights.grant', 'teamchat.stop', 'guest.delete', 'discovery.url.set', 'webadmin.login', 'webadmin.login-failed']) expect(actions).toContain(action);
      expect(audit.find((e) => e.action === 'teamchat.stop')).toMatchObject({ actor: `admin@${TEST_DOMAIN}`, ip: '127.0.0.1' });
    });

    it('signs out, and slows down repeated failed sign-ins', async () => {
      const api = new AdminApi(port());
      await api.login(`admin@${TEST_DOMAIN}`, adminPassword);
      expect((await api.request('DELETE', '/api/session')).status).toBe(204);
      expect(api.cookie).toBeUndefined();
      const victim = await node.createUser('victim');
      await root.request('PATCH', `/api/accounts/${(await node.services.accounts.getByJid('victim', TEST_DOMAIN))?.id}`, { serverAdmin: true, currentPassword: adminPassword });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.login(victim.jid, 'wrong-password')).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses[5]).toBe(429);
      const throttled = await api.login(victim.jid, victim.password);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
