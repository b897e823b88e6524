// RFC 6121 §8.5 message routing between local accounts over real sockets,
// on SQLite and MariaDB: bare and full JIDs, several resources and
// priorities, unknown users, groupchat/headline/error rules, notes to self,
// the server host, forged XEP-0359 ids and delays, per-sender order in a
// burst, and a WebSocket sender.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { ClientTransport, TestClient } from '../helpers/xmpp-client.js';

const NS_SID = 'urn:xmpp:sid:0';
const NS_DELAY = 'urn:xmpp:delay';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;

/** Connects and sends initial presence (with a priority when given), then waits for its echo. */
async function online(node: TestNode, username: string, resource: string, options: { priority?: number; transport?: ClientTransport } = {}): Promise<TestClient> {
  const client = await connectClient(node, { username, password: `pw-${username}-secret` }, { resource, transport: options.transport ?? 'tcp' });
  await client.send(options.priority === undefined ? xml('presence') : xml('presence', {}, xml('priority', {}, String(options.priority))));
  await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid && s.attrs.type === undefined, 10_000, 'own presence');
  return client;
}

const messageWithId = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.id === id;
const errorFor = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.id === id && s.attrs.type === 'error';
const conditionOf = (s: Element): string | undefined => s.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name;
const chat = (to: string, id: string, body: string, ...extra: Element[]): Element => xml('message', { to, id, type: 'chat' }, xml('body', {}, body), ...extra);

