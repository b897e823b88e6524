// WebAdmin authorization as a role × endpoint table: a domain administrator
// of alpha.test gets 404 for everything of beta.test and of a guest domain
// they do not administer (its existence is not disclosed) and 403 for what
// their role does not allow; a group manager changes their group's members
// and rights but not another group's, and may not delete their group; plain
// users and guests cannot sign in nor get an API token; the CSRF token is
// required on PUT, PATCH and DELETE as on POST. SQLite and MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { AdminApi } from '../helpers/admin-api.js';

type Json = Record<string, unknown>;
type Item = Json & { id: number };
type Row = [method: string, path: string, body: unknown, status: number];

async function expectTable(api: AdminApi, rows: Row[]): Promise<void> {
  for (const [method, path, body, status] of rows) {
    const response = await api.request(method, path, body ?? undefined);
    expect(response.status, `${method} ${path}`).toBe(status);
    if (status >= 400) expect(response.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json');
  }
}

for (const db of testDatabaseConfigs()) {
  describe(`WebAdmin authorization by role (${db.name})`, () => {
    let node: TestNode;
    let root: AdminApi;
    let adminPassword: string;
    const ids: Record<string, number> = {};
    const port = (): number => node.ports.admin as number;
    const create = async (path: string, body: Json): Promise<Item> => {
      const response = await root.request('POST', path, body);
      expect(response.status, `POST ${path}`).toBe(201);
      return response.body as Item;
    };
    const signIn = async (jid: string, password: string): Promise<AdminApi> => {
      const api = new AdminApi(port());
      expect((await api.login(jid, password)).status, jid).toBe(200);
      return api;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      adminPassword = node.firstAdmin?.password as string;
      root = new AdminApi(port());
      expect((await root.login(`admin@${TEST_DOMAIN}`, adminPassword)).status).toBe(200);
      for (const name of ['alpha.test', 'beta.test']) await create('/api/domains', { name });
      await create('/api/domains', { name: 'visitors.test', kind: 'guest' });
      for (const jid of ['ada@alpha.test', 'mona@alpha.test', 'amy@alpha.test', 'bob@beta.test', 'bea@beta.test']) {
        ids[jid] = (await create('/api/accounts', { jid, password: `pw-${jid.split('@')[0]}-secret` })).id;
      }
      for (const domain of ['alpha.test', 'visitors.test']) expect((await root.request('PUT', `/api/domains/${domain}/admins/${ids['ada@alpha.test']}`, { currentPassword: adminPassword })).status).toBe(204);
      for (const [key, domain, alias] of [['mine', 'alpha.test', 'mine'], ['sibling', 'alpha.test', 'sibling'], ['theirs', 'beta.test', 'theirs']] as const) {
        ids[key] = (await create('/api/groups', { domain, name: alias, alias })).id;
        const rooms = (await root.request('PUT', `/api/groups/${ids[key]}/teamchat`, { enabled: true })).body.items as Item[];
        ids[`${key}Room`] = (rooms[0] as Item).id;
      }
      expect((await root.request('PUT', `/api/groups/${ids.mine}/managers/${ids['mona@alpha.test']}`)).status).toBe(204);
      await root.request('POST', `/api/groups/${ids.theirs}/members`, { type: 'account', id: ids['bea@beta.test'] });
      await root.request('POST', `/api/groups/${ids.sibling}/members`, { type: 'account', id: ids['amy@alpha.test'] });
      for (const [key, domain] of [['ownGuest', 'visitors.test'], ['otherGuest', node.config.guestDomain]] as const) {
        ids[key] = (await node.services.accounts.create({ jid: `${key.toLowerCase()}@${domain}`, password: 'pw-guest-secret', kind: 'guest' })).id;
      }
    }, 90_000);
    afterAll(async () => {
      await node?.close();
    });

    it('answers 404 to a domain administrator for another domain and its groups, rooms, rights, members, administrators and guests', async () => {
      const ada = await signIn('ada@alpha.test', 'pw-ada-secret');
      const bea = ids['bea@beta.test'];
      const theirs = `/api/groups/${ids.theirs}`;
      const theirRoom = `/api/rooms/${ids.theirsRoom}`;
      const otherGuest = `/api/guests/${ids.otherGuest}`;
      await expectTable(ada, [
        ['GET', '/api/domains/beta.test', null, 404],
        ['PATCH', '/api/domains/beta.test', { description: 'x' }, 404],
        ['PUT', `/api/domains/beta.test/admins/${ids['ada@alpha.test']}`, { currentPassword: 'pw-ada-secret' }, 404],
        ['DELETE', `/api/domains/beta.test/admins/${bea}`, null, 404],
        ['GET', '/api/groups?domain=beta.test', null, 200],
        ['GET', theirs, null, 404],
        ['PATCH', theirs, { access: 'private' }, 404],
        ['DELETE', theirs, { currentPassword: 'pw-ada-secret' }, 404],
        ['GET', `${theirs}/members`, null, 404],
        ['POST', `${theirs}/members`, { type: 'account', id: ids['amy@alpha.test'] }, 404],
        ['DELETE', `${theirs}/members/account/${bea}`, null, 404],
        ['PUT', `${theirs}/managers/${ids['ada@alpha.test']}`, null, 404],
        ['GET', `${theirs}/requests`, null, 404],
        ['PUT', `${theirs}/teamchat`, { enabled: false }, 404],
        ['GET', `${theirs}/rooms`, null, 404],
        ['POST', `${theirs}/rooms`, { name: 'Intrus' }, 404],
        ['GET', `${theirs}/rights`, null, 404],
        ['PUT', `${theirs}/rights/account/${bea}`, { preset: 'reader' }, 404],
        ['DELETE', `${theirs}/rights/account/${bea}`, null, 404],
        ['GET', theirRoom, null, 404],
        ['GET', `${theirRoom}/rights`, null, 404],
        ['PUT', `${theirRoom}/rights/account/${bea}`, { preset: 'administrator' }, 404],
        ['DELETE', `${theirRoom}/rights/account/${bea}`, null, 404],
        ['GET', `/api/accounts/${bea}`, null, 404],
        ['GET', `/api/guests?domain=${node.config.guestDomain}`, null, 404],
        ['GET', otherGuest, null, 404],
        ['PATCH', otherGuest, { firstName: 'X' }, 404],
        ['POST', `${otherGuest}/password`, { currentPassword: 'pw-ada-secret' }, 404],
        ['DELETE', otherGuest, { currentPassword: 'pw-ada-secret' }, 404],
        // What their role does not allow on what they can see: 403.
        ['PUT', `/api/domains/alpha.test/admins/${ids['amy@alpha.test']}`, { currentPassword: 'pw-ada-secret' }, 403],
        ['POST', '/api/domains', { name: 'new.test' }, 403],
        ['PUT', '/api/teamchat/service', { running: true }, 403],
        // Their own domain, group and guest work.
        ['GET', '/api/domains/alpha.test', null, 200],
        ['GET', `/api/groups/${ids.mine}/members`, null, 200],
        ['GET', `/api/rooms/${ids.mineRoom}`, null, 200],
        ['GET', `/api/guests/${ids.ownGuest}`, null, 200],
        ['GET', '/api/guests?domain=visitors.test', null, 200],
      ]);
      expect(((await ada.get('/api/groups?domain=beta.test')).body.items as Item[])).toEqual([]);
      const bulk = await ada.request('POST', '/api/guests/delete', { ids: [ids.otherGuest], currentPassword: 'pw-ada-secret' });
      expect(bulk.body).toMatchObject({ deleted: [], failed: [{ id: ids.otherGuest }] });
      // Nothing of beta.test changed.
      expect((await root.get(`/api/groups/${ids.theirs}`)).body).toMatchObject({ access: 'open', teamchatEnabled: true });
      expect((await root.get(otherGuest)).status).toBe(200);
    });

    it('lets a group manager change their group members and rights, not another group nor delete their own', async () => {
      const mona = await signIn('mona@alpha.test', 'pw-mona-secret');
      const amy = ids['amy@alpha.test'];
      const mine = `/api/groups/${ids.mine}`;
      const sibling = `/api/groups/${ids.sibling}`;
      await expectTable(mona, [
        ['POST', `${mine}/members`, { type: 'account', id: amy }, 201],
        ['GET', `${mine}/members`, null, 200],
        ['DELETE', `${mine}/members/account/${amy}`, null, 204],
        ['PUT', `${mine}/rights/account/${amy}`, { preset: 'reader' }, 200],
        ['PUT', `/api/rooms/${ids.mineRoom}/rights/account/${amy}`, { preset: 'author' }, 200],
        ['DELETE', `/api/rooms/${ids.mineRoom}/rights/account/${amy}`, null, 204],
        ['DELETE', `${mine}/rights/account/${amy}`, null, 204],
        ['PATCH', mine, { access: 'restricted' }, 200],
        ['DELETE', mine, { currentPassword: 'pw-mona-secret' }, 403],
        ['PUT', `${mine}/managers/${amy}`, null, 403],
        ['GET', sibling, null, 404],
        ['PATCH', sibling, { access: 'private' }, 404],
        ['DELETE', sibling, { currentPassword: 'pw-mona-secret' }, 404],
        ['POST', `${sibling}/members`, { type: 'account', id: amy }, 404],
        ['DELETE', `${sibling}/members/account/${amy}`, null, 404],
        ['PUT', `${sibling}/rights/account/${amy}`, { preset: 'reader' }, 404],
        ['PUT', `/api/rooms/${ids.siblingRoom}/rights/account/${amy}`, { preset: 'reader' }, 404],
        ['GET', '/api/domains/alpha.test', null, 404],
        ['POST', '/api/groups', { domain: 'alpha.test', name: 'Autre', alias: 'autre' }, 403],
        ['GET', '/api/guests', null, 403],
        ['PUT', '/api/teamchat/service', { running: true }, 403],
      ]);
      expect((await root.get(sibling)).body).toMatchObject({ access: 'open', members: [expect.objectContaining({ id: amy })] });
    });

    it('refuses sessions and API tokens to plain users and guests (403)', async () => {
      const api = new AdminApi(port());
      for (const [jid, password] of [['bob@beta.test', 'pw-bob-secret'], [`ownguest@visitors.test`, 'pw-guest-secret']] as const) {
        const session = await api.request('POST', '/api/session', { jid, password });
        expect(session.status, jid).toBe(403);
        expect(String(session.body.detail)).toContain('administrators');
        const token = await api.request('POST', '/api/tokens', { jid, password, name: 'script' });
        expect(token.status, jid).toBe(403);
        expect(token.body).not.toHaveProperty('token');
      }
      expect(api.cookie).toBeUndefined();
    });

    it('refuses PUT, PATCH and DELETE without the CSRF token, sign-out included', async () => {
      const api = await signIn(`admin@${TEST_DOMAIN}`, adminPassword);
      const rows: Array<[string, string, unknown]> = [
        ['PUT', `/api/groups/${ids.sibling}/managers/${ids['amy@alpha.test']}`, undefined],
        ['PUT', `/api/groups/${ids.sibling}/rights/account/${ids['amy@alpha.test']}`, { preset: 'reader' }],
        ['PATCH', '/api/domains/alpha.test', { description: 'forged' }],
        ['PATCH', `/api/accounts/${ids['amy@alpha.test']}`, { disabled: true }],
        ['DELETE', `/api/groups/${ids.sibling}/members/account/${ids['amy@alpha.test']}`, undefined],
        ['DELETE', `/api/groups/${ids.sibling}`, { currentPassword: adminPassword }],
        ['DELETE', '/api/session', undefined],
      ];
      for (const [method, path, body] of rows) {
        for (const headers of [{}, { 'x-csrf-token': 'forged' }] as Array<Record<string, string>>) {
          const response = await api.request(method, path, body, { noCsrf: true, headers });
          expect(response.status, `${method} ${path}`).toBe(403);
          expect(response.body.type, `${method} ${path}`).toBe('urn:causerie:error:csrf-token-invalid');
        }
      }
      // Nothing happened: the session is open, the group and account unchanged.
      expect((await api.get('/api/session')).body).toMatchObject({ authenticated: true });
      expect((await api.get(`/api/groups/${ids.sibling}`)).body).toMatchObject({ managers: [], members: [expect.objectContaining({ id: ids['amy@alpha.test'] })] });
      expect((await api.get('/api/domains/alpha.test')).body).toMatchObject({ description: null });
      expect((await api.get(`/api/accounts/${ids['amy@alpha.test']}`)).body).toMatchObject({ disabled: false });
      expect((await api.request('DELETE', '/api/session')).status).toBe(204);
    });
  });
}
