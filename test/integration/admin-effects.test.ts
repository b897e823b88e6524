// Changes made through the WebAdmin API reach the running node (through the
// events table it follows) and real XMPP clients see them: a group's
// TeamChat enabled → its room appears; a policy turned off → joins refused;
// the service stopped → occupants leave with 332; an account or guest
// deleted → its session is closed; the first two within 2 seconds of the
// API call. SQLite and MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { bookmarks, condition, eventually, join, next, SERVICE, statuses } from '../helpers/muc-client.js';
import { AdminApi } from '../helpers/admin-api.js';

function closed(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    client.xmpp.once('disconnect', () => resolve());
    client.xmpp.once('offline', () => resolve());
  });
}

for (const db of testDatabaseConfigs()) {
  describe(`WebAdmin effects on a running node (${db.name})`, () => {
    let node: TestNode;
    let api: AdminApi;
    let adminPassword: string;
    let groupId: number;
    let roomAddress: string;
    const clients: TestClient[] = [];
    const users: Record<string, { username: string; password: string; jid: string }> = {};
    const connect = async (name: string, resource: string): Promise<TestClient> => {
      const client = await connectClient(node, users[name] as { username: string; password: string }, { resource });
      clients.push(client);
      await client.send(xml('presence'));
      return client;
    };
    const accountId = async (name: string): Promise<number> => (await node.services.accounts.getByJid(name, TEST_DOMAIN))?.id as number;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      adminPassword = node.firstAdmin?.password as string;
      api = new AdminApi(node.ports.admin as number);
      expect((await api.login(`admin@${TEST_DOMAIN}`, adminPassword)).status).toBe(200);
      for (const name of ['alice', 'bruno', 'carla']) users[name] = await node.createUser(name);
      const group = await api.request('POST', '/api/groups', { domain: TEST_DOMAIN, name: 'Atelier', alias: 'atelier' });
      groupId = (group.body as { id: number }).id;
      for (const name of ['alice', 'bruno', 'carla']) expect((await api.request('POST', `/api/groups/${groupId}/members`, { type: 'account', jid: users[name]?.jid })).status).toBe(201);
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('makes the group room appear when TeamChat is enabled on the group', async () => {
      const alice = await connect('alice', 'a1');
      expect(await bookmarks(alice)).not.toContain(`atelier@${SERVICE}`);
      const enabled = await api.request('PUT', `/api/groups/${groupId}/teamchat`, { enabled: true });
      roomAddress = String((enabled.body as { items: Array<{ jid: string }> }).items[0]?.jid);
      expect(roomAddress).toBe(`atelier@${SERVICE}`);
      await eventually(async () => (await bookmarks(alice)).includes(roomAddress), 'bookmark of the new room');
      expect((await join(alice, roomAddress, 'Alice')).attrs.type).toBeUndefined();
    });

    it('refuses joins once TeamChat is turned off for the account, and admits again when it inherits', async () => {
      const bruno = await connect('bruno', 'b1');
      const id = await accountId('bruno');
      expect((await api.request('PATCH', `/api/accounts/${id}`, { teamchat: false })).status).toBe(200);
      await eventually(async () => condition(await join(bruno, roomAddress, 'Bruno')) === 'forbidden', 'join refused by the account policy');
      expect((await api.request('PATCH', `/api/accounts/${id}`, { teamchat: null })).status).toBe(200);
      await eventually(async () => (await join(bruno, roomAddress, 'Bruno')).attrs.type === undefined, 'join admitted again');
    });

    it('refuses joins once TeamChat is turned off for the domain', async () => {
      const carla = await connect('carla', 'c1');
      expect((await api.request('PATCH', `/api/domains/${TEST_DOMAIN}`, { teamchat: false })).status).toBe(200);
      await eventually(async () => condition(await join(carla, roomAddress, 'Carla')) === 'forbidden', 'join refused by the domain policy');
      expect((await api.request('PATCH', `/api/domains/${TEST_DOMAIN}`, { teamchat: true })).status).toBe(200);
      await eventually(async () => (await join(carla, roomAddress, 'Carla')).attrs.type === undefined, 'join admitted again');
    });

    it('makes occupants leave with 332 when the service is stopped, and lets them back when started', async () => {
      const alice = await connect('alice', 'a2');
      expect((await join(alice, roomAddress, 'AliceLive')).attrs.type).toBeUndefined();
      const left = next(alice, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/AliceLive`, '332');
      expect((await api.request('PUT', '/api/teamchat/service', { running: false, currentPassword: adminPassword })).status).toBe(200);
      expect(statuses(await left)).toContain('332');
      expect(condition(await join(alice, roomAddress, 'AliceAgain'))).toBe('service-unavailable');
      expect((await api.request('PUT', '/api/teamchat/service', { running: true })).status).toBe(200);
      await eventually(async () => (await join(alice, roomAddress, 'AliceBack')).attrs.type === undefined, 'join after restart');
    });

    // The bound: "the node reacts within 2 seconds", measured from the
    // API call to what a real client sees. The node reads the events table
    // every eventPollMs (500 ms), so the bound holds with room to spare.
    it('reacts within 2 seconds: service stopped → 332 presence, policy off → join refused', async () => {
      expect(node.config.eventPollMs).toBeLessThanOrEqual(1000);
      const alice = await connect('alice', 'a3');
      expect((await join(alice, roomAddress, 'AliceTimed')).attrs.type).toBeUndefined();
      const left = next(alice, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/AliceTimed` && statuses(s).includes('332'), '332');
      const stopAt = performance.now();
      expect((await api.request('PUT', '/api/teamchat/service', { running: false, currentPassword: adminPassword })).status).toBe(200);
      await left;
      const stopMs = performance.now() - stopAt;
      expect(stopMs).toBeLessThan(2000);
      expect((await api.request('PUT', '/api/teamchat/service', { running: true })).status).toBe(200);
      await eventually(async () => (await join(alice, roomAddress, 'AliceTimed')).attrs.type === undefined, 'join after restart');

      const bruno = await connect('bruno', 'b2');
      const id = await accountId('bruno');
      const offAt = performance.now();
      expect((await api.request('PATCH', `/api/accounts/${id}`, { teamchat: false })).status).toBe(200);
      await eventually(async () => condition(await join(bruno, roomAddress, 'BrunoTimed')) === 'forbidden', 'join refused by the account policy');
      const offMs = performance.now() - offAt;
      expect(offMs).toBeLessThan(2000);
      expect((await api.request('PATCH', `/api/accounts/${id}`, { teamchat: null })).status).toBe(200);
      console.info(`WebAdmin effect delays (${db.name}): service stop → 332 in ${Math.round(stopMs)} ms, policy off → join refused in ${Math.round(offMs)} ms`);
    });

    it('applies an upload quota set in the WebAdmin to the account at once', async () => {
      const bruno = await connect('bruno', 'b3');
      const quota = async (): Promise<string | undefined> =>
        (await bruno.iq(xml('iq', { type: 'get', to: `upload.${TEST_DOMAIN}` }, xml('list', { xmlns: 'urn:causerie:files:0' })))).getChild('files', 'urn:causerie:files:0')?.attrs.quota as string | undefined;
      expect(await quota()).toBe(String(node.config.limits.defaultQuotaBytes));
      expect((await api.request('PATCH', `/api/accounts/${await accountId('bruno')}`, { quotaBytes: 5 * 1024 * 1024 })).status).toBe(200);
      expect(await quota()).toBe(String(5 * 1024 * 1024));
      expect((await api.request('PATCH', `/api/accounts/${await accountId('bruno')}`, { quotaBytes: null })).status).toBe(200);
      expect(await quota()).toBe(String(node.config.limits.defaultQuotaBytes));
    });

    it('closes the session of a deleted account and of a deleted guest at once', async () => {
      const carla = await connect('carla', 'c2');
      const gone = closed(carla);
      expect((await api.request('DELETE', `/api/accounts/${await accountId('carla')}`, { currentPassword: adminPassword })).status).toBe(204);
      await gone;
      const guest = await node.services.accounts.create({ jid: `gaston@${node.config.guestDomain}`, password: 'pw-gaston-secret', kind: 'guest' });
      const { client } = await import('@xmpp/client');
      const xmppGuest = client({ service: `xmpp://127.0.0.1:${node.ports.c2s}`, domain: node.config.guestDomain, username: 'gaston', password: 'pw-gaston-secret', resource: 'g', timeout: 15_000 });
      xmppGuest.reconnect.stop();
      xmppGuest.on('error', () => undefined);
      await xmppGuest.start();
      const guestGone = new Promise<void>((resolve) => xmppGuest.once('disconnect', () => resolve()));
      expect((await api.request('DELETE', `/api/guests/${guest.id}`, { currentPassword: adminPassword })).status).toBe(204);
      await guestGone;
      await xmppGuest.stop().catch(() => undefined);
    });
  });
}
