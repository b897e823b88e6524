// XEP-0280 Message Carbons over real sockets, on SQLite and MariaDB:
// enabling and disabling, received carbons (bare and full JID), sent
// carbons, <private/>, ineligible messages, and requests for someone else.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_SID = 'urn:xmpp:sid:0';
const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;

async function online(node: TestNode, username: string, resource: string, carbons: boolean): Promise<TestClient> {
  const client = await connectClient(node, { username, password: `pw-${username}-secret` }, { resource });
  if (carbons) {
    const result = await client.iq(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS })));
    expect(result.attrs.type).toBe('result');
  }
  await client.send(xml('presence'));
  await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid && s.attrs.type === undefined, 10_000, 'own presence');
  return client;
}

/** The message inside a carbon of that direction whose original id is `id`. */
function carbonOf(direction: 'sent' | 'received', id: string) {
  return (s: Element): boolean => s.name === 'message' && s.getChild(direction, NS_CARBONS)?.getChild('forwarded', NS_FORWARD)?.getChild('message')?.attrs.id === id;
}
const forwardedIn = (carbon: Element, direction: 'sent' | 'received'): Element | undefined => carbon.getChild(direction, NS_CARBONS)?.getChild('forwarded', NS_FORWARD)?.getChild('message');
const anyCarbonOf = (id: string) => (s: Element): boolean => carbonOf('sent', id)(s) || carbonOf('received', id)(s);
const messageWithId = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.id === id;
const chat = (to: string, id: string, body: string, ...extra: Element[]): Element => xml('message', { to, id, type: 'chat' }, xml('body', {}, body), ...extra);