for (const db of testDatabaseConfigs()) {
  describe(`messages (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    const track = (client: TestClient): TestClient => {
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol', 'dave']) await node.createUser(name);
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('delivers to the bare JID on every available resource, with the recipient’s stanza-id', async () => {
      const alice = track(await online(node, 'alice', 'phone'));
      const bobPhone = track(await online(node, 'bob', 'phone'));
      const bobLaptop = track(await online(node, 'bob', 'laptop', { priority: 5 }));
      await alice.send(chat(jid('bob'), 'bare-1', 'hello bob'));
      for (const bob of [bobPhone, bobLaptop]) {
        const got = await bob.waitFor(messageWithId('bare-1'), 10_000, 'message to the bare JID');
        expect(got.attrs).toMatchObject({ from: `${jid('alice')}/phone`, to: jid('bob'), type: 'chat' });
        expect(got.getChildText('body')).toBe('hello bob');
        const ids = got.getChildren('stanza-id', NS_SID);
        expect(ids).toHaveLength(1);
        expect(ids[0]?.attrs.by).toBe(jid('bob'));
        expect(ids[0]?.attrs.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      }
      const [one, two] = [bobPhone, bobLaptop].map((b) => b.received.find(messageWithId('bare-1'))?.getChild('stanza-id', NS_SID)?.attrs.id);
      expect(one).toBe(two);
      await Promise.all([alice, bobPhone, bobLaptop].map((c) => c.stop()));
    });

    it('delivers to a full JID only to that resource, even one that sent no presence', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      const bobPhone = track(await online(node, 'bob', 'phone'));
      const bobQuiet = track(await connectClient(node, { username: 'bob', password: 'pw-bob-secret' }, { resource: 'quiet' }));
      await alice.send(chat(`${jid('bob')}/quiet`, 'full-1', 'only quiet'));
      await alice.send(chat(`${jid('bob')}/phone`, 'full-2', 'only phone'));
      expect((await bobQuiet.waitFor(messageWithId('full-1'))).attrs.to).toBe(`${jid('bob')}/quiet`);
      await bobPhone.waitFor(messageWithId('full-2'));
      expect(bobPhone.received.some(messageWithId('full-1'))).toBe(false);
      expect(bobQuiet.received.some(messageWithId('full-2'))).toBe(false);
      await Promise.all([alice, bobPhone, bobQuiet].map((c) => c.stop()));
    });

    it('treats a chat message to a resource that is not connected as sent to the bare JID', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      const bob = track(await online(node, 'bob', 'phone'));
      await alice.send(chat(`${jid('bob')}/gone`, 'gone-1', 'to an old resource'));
      const got = await bob.waitFor(messageWithId('gone-1'));
      expect(got.getChildText('body')).toBe('to an old resource');
      // A headline to that resource is dropped; the next message proves nothing else came.
      await alice.send(xml('message', { to: `${jid('bob')}/gone`, id: 'gone-2', type: 'headline' }, xml('body', {}, 'news')));
      await alice.send(chat(jid('bob'), 'gone-3', 'after the headline'));
      await bob.waitFor(messageWithId('gone-3'));
      expect(bob.received.some(messageWithId('gone-2'))).toBe(false);
      await Promise.all([alice, bob].map((c) => c.stop()));
    });

    it('does not deliver to resources with a negative priority', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      const bobHigh = track(await online(node, 'bob', 'high', { priority: 1 }));
      const bobNegative = track(await online(node, 'bob', 'negative', { priority: -1 }));
      await alice.send(chat(jid('bob'), 'neg-1', 'not for negative'));
      await alice.send(chat(`${jid('bob')}/negative`, 'neg-2', 'but full JIDs still work'));
      await bobHigh.waitFor(messageWithId('neg-1'));
      await bobNegative.waitFor(messageWithId('neg-2'));
      expect(bobNegative.received.some(messageWithId('neg-1'))).toBe(false);
      await Promise.all([alice, bobHigh, bobNegative].map((c) => c.stop()));
    });

    it('answers service-unavailable for an unknown user, and stays silent for headlines and errors', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      await alice.send(xml('message', { to: jid('nobody'), id: 'nu-1', type: 'headline' }, xml('body', {}, 'x')));
      await alice.send(xml('message', { to: jid('nobody'), id: 'nu-2', type: 'error' }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS_STANZAS }))));
      await alice.send(chat(jid('nobody'), 'nu-3', 'anyone?'));
      await alice.send(xml('message', { to: `${jid('nobody')}/res`, id: 'nu-4' }, xml('body', {}, 'normal to a full JID')));
      const error = await alice.waitFor(errorFor('nu-3'), 10_000, 'error for the unknown user');
      expect(conditionOf(error)).toBe('service-unavailable');
      expect(error.attrs.from).toBe(jid('nobody'));
      expect(conditionOf(await alice.waitFor(errorFor('nu-4')))).toBe('service-unavailable');
      expect(alice.received.some(errorFor('nu-1'))).toBe(false);
      expect(alice.received.filter(errorFor('nu-2'))).toHaveLength(0);
      await alice.stop();
    });

    it('refuses groupchat messages to a user', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      const bob = track(await online(node, 'bob', 'phone'));
      await alice.send(xml('message', { to: jid('bob'), id: 'gc-1', type: 'groupchat' }, xml('body', {}, 'room talk')));
      expect(conditionOf(await alice.waitFor(errorFor('gc-1')))).toBe('service-unavailable');
      await alice.send(chat(jid('bob'), 'gc-2', 'after'));
      await bob.waitFor(messageWithId('gc-2'));
      expect(bob.received.some(messageWithId('gc-1'))).toBe(false);
      await Promise.all([alice, bob].map((c) => c.stop()));
    });

    it('strips stanza-ids and delays forged by the sender', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      const bob = track(await online(node, 'bob', 'phone'));
      await alice.send(
        chat(
          jid('bob'),
          'forge-1',
          'trust me',
          xml('stanza-id', { xmlns: NS_SID, by: jid('bob'), id: 'forged-id' }),
          xml('stanza-id', { xmlns: NS_SID, by: TEST_DOMAIN, id: 'forged-too' }),
          xml('delay', { xmlns: NS_DELAY, from: TEST_DOMAIN, stamp: '2001-01-01T00:00:00Z' }),
          xml('origin-id', { xmlns: NS_SID, id: 'alice-origin' }),
        ),
      );
      const got = await bob.waitFor(messageWithId('forge-1'));
      const ids = got.getChildren('stanza-id', NS_SID);
      expect(ids).toHaveLength(1);
      expect(ids[0]?.attrs.by).toBe(jid('bob'));
      expect(ids[0]?.attrs.id).not.toMatch(/forged/);
      expect(got.getChild('delay', NS_DELAY)).toBeUndefined();
      expect(got.getChild('origin-id', NS_SID)?.attrs.id).toBe('alice-origin');
      await Promise.all([alice, bob].map((c) => c.stop()));
    });

    it('delivers a burst of 100 messages (chat states among them) in the order sent', async () => {
      const alice = track(await online(node, 'alice', 'burst'));
      const carol = track(await online(node, 'carol', 'phone'));
      const sent: string[] = [];
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 100; i++) {
        const id = `burst-${i}`;
        sent.push(id);
        // Every fifth is a bare chat state: not archived, so it has no commit to wait for.
        const stanza = i % 5 === 4
          ? xml('message', { to: jid('carol'), id, type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }))
          : chat(jid('carol'), id, `message ${i}`);
        sends.push(alice.send(stanza));
      }
      await Promise.all(sends);
      await carol.waitFor(messageWithId('burst-99'), 20_000, 'the last message of the burst');
      const order = carol.received.filter((s) => s.name === 'message' && s.attrs.id?.startsWith('burst-')).map((s) => s.attrs.id);
      expect(order).toEqual(sent);
      await Promise.all([alice, carol].map((c) => c.stop()));
    });

    it('delivers a note to self to the account’s own resources', async () => {
      const alicePhone = track(await online(node, 'alice', 'phone'));
      const aliceLaptop = track(await online(node, 'alice', 'laptop'));
      await alicePhone.send(chat(jid('alice'), 'self-1', 'remember the milk'));
      await alicePhone.send(xml('message', { id: 'self-2', type: 'chat' }, xml('body', {}, 'no to at all')));
      for (const client of [alicePhone, aliceLaptop]) {
        const got = await client.waitFor(messageWithId('self-1'));
        expect(got.getChild('stanza-id', NS_SID)?.attrs.by).toBe(jid('alice'));
        expect((await client.waitFor(messageWithId('self-2'))).attrs.to).toBe(jid('alice'));
      }
      await Promise.all([alicePhone, aliceLaptop].map((c) => c.stop()));
    });

    it('tells the sender the server itself does not read chat', async () => {
      const alice = track(await online(node, 'alice', 'desk'));
      await alice.send(chat(TEST_DOMAIN, 'host-1', 'hello server'));
      const error = await alice.waitFor(errorFor('host-1'));
      expect(conditionOf(error)).toBe('service-unavailable');
      expect(error.getChild('error')?.getChildText('text', NS_STANZAS)).toMatch(/does not read messages/);
      await alice.stop();
    });

    it('works from a WebSocket client to a TCP client and back', async () => {
      const dave = track(await online(node, 'dave', 'browser', { transport: 'websocket' }));
      const bob = track(await online(node, 'bob', 'phone'));
      await dave.send(chat(jid('bob'), 'ws-1', 'from the browser'));
      expect((await bob.waitFor(messageWithId('ws-1'))).attrs.from).toBe(`${jid('dave')}/browser`);
      await bob.send(chat(`${jid('dave')}/browser`, 'ws-2', 'back to the browser'));
      const back = await dave.waitFor(messageWithId('ws-2'));
      expect(back.getChild('stanza-id', NS_SID)?.attrs.by).toBe(jid('dave'));
      await Promise.all([dave, bob].map((c) => c.stop()));
    });
  });
}
