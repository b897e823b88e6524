// XEP-0191 Blocking Command over real sockets, on SQLite and MariaDB:
// blocklist retrieval, block/unblock/unblock-all with pushes to the
// resources that asked for the list, presence side effects, and
// enforcement in both directions (bounces and silent drops).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS_BLOCKING = 'urn:xmpp:blocking';
const NS_BLOCKING_ERRORS = 'urn:xmpp:blocking:errors';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const block = (...jids: string[]): Element => xml('iq', { type: 'set' }, xml('block', { xmlns: NS_BLOCKING }, ...jids.map((jid) => xml('item', { jid }))));
const unblock = (...jids: string[]): Element => xml('iq', { type: 'set' }, xml('unblock', { xmlns: NS_BLOCKING }, ...jids.map((jid) => xml('item', { jid }))));

async function blocklist(client: TestClient): Promise<string[]> {
  const result = await client.iq(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: NS_BLOCKING })));
  return (result.getChild('blocklist', NS_BLOCKING)?.getChildren('item') ?? []).map((i) => i.attrs.jid ?? '');
}

/** A blocklist push of `kind` listing exactly `jids` (none for "unblock all"). */
const pushOf = (kind: 'block' | 'unblock', jids: string[]) => (s: Element): boolean => {
  if (s.name !== 'iq' || s.attrs.type !== 'set') return false;
  const payload = s.getChild(kind, NS_BLOCKING);
  if (!payload) return false;
  const items = payload.getChildren('item').map((i) => i.attrs.jid).sort();
  return JSON.stringify(items) === JSON.stringify([...jids].sort());
};

const errorChildren = (s: Element): Element[] => s.getChild('error')?.getChildElements() ?? [];
const conditionOf = (s: Element): string | undefined => errorChildren(s).find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name;

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const element = (error as { element?: Element }).element;
    return element?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name ?? String(error);
  }
  throw new Error('expected an error reply');
}

const messageFrom = (from: string, body: string) => (s: Element): boolean =>
  s.name === 'message' && (s.attrs.from === from || s.attrs.from?.startsWith(`${from}/`) === true) && s.getChildText('body') === body && s.attrs.type !== 'error';
const bounceOf = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === id;
const presenceFrom = (from: string, type: string | undefined) => (s: Element): boolean =>
  s.name === 'presence' && s.attrs.type === type && s.attrs.from?.startsWith(`${from}/`) === true;

