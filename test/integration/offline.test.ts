// XEP-0160 offline messages over real sockets, on SQLite and MariaDB:
// stored while the account has no available resource, delivered oldest
// first with a delay stamp on initial presence, removed once delivered;
// not stored: chat states, headlines; the per-account limit answered with
// resource-constraint; negative priorities neither flush nor receive.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS_SID = 'urn:xmpp:sid:0';
const NS_DELAY = 'urn:xmpp:delay';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const LIMIT = 3;
const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;

const messageWithId = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.id === id;
const idsWithPrefix = (client: TestClient, prefix: string): string[] =>
  client.received.filter((s) => s.name === 'message' && s.attrs.id?.startsWith(prefix)).map((s) => s.attrs.id as string);
const chat = (to: string, id: string, body: string): Element => xml('message', { to, id, type: 'chat' }, xml('body', {}, body));

async function connect(node: TestNode, username: string, resource: string): Promise<TestClient> {
  return connectClient(node, { username, password: `pw-${username}-secret` }, { resource });
}

async function sendPresence(client: TestClient, priority?: number): Promise<void> {
  await client.send(priority === undefined ? xml('presence') : xml('presence', {}, xml('priority', {}, String(priority))));
  await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid && s.attrs.type === undefined, 10_000, 'own presence');
}

let barriers = 0;
/**
 * Round trip through the message path: a headline to the client's own full
 * JID. Not an iq on purpose: @xmpp/client 0.14 leaves iq results out of its
 * XEP-0198 count, so after one the server would see the last messages as
 * unacknowledged and, per XEP-0198, put them back into offline storage.
 */
async function barrier(client: TestClient): Promise<void> {
  const id = `barrier-${++barriers}`;
  await client.send(xml('message', { to: client.jid, id, type: 'headline' }));
  await client.waitFor(messageWithId(id), 10_000, 'barrier');
}

/** Ends a session once everything sent to it has arrived (its closing <a/> then acknowledges it all). */
async function leave(client: TestClient): Promise<void> {
  await barrier(client);
  await client.stop();
}

for (const db of testDatabaseConfigs()) {
  describe(`offline messages (${db.name})`, () => {
    let node: TestNode;
    let bobId: number;
    const clients: TestClient[] = [];

    /** Waits until bob's offline storage holds `n` messages (writes commit asynchronously). */
    async function storedForBob(n: number): Promise<void> {
      for (let i = 0; i < 200; i++) {
        if ((await node.services.repos.offline.count(bobId)) === n) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`bob's offline storage never held ${n} messages (has ${await node.services.repos.offline.count(bobId)})`);
    }

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make(), limits: { offlineMaxPerAccount: LIMIT } });
      await node.createUser('alice');
      await node.createUser('bob');
      const bob = await node.services.accounts.getByJid('bob', TEST_DOMAIN);
      bobId = bob?.id ?? -1;
      const alice = await connect(node, 'alice', 'desk');
      clients.push(alice);
      await sendPresence(alice);
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    const alice = (): TestClient => clients[0] as TestClient;

    it('stores messages while bob is offline and delivers them oldest first with a delay stamp on initial presence', async () => {
      const before = new Date();
      await alice().send(chat(jid('bob'), 'off-1', 'first'));
      await alice().send(xml('message', { to: jid('bob'), id: 'off-cs', type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
      await alice().send(xml('message', { to: jid('bob'), id: 'off-2' }, xml('body', {}, 'second (type normal)')));
      await alice().send(xml('message', { to: jid('bob'), id: 'off-hl', type: 'headline' }, xml('body', {}, 'news')));
      await alice().send(chat(`${jid('bob')}/old-resource`, 'off-3', 'third, to a full JID'));
      await storedForBob(3);

      const bob = await connect(node, 'bob', 'phone');
      clients.push(bob);
      await barrier(bob);
      expect(idsWithPrefix(bob, 'off-')).toEqual([]);
      await sendPresence(bob);
      await bob.waitFor(messageWithId('off-3'), 10_000, 'the third stored message');
      expect(idsWithPrefix(bob, 'off-')).toEqual(['off-1', 'off-2', 'off-3']);
      for (const id of ['off-1', 'off-2', 'off-3']) {
        const message = bob.received.find(messageWithId(id)) as Element;
        expect(message.attrs.from).toBe(`${jid('alice')}/desk`);
        const delay = message.getChild('delay', NS_DELAY);
        expect(delay?.attrs.from).toBe(TEST_DOMAIN);
        const stamp = Date.parse(delay?.attrs.stamp ?? '');
        expect(stamp).toBeGreaterThanOrEqual(before.getTime() - 1000);
        expect(stamp).toBeLessThanOrEqual(Date.now());
        expect(message.getChild('stanza-id', NS_SID)?.attrs.by).toBe(jid('bob'));
      }
      await storedForBob(0);
      await leave(bob);

      // Nothing comes twice: a new session gets only what was sent since.
      await alice().send(chat(jid('bob'), 'off-4', 'fourth'));
      await storedForBob(1);
      const again = await connect(node, 'bob', 'laptop');
      clients.push(again);
      await sendPresence(again);
      await again.waitFor(messageWithId('off-4'));
      expect(idsWithPrefix(again, 'off-')).toEqual(['off-4']);
      await storedForBob(0);
      await leave(again);
    });

    it(`refuses the message after ${LIMIT} stored ones with resource-constraint and a text`, async () => {
      for (let i = 1; i <= LIMIT + 1; i++) await alice().send(chat(jid('bob'), `lim-${i}`, `message ${i}`));
      const error = await alice().waitFor((s) => messageWithId(`lim-${LIMIT + 1}`)(s) && s.attrs.type === 'error', 10_000, 'the limit error');
      const condition = error.getChild('error');
      expect(condition?.attrs.type).toBe('wait');
      expect(condition?.getChild('resource-constraint', NS_STANZAS)).toBeDefined();
      expect(condition?.getChildText('text', NS_STANZAS)).toMatch(/offline and cannot take more messages/);
      expect(alice().received.filter((s) => s.attrs.type === 'error' && s.attrs.id?.startsWith('lim-'))).toHaveLength(1);
      await storedForBob(LIMIT);

      const bob = await connect(node, 'bob', 'phone');
      clients.push(bob);
      await sendPresence(bob);
      await bob.waitFor(messageWithId(`lim-${LIMIT}`));
      await storedForBob(0);
      expect(idsWithPrefix(bob, 'lim-')).toEqual(Array.from({ length: LIMIT }, (_, i) => `lim-${i + 1}`));
      await leave(bob);
    });

    it('neither flushes to nor delivers to a resource with a negative priority', async () => {
      await alice().send(chat(jid('bob'), 'neg-1', 'waiting'));
      await storedForBob(1);
      const shy = await connect(node, 'bob', 'shy');
      clients.push(shy);
      await sendPresence(shy, -5);
      await alice().send(chat(jid('bob'), 'neg-2', 'also stored'));
      await storedForBob(2);
      await alice().send(chat(`${jid('bob')}/shy`, 'neg-3', 'but a full JID reaches it'));
      await shy.waitFor(messageWithId('neg-3'));
      expect(idsWithPrefix(shy, 'neg-')).toEqual(['neg-3']);

      const bob = await connect(node, 'bob', 'phone');
      clients.push(bob);
      await sendPresence(bob, 0);
      await bob.waitFor(messageWithId('neg-2'));
      expect(idsWithPrefix(bob, 'neg-')).toEqual(['neg-1', 'neg-2']);
      await storedForBob(0);
      await leave(bob);
      await leave(shy);
    });
  });
}