for (const db of testDatabaseConfigs()) {
  describe(`carbons (${db.name})`, () => {
    let node: TestNode;
    let alicePhone: TestClient;
    let aliceLaptop: TestClient;
    let bobPhone: TestClient;
    let bobLaptop: TestClient;
    let bobOld: TestClient;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol']) await node.createUser(name);
      alicePhone = await online(node, 'alice', 'phone', true);
      aliceLaptop = await online(node, 'alice', 'laptop', true);
      bobPhone = await online(node, 'bob', 'phone', true);
      bobLaptop = await online(node, 'bob', 'laptop', true);
      bobOld = await online(node, 'bob', 'old', false);
    });

    afterAll(async () => {
      await Promise.all([alicePhone, aliceLaptop, bobPhone, bobLaptop, bobOld].map((c) => c?.stop()));
      await node?.close();
    });

    it('advertises urn:xmpp:carbons:2 on the server', async () => {
      const info = await alicePhone.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toContain(NS_CARBONS);
    });

    it('copies a message to a full JID to the recipient’s other carbons-enabled resources, and to the sender’s', async () => {
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-1', 'to bob’s phone'));
      const original = await bobPhone.waitFor(messageWithId('c-1'));
      const received = await bobLaptop.waitFor(carbonOf('received', 'c-1'), 10_000, 'received carbon');
      expect(received.attrs).toMatchObject({ from: jid('bob'), to: `${jid('bob')}/laptop`, type: 'chat' });
      const inner = forwardedIn(received, 'received');
      expect(inner?.attrs).toMatchObject({ from: `${jid('alice')}/phone`, to: `${jid('bob')}/phone` });
      expect(inner?.getChildText('body')).toBe('to bob’s phone');
      // The copy carries the same archive id as the original.
      expect(inner?.getChild('stanza-id', NS_SID)?.attrs.id).toBe(original.getChild('stanza-id', NS_SID)?.attrs.id);

      const sent = await aliceLaptop.waitFor(carbonOf('sent', 'c-1'), 10_000, 'sent carbon');
      expect(sent.attrs).toMatchObject({ from: jid('alice'), to: `${jid('alice')}/laptop`, type: 'chat' });
      const sentInner = forwardedIn(sent, 'sent');
      expect(sentInner?.attrs.to).toBe(`${jid('bob')}/phone`);
      expect(sentInner?.getChild('stanza-id', NS_SID)?.attrs.by).toBe(jid('alice'));

      // No copy to the sender itself, to the resource that got the original, or to a resource without carbons.
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-1b', 'marker'));
      await bobLaptop.waitFor(carbonOf('received', 'c-1b'));
      await alicePhone.send(chat(jid('bob'), 'c-1c', 'marker for every resource'));
      await bobOld.waitFor(messageWithId('c-1c'));
      expect(alicePhone.received.some(anyCarbonOf('c-1'))).toBe(false);
      expect(bobPhone.received.some(anyCarbonOf('c-1'))).toBe(false);
      expect(bobOld.received.some((s) => anyCarbonOf('c-1')(s) || messageWithId('c-1')(s))).toBe(false);
    });

    it('sends no received carbon to resources that got a bare-JID message, but a sent carbon still', async () => {
      await alicePhone.send(chat(jid('bob'), 'c-2', 'to bob'));
      for (const bob of [bobPhone, bobLaptop, bobOld]) await bob.waitFor(messageWithId('c-2'));
      await aliceLaptop.waitFor(carbonOf('sent', 'c-2'));
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-2b', 'marker'));
      await bobLaptop.waitFor(carbonOf('received', 'c-2b'));
      for (const bob of [bobPhone, bobLaptop, bobOld]) expect(bob.received.some(anyCarbonOf('c-2'))).toBe(false);
    });

    it('does not copy a message marked <private/>, and removes the marker for the recipient', async () => {
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-3', 'secret', xml('private', { xmlns: NS_CARBONS }), xml('no-copy', { xmlns: 'urn:xmpp:hints' })));
      const delivered = await bobPhone.waitFor(messageWithId('c-3'));
      expect(delivered.getChild('private', NS_CARBONS)).toBeUndefined();
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-3b', 'marker'));
      await bobLaptop.waitFor(carbonOf('received', 'c-3b'));
      await aliceLaptop.waitFor(carbonOf('sent', 'c-3b'));
      expect(bobLaptop.received.some(anyCarbonOf('c-3'))).toBe(false);
      expect(aliceLaptop.received.some(anyCarbonOf('c-3'))).toBe(false);
    });

    it('does not copy headlines or bodiless normal messages, but copies chat states', async () => {
      await alicePhone.send(xml('message', { to: `${jid('bob')}/phone`, id: 'c-4', type: 'headline' }, xml('body', {}, 'news')));
      await alicePhone.send(xml('message', { to: `${jid('bob')}/phone`, id: 'c-5' }, xml('thread', {}, 't')));
      await alicePhone.send(xml('message', { to: `${jid('bob')}/phone`, id: 'c-6', type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
      await bobLaptop.waitFor(carbonOf('received', 'c-6'), 10_000, 'carbon of a chat state');
      await aliceLaptop.waitFor(carbonOf('sent', 'c-6'));
      for (const id of ['c-4', 'c-5']) {
        await bobPhone.waitFor(messageWithId(id));
        expect(bobLaptop.received.some(anyCarbonOf(id))).toBe(false);
        expect(aliceLaptop.received.some(anyCarbonOf(id))).toBe(false);
      }
    });

    it('stops copying once disabled, and refuses to switch someone else’s carbons', async () => {
      expect((await bobLaptop.iq(xml('iq', { type: 'set' }, xml('disable', { xmlns: NS_CARBONS })))).attrs.type).toBe('result');
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-7', 'after disable'));
      await bobPhone.waitFor(messageWithId('c-7'));
      await aliceLaptop.waitFor(carbonOf('sent', 'c-7'));
      // Re-enable and send a marker: the copy of c-7 would have arrived before it.
      expect((await bobLaptop.iq(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS })))).attrs.type).toBe('result');
      await alicePhone.send(chat(`${jid('bob')}/phone`, 'c-7b', 'marker'));
      await bobLaptop.waitFor(carbonOf('received', 'c-7b'));
      expect(bobLaptop.received.some(anyCarbonOf('c-7'))).toBe(false);

      await expect(alicePhone.iq(xml('iq', { type: 'set', to: jid('bob') }, xml('enable', { xmlns: NS_CARBONS })))).rejects.toMatchObject({ condition: 'not-allowed', type: 'cancel' });
    });
  });
}