async function barrier(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

for (const db of testDatabaseConfigs()) {
  describe(`blocking (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    let aliceDesk: TestClient;
    let alicePhone: TestClient;
    let aliceTablet: TestClient;
    let bob: TestClient;
    let carol: TestClient;
    const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;
    const ALICE = jid('alice');
    const BOB = jid('bob');
    let messages = 0;

    /** Connects, optionally asks for the blocklist (to receive pushes), sends initial presence. */
    const online = async (name: string, resource: string, wantsPushes: boolean): Promise<TestClient> => {
      const client = await connectClient(node, { username: name, password: `pw-${name}-secret` }, { resource });
      clients.push(client);
      if (wantsPushes) await blocklist(client);
      await client.send(xml('presence'));
      await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid && s.attrs.type === undefined, 10_000, 'own presence');
      return client;
    };

    const chat = (client: TestClient, to: string, body: string): string => {
      const id = `m${++messages}`;
      void client.send(xml('message', { type: 'chat', to, id }, xml('body', {}, body)));
      return id;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol']) await node.createUser(name);
      const alice = await node.services.accounts.getByJid('alice', TEST_DOMAIN);
      const bobAccount = await node.services.accounts.getByJid('bob', TEST_DOMAIN);
      if (!alice || !bobAccount) throw new Error('accounts missing');
      const both = { name: null, subscription: 'both' as const, askOut: false, pendingIn: false, approved: false, groups: [] };
      await node.services.repos.roster.put(alice.id, { ...both, jid: BOB });
      await node.services.repos.roster.put(bobAccount.id, { ...both, jid: ALICE });
      aliceDesk = await online('alice', 'desk', true);
      alicePhone = await online('alice', 'phone', true);
      aliceTablet = await online('alice', 'tablet', false);
      bob = await online('bob', 'phone', false);
      carol = await online('carol', 'laptop', false);
    });

    afterAll(async () => {
      for (const client of clients) await client.stop();
      await node?.close();
    });

    it('starts with an empty blocklist and lets messages through', async () => {
      expect(await blocklist(aliceDesk)).toEqual([]);
      chat(bob, ALICE, 'hello before');
      await aliceDesk.waitFor(messageFrom(BOB, 'hello before'), 10_000, 'alice: message before blocking');
    });

    it('blocks bob: pushes to the resources that asked, unavailable presence to bob', async () => {
      const result = await aliceDesk.iq(block(BOB));
      expect(result.attrs.type).toBe('result');
      await aliceDesk.waitFor(pushOf('block', [BOB]), 10_000, 'desk: block push');
      await alicePhone.waitFor(pushOf('block', [BOB]), 10_000, 'phone: block push');
      // §3.3: bob, who receives alice's presence, sees each of her resources go offline.
      for (const resource of ['desk', 'phone', 'tablet']) {
        await bob.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${ALICE}/${resource}`, 10_000, `bob: unavailable from ${resource}`);
      }
      await barrier(aliceTablet);
      expect(aliceTablet.received.some(pushOf('block', [BOB]))).toBe(false);
      expect(await blocklist(alicePhone)).toEqual([BOB]);
    });

    it('bounces bob’s messages and iqs with service-unavailable and drops his presence silently', async () => {
      const alices = [aliceDesk, alicePhone, aliceTablet];
      const seen = alices.map((client) => client.received.length);
      const toBare = chat(bob, ALICE, 'can you hear me?');
      const bounce = await bob.waitFor(bounceOf(toBare), 10_000, 'bob: bounce');
      expect(conditionOf(bounce)).toBe('service-unavailable');
      expect(bounce.getChild('error')?.attrs.type).toBe('cancel');
      const toFull = chat(bob, `${ALICE}/desk`, 'and now?');
      expect(conditionOf(await bob.waitFor(bounceOf(toFull), 10_000, 'bob: bounce full'))).toBe('service-unavailable');
      expect(await errorOf(bob.iq(xml('iq', { type: 'get', to: ALICE }, xml('vCard', { xmlns: 'vcard-temp' }))))).toBe('service-unavailable');
      await bob.send(xml('presence', { to: `${ALICE}/desk` }));
      await bob.send(xml('presence', { type: 'subscribe', to: ALICE }));
      await barrier(bob);
      for (const [index, client] of alices.entries()) {
        await barrier(client);
        const fromBob = client.received.slice(seen[index]).filter((s) => s.attrs.from === BOB || s.attrs.from?.startsWith(`${BOB}/`) === true);
        expect(fromBob.map((s) => s.toString())).toEqual([]);
      }
      expect(bob.received.some((s) => s.name === 'presence' && s.attrs.type === 'error')).toBe(false);
    });

    it('refuses alice’s messages to bob with not-acceptable and <blocked/>', async () => {
      const id = chat(aliceDesk, BOB, 'psst');
      const refused = await aliceDesk.waitFor(bounceOf(id), 10_000, 'alice: refused');
      expect(conditionOf(refused)).toBe('not-acceptable');
      expect(refused.getChild('error')?.attrs.type).toBe('cancel');
      expect(errorChildren(refused).some((c) => c.name === 'blocked' && c.attrs.xmlns === NS_BLOCKING_ERRORS)).toBe(true);
      const iq = await errorOf(aliceDesk.iq(xml('iq', { type: 'get', to: BOB }, xml('vCard', { xmlns: 'vcard-temp' }))));
      expect(iq).toBe('not-acceptable');
      await barrier(bob);
      expect(bob.received.some(messageFrom(ALICE, 'psst'))).toBe(false);
    });

    it('unblocks bob: pushes, alice’s presence again, messages flow both ways', async () => {
      const seen = aliceDesk.received.length;
      const bobSeen = bob.received.length;
      await alicePhone.iq(unblock(BOB));
      await aliceDesk.waitFor(pushOf('unblock', [BOB]), 10_000, 'desk: unblock push');
      await alicePhone.waitFor(pushOf('unblock', [BOB]), 10_000, 'phone: unblock push');
      await bob.waitFor((s) => bob.received.indexOf(s) >= bobSeen && presenceFrom(ALICE, undefined)(s), 10_000, 'bob: alice available again');
      // alice probes bob again, so his presence shows on her side too.
      await aliceDesk.waitFor((s) => aliceDesk.received.indexOf(s) >= seen && presenceFrom(BOB, undefined)(s), 10_000, 'alice: bob available again');
      chat(bob, ALICE, 'back again');
      await aliceDesk.waitFor(messageFrom(BOB, 'back again'), 10_000, 'alice: message after unblock');
      chat(aliceDesk, BOB, 'welcome back');
      await bob.waitFor(messageFrom(ALICE, 'welcome back'), 10_000, 'bob: message after unblock');
      expect(await blocklist(aliceDesk)).toEqual([]);
    });

    it('blocks a whole domain and unblocks everything at once', async () => {
      await carol.iq(block(TEST_DOMAIN, `${BOB}/phone`));
      expect((await blocklist(carol)).sort()).toEqual([`${BOB}/phone`, TEST_DOMAIN].sort());
      const id = chat(aliceDesk, jid('carol'), 'hi carol');
      expect(conditionOf(await aliceDesk.waitFor(bounceOf(id), 10_000, 'alice: bounce from carol'))).toBe('service-unavailable');
      await carol.iq(unblock());
      await carol.waitFor(pushOf('unblock', []), 10_000, 'carol: unblock-all push');
      expect(await blocklist(carol)).toEqual([]);
      chat(aliceDesk, jid('carol'), 'hi again');
      await carol.waitFor(messageFrom(ALICE, 'hi again'), 10_000, 'carol: message after unblock all');
    });

    it('refuses bad block requests', async () => {
      expect(await errorOf(aliceDesk.iq(block()))).toBe('bad-request');
      expect(await errorOf(aliceDesk.iq(block('@bad')))).toBe('jid-malformed');
      expect(await errorOf(aliceDesk.iq(xml('iq', { type: 'set' }, xml('block', { xmlns: NS_BLOCKING }, xml('item', {})))))).toBe('jid-malformed');
      expect(await errorOf(aliceDesk.iq(block(ALICE)))).toBe('not-acceptable');
      expect(await errorOf(aliceDesk.iq(block(`${ALICE}/phone`)))).toBe('not-acceptable');
      expect(await blocklist(aliceDesk)).toEqual([]);
    });

    it('advertises urn:xmpp:blocking on the server', async () => {
      const info = await aliceDesk.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS_BLOCKING);
    });
  });
}
