// WebAdmin API endpoints the broader admin-api test does not call: a
// group's access level, members list, manager removal, TeamChat turned off
// and deletion; a domain's details and administrator removal; a room's
// details and a grant removed from one room. SQLite and MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { AdminApi } from '../helpers/admin-api.js';

type Json = Record<string, unknown>;
type Item = Json & { id: number };
const items = (body: Json): Item[] => body.items as Item[];

for (const db of testDatabaseConfigs()) {
  describe(`WebAdmin API: groups, domains and rooms in detail (${db.name})`, () => {
    let node: TestNode;
    let root: AdminApi;
    let adminPassword: string;
    let group: Item;
    const accountId = async (name: string): Promise<number> => (await node.services.accounts.getByJid(name, TEST_DOMAIN))?.id as number;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      adminPassword = node.firstAdmin?.password as string;
      root = new AdminApi(node.ports.admin as number);
      expect((await root.login(`admin@${TEST_DOMAIN}`, adminPassword)).status).toBe(200);
      group = (await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Atelier', alias: 'atelier' })).body as Item;
      for (const name of ['nina', 'oscar']) await node.createUser(name);
    }, 60_000);
    afterAll(async () => {
      await node?.close();
    });

    it('changes the access level of a group and refuses an unknown one', async () => {
      expect(group).toMatchObject({ access: 'open' });
      const patched = await root.request('PATCH', `/api/groups/${group.id}`, { access: 'private', description: 'Les ateliers' });
      expect(patched.body).toMatchObject({ id: group.id, access: 'private', description: 'Les ateliers' });
      expect((await root.get(`/api/groups/${group.id}`)).body).toMatchObject({ access: 'private' });
      const bad = await root.request('PATCH', `/api/groups/${group.id}`, { access: 'secret' });
      expect(bad.body).toMatchObject({ status: 400, field: 'access' });
      expect((await root.request('PATCH', '/api/groups/999999', { access: 'open' })).status).toBe(404);
    });

    it('lists the members of a group', async () => {
      expect(items((await root.get(`/api/groups/${group.id}/members`)).body)).toEqual([]);
      await root.request('POST', `/api/groups/${group.id}/members`, { type: 'account', jid: `nina@${TEST_DOMAIN}` });
      await root.request('POST', `/api/groups/${group.id}/members`, { type: 'domain', name: TEST_DOMAIN });
      const members = items((await root.get(`/api/groups/${group.id}/members`)).body);
      expect(members.map((m) => [m.type, m.label]).sort()).toEqual([['account', `nina@${TEST_DOMAIN}`], ['domain', TEST_DOMAIN]]);
      expect((await root.get('/api/groups/999999/members')).status).toBe(404);
    });

    it('removes a manager, who can then no longer sign in', async () => {
      const oscar = await accountId('oscar');
      expect((await root.request('PUT', `/api/groups/${group.id}/managers/${oscar}`)).status).toBe(204);
      const manager = new AdminApi(node.ports.admin as number);
      expect((await manager.login(`oscar@${TEST_DOMAIN}`, 'pw-oscar-secret')).status).toBe(200);
      expect(((await root.get(`/api/groups/${group.id}`)).body.managers as Item[]).map((m) => m.id)).toEqual([oscar]);
      expect((await root.request('DELETE', `/api/groups/${group.id}/managers/${oscar}`)).status).toBe(204);
      expect((await root.get(`/api/groups/${group.id}`)).body.managers).toEqual([]);
      // Their open session ends with the role that let them in.
      expect((await manager.get('/api/groups')).status).toBe(401);
      expect((await manager.login(`oscar@${TEST_DOMAIN}`, 'pw-oscar-secret')).status).toBe(403);
    });

    it('shows a domain with its administrators and removes one', async () => {
      const nina = await accountId('nina');
      expect((await root.request('PUT', `/api/domains/${TEST_DOMAIN}/admins/${nina}`, { currentPassword: adminPassword })).status).toBe(204);
      const shown = await root.get(`/api/domains/${TEST_DOMAIN}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ name: TEST_DOMAIN, kind: 'regular', groupware: true, webdav: true, teamchat: true, admins: [expect.objectContaining({ id: nina, jid: `nina@${TEST_DOMAIN}` })] });
      expect((await root.request('DELETE', `/api/domains/${TEST_DOMAIN}/admins/${nina}`)).status).toBe(204);
      expect((await root.get(`/api/domains/${TEST_DOMAIN}`)).body.admins).toEqual([]);
      const again = await root.request('DELETE', `/api/domains/${TEST_DOMAIN}/admins/${nina}`);
      expect(again.status).toBe(404);
      expect(String(again.body.detail)).toContain('does not administer');
      expect((await root.request('DELETE', `/api/domains/${TEST_DOMAIN}/admins/999999`)).status).toBe(404);
    });

    it('shows a room, removes a grant from one room, and turns the group TeamChat off', async () => {
      const enabled = items((await root.request('PUT', `/api/groups/${group.id}/teamchat`, { enabled: true })).body);
      const room = enabled[0] as Item;
      const shown = await root.get(`/api/rooms/${room.id}`);
      expect(shown.body).toMatchObject({ id: room.id, name: 'TeamChat', jid: `atelier@conference.${TEST_DOMAIN}`, groupId: group.id, kind: 'group' });
      expect((await root.get('/api/rooms/999999')).status).toBe(404);
      const nina = await accountId('nina');
      expect((await root.request('PUT', `/api/rooms/${room.id}/rights/account/${nina}`, { preset: 'reader' })).status).toBe(200);
      expect(items((await root.get(`/api/rooms/${room.id}/rights`)).body)).toHaveLength(1);
      expect((await root.request('DELETE', `/api/rooms/${room.id}/rights/account/${nina}`)).status).toBe(204);
      expect(items((await root.get(`/api/rooms/${room.id}/rights`)).body)).toEqual([]);
      expect((await root.request('DELETE', `/api/rooms/${room.id}/rights/account/${nina}`)).status).toBe(404);
      expect((await root.request('DELETE', `/api/rooms/${room.id}/rights/planet/${nina}`)).status).toBe(404);
      const disabled = await root.request('PUT', `/api/groups/${group.id}/teamchat`, { enabled: false });
      expect(disabled.status).toBe(200);
      expect(items(disabled.body).map((r) => r.id)).toEqual([room.id]);
      expect((await root.get(`/api/groups/${group.id}`)).body).toMatchObject({ teamchatEnabled: false });
      expect((await root.request('POST', `/api/groups/${group.id}/rooms`, { name: 'Plus' })).status).toBe(409);
      expect((await root.request('PUT', `/api/groups/${group.id}/teamchat`, { enabled: 'no' })).body).toMatchObject({ status: 400, field: 'enabled' });
    });

    it('asks for the password again to grant server administration, add a domain administrator, reset or delete guests and delete a group', async () => {
      const nina = await accountId('nina');
      const guests = [];
      for (const name of ['gil', 'gus', 'guy']) guests.push((await node.services.accounts.create({ jid: `${name}@${node.config.guestDomain}`, password: `pw-${name}-secret`, kind: 'guest' })).id);
      const [gil, gus, guy] = guests as [number, number, number];
      const doomed = (await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Fugace', alias: 'fugace' })).body as Item;
      const changes: Array<[string, string, Json]> = [
        ['PATCH', `/api/accounts/${nina}`, { serverAdmin: true }],
        ['POST', '/api/accounts', { jid: `chef@${TEST_DOMAIN}`, password: 'pw-chef-secret', serverAdmin: true }],
        ['PUT', `/api/domains/${TEST_DOMAIN}/admins/${nina}`, {}],
        ['POST', `/api/guests/${gil}/password`, {}],
        ['DELETE', `/api/guests/${gus}`, {}],
        ['POST', '/api/guests/delete', { ids: [guy] }],
        ['DELETE', `/api/groups/${doomed.id}`, {}],
      ];
      for (const [method, path, body] of changes) {
        const missing = await root.request(method, path, body);
        expect(missing.status, `${method} ${path}`).toBe(400);
        expect(missing.body, `${method} ${path}`).toMatchObject({ type: 'urn:causerie:error:password-confirmation-required', field: 'currentPassword' });
        const wrong = await root.request(method, path, { ...body, currentPassword: 'not-my-password' });
        expect(wrong.status, `${method} ${path}`).toBe(403);
        expect(wrong.body.type, `${method} ${path}`).toBe('urn:causerie:error:password-confirmation-failed');
      }
      // Nothing was changed by the refused requests.
      expect((await root.get(`/api/accounts/${nina}`)).body).toMatchObject({ serverAdmin: false });
      expect((await root.get(`/api/accounts?search=chef`)).body).toMatchObject({ total: 0 });
      expect((await root.get(`/api/domains/${TEST_DOMAIN}`)).body.admins).toEqual([]);
      expect(await node.services.accounts.verifyPassword('gil', node.config.guestDomain, 'pw-gil-secret')).toBeDefined();
      for (const guest of [gus, guy]) expect((await root.get(`/api/guests/${guest}`)).status).toBe(200);
      expect((await root.get(`/api/groups/${doomed.id}`)).status).toBe(200);
      // With the password, each is done.
      const expected = [200, 201, 204, 200, 204, 200, 204];
      for (const [index, [method, path, body]] of changes.entries()) {
        expect((await root.request(method, path, { ...body, currentPassword: adminPassword })).status, `${method} ${path}`).toBe(expected[index]);
      }
      expect((await root.get(`/api/accounts/${nina}`)).body).toMatchObject({ serverAdmin: true });
      expect(((await root.get(`/api/domains/${TEST_DOMAIN}`)).body.admins as Item[]).map((a) => a.id)).toEqual([nina]);
      expect(await node.services.accounts.verifyPassword('gil', node.config.guestDomain, 'pw-gil-secret')).toBeUndefined();
      for (const guest of [gus, guy]) expect((await root.get(`/api/guests/${guest}`)).status).toBe(404);
      expect((await root.get(`/api/groups/${doomed.id}`)).status).toBe(404);
      // Taking the role away is not sensitive in the same way: no password needed.
      expect((await root.request('PATCH', `/api/accounts/${nina}`, { serverAdmin: false })).body).toMatchObject({ serverAdmin: false });
      expect((await root.request('DELETE', `/api/domains/${TEST_DOMAIN}/admins/${nina}`)).status).toBe(204);
    });

    it('sets an account upload quota, validates it, and returns to the default with null', async () => {
      const nina = await accountId('nina');
      const before = await root.get(`/api/accounts/${nina}`);
      expect(before.body).toMatchObject({ quotaBytes: null, effectiveQuotaBytes: node.config.limits.defaultQuotaBytes });
      const set = await root.request('PATCH', `/api/accounts/${nina}`, { quotaBytes: 500 * 1024 * 1024 });
      expect(set.body).toMatchObject({ quotaBytes: 524_288_000, effectiveQuotaBytes: 524_288_000 });
      expect((await node.services.accounts.get(nina))?.quotaBytes).toBe(524_288_000);
      for (const bad of [-1, 1.5, '500M', 2 ** 41, true]) {
        const refused = await root.request('PATCH', `/api/accounts/${nina}`, { quotaBytes: bad });
        expect(refused.body, String(bad)).toMatchObject({ status: 400, field: 'quotaBytes' });
      }
      expect((await root.get(`/api/accounts/${nina}`)).body).toMatchObject({ quotaBytes: 524_288_000 });
      expect((await root.request('PATCH', `/api/accounts/${nina}`, { quotaBytes: 0 })).body).toMatchObject({ quotaBytes: 0, effectiveQuotaBytes: 0 });
      expect((await root.request('PATCH', `/api/accounts/${nina}`, { quotaBytes: null })).body).toMatchObject({ quotaBytes: null, effectiveQuotaBytes: node.config.limits.defaultQuotaBytes });
      const audit = (await root.get('/api/audit?limit=20')).body.items as Item[];
      expect(audit.find((e) => e.action === 'account.update' && JSON.stringify(e.details).includes('quotaBytes'))).toBeDefined();
    });

    it('deletes a group', async () => {
      const doomed = (await root.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Éphémère', alias: 'ephemere' })).body as Item;
      expect((await root.request('DELETE', `/api/groups/${doomed.id}`, { currentPassword: adminPassword })).status).toBe(204);
      expect((await root.get(`/api/groups/${doomed.id}`)).status).toBe(404);
      expect(items((await root.get('/api/groups')).body).map((g) => g.id)).not.toContain(doomed.id);
      expect((await root.request('DELETE', `/api/groups/${doomed.id}`, { currentPassword: adminPassword })).status).toBe(404);
      expect(items((await root.get('/api/audit?limit=50')).body).map((e) => e.action)).toContain('group.delete');
    });
  });
}
