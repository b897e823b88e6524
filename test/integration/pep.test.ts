// XEP-0163 PEP (on XEP-0060) over real sockets, on SQLite and MariaDB:
// publish/retrieve, +notify notifications learned from XEP-0115 caps (the
// test clients advertise caps and answer the server's disco#info), last
// item on coming online, access models, publish-options, configuration,
// retract/delete/purge, XEP-0084 avatars, XEP-0402 bookmarks, disco.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { eventually } from '../helpers/eventually.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { withCaps } from '../helpers/caps-client.js';
import { publishBookmark } from '../../server/modules/pep/index.js';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_OWNER = 'http://jabber.org/protocol/pubsub#owner';
const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';
const NS_ERRORS = 'http://jabber.org/protocol/pubsub#errors';
const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_DATA = 'jabber:x:data';
const MOOD = 'http://jabber.org/protocol/mood';
const AVATAR_DATA = 'urn:xmpp:avatar:data';
const AVATAR_META = 'urn:xmpp:avatar:metadata';
const BOOKMARKS = 'urn:xmpp:bookmarks:1';

// ---- stanza builders ----------------------------------------------------------------

function form(formType: string, fields: Record<string, string>, type = 'submit'): Element {
  return xml(
    'x',
    { xmlns: NS_DATA, type },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    ...Object.entries(fields).map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
  );
}

function publish(node: string, id: string | undefined, payload: Element, options?: Record<string, string>): Element {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node }, xml('item', id ? { id } : {}, payload)),
      ...(options ? [xml('publish-options', {}, form(`${NS_PUBSUB}#publish-options`, options))] : []),
    ),
  );
}

const itemsOf = (to: string | undefined, node: string, attrs: Record<string, string> = {}, ...ids: string[]): Element =>
  xml('iq', { type: 'get', to }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node, ...attrs }, ...ids.map((id) => xml('item', { id })))));

const owner = (type: 'get' | 'set', child: Element, to?: string): Element => xml('iq', { type, to }, xml('pubsub', { xmlns: NS_OWNER }, child));

const mood = (value: string): Element => xml('mood', { xmlns: MOOD }, xml(value, {}));

/** Items of a retrieve result, oldest first: [id, payload]. */
function itemsIn(result: Element): Array<{ id: string | undefined; payload: Element | undefined }> {
  const items = result.getChild('pubsub', NS_PUBSUB)?.getChild('items')?.getChildren('item') ?? [];
  return items.map((item) => ({ id: item.attrs.id, payload: item.getChildElements()[0] }));
}

/** Condition, error type and pubsub#errors child of an error reply. */
async function errorOf(promise: Promise<unknown>): Promise<{ condition: string; type: string | undefined; pubsub: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    const element = (error as { element?: Element }).element;
    const children = element?.getChildElements() ?? [];
    const condition = children.find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name ?? String(error);
    const pubsub = children.find((c) => c.attrs.xmlns === NS_ERRORS)?.name;
    return { condition, type: element?.attrs.type, pubsub };
  }
  throw new Error('expected an error reply');
}

/** A pubsub event notification from `from` about `node`, optionally for one item id or a retract/delete/purge. */
const eventOf = (from: string, node: string, match: (event: Element) => boolean = () => true) => (s: Element): boolean => {
  if (s.name !== 'message' || s.attrs.from !== from) return false;
  const event = s.getChild('event', NS_EVENT);
  const child = event?.getChildElements()[0];
  return child !== undefined && event !== undefined && child.attrs.node === node && match(event);
};
const withItem = (id: string) => (event: Element): boolean => event.getChild('items')?.getChild('item')?.attrs.id === id;
const withRetract = (id: string) => (event: Element): boolean => event.getChild('items')?.getChild('retract')?.attrs.id === id;

// ---- clients with entity caps -----------------------------------------------------------

/** After this, every stanza the server queued for `client` before the call has arrived. */
async function barrier(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

for (const db of testDatabaseConfigs()) {
  describe(`PEP (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    let aliceDesk: TestClient;
    let alicePhone: TestClient;
    let bob: TestClient;
    let carol: TestClient;
    const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;
    const ALICE = jid('alice');

    const caps = async (name: string, resource: string, notify: string[]): Promise<TestClient> => {
      const client = await withCaps(node, name, resource, notify);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol', 'sli']) await node.createUser(name);
      const repos = node.services.repos;
      const [alice, bobAccount] = [await node.services.accounts.getByJid('alice', TEST_DOMAIN), await node.services.accounts.getByJid('bob', TEST_DOMAIN)];
      if (!alice || !bobAccount) throw new Error('accounts missing');
      // alice and bob share presence both ways; carol is a stranger to alice.
      const both = { name: null, subscription: 'both' as const, askOut: false, pendingIn: false, approved: false, groups: [] };
      await repos.roster.put(alice.id, { ...both, jid: jid('bob') });
      await repos.roster.put(bobAccount.id, { ...both, jid: ALICE });
      const all = [MOOD, AVATAR_META, BOOKMARKS, 'urn:causerie:test:events'];
      aliceDesk = await caps('alice', 'desk', all);
      alicePhone = await caps('alice', 'phone', all);
      bob = await caps('bob', 'phone', all);
      carol = await caps('carol', 'laptop', all);
    });

    afterAll(async () => {
      for (const client of clients) await client.stop();
      await node?.close();
    });

    it('publishes and retrieves items; the auto-created node keeps one item by default', async () => {
      const first = await aliceDesk.iq(publish('urn:causerie:test:notes', 'n1', xml('note', { xmlns: 'urn:causerie:test' }, 'first')));
      expect(first.getChild('pubsub', NS_PUBSUB)?.getChild('publish')?.getChild('item')?.attrs.id).toBe('n1');
      const stored = itemsIn(await aliceDesk.iq(itemsOf(undefined, 'urn:causerie:test:notes')));
      expect(stored).toHaveLength(1);
      expect(stored[0]?.id).toBe('n1');
      expect(stored[0]?.payload?.getText()).toBe('first');
      expect(stored[0]?.payload?.attrs.xmlns).toBe('urn:causerie:test');
      // Without an id the server makes one; max_items=1 keeps only the newest.
      const second = await aliceDesk.iq(publish('urn:causerie:test:notes', undefined, xml('note', { xmlns: 'urn:causerie:test' }, 'second')));
      const generated = second.getChild('pubsub', NS_PUBSUB)?.getChild('publish')?.getChild('item')?.attrs.id;
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(itemsIn(await aliceDesk.iq(itemsOf(undefined, 'urn:causerie:test:notes'))).map((i) => i.id)).toEqual([generated]);
    });

    it('notifies the owner’s resources and subscribed contacts that asked with +notify, and nobody else', async () => {
      await aliceDesk.iq(publish(MOOD, 'current', mood('happy')));
      const toBob = await bob.waitFor(eventOf(ALICE, MOOD, withItem('current')), 10_000, 'bob: mood event');
      expect(toBob.attrs.type).toBe('headline');
      expect(toBob.attrs.to).toBe(`${jid('bob')}/phone`);
      expect(toBob.getChild('event', NS_EVENT)?.getChild('items')?.getChild('item')?.getChild('mood', MOOD)?.getChild('happy')).toBeDefined();
      await alicePhone.waitFor(eventOf(ALICE, MOOD, withItem('current')), 10_000, 'alice/phone: mood event');
      await aliceDesk.waitFor(eventOf(ALICE, MOOD, withItem('current')), 10_000, 'alice/desk: mood event');
      // carol asked too (+notify) but has no subscription to alice's presence.
      await barrier(carol);
      expect(carol.received.some(eventOf(ALICE, MOOD))).toBe(false);
    });

    it('does not notify a contact’s resource that did not ask with +notify', async () => {
      const quiet = await caps('bob', 'quiet', ['urn:unrelated']);
      await aliceDesk.iq(publish(MOOD, 'current', mood('calm')));
      await bob.waitFor(eventOf(ALICE, MOOD, (e) => withItem('current')(e) && e.toString().includes('calm')), 10_000, 'bob: calm');
      await barrier(quiet);
      expect(quiet.received.some(eventOf(ALICE, MOOD))).toBe(false);
    });

    it('sends the last item to a contact resource that comes online with +notify, not to a stranger', async () => {
      const laptop = await caps('bob', 'laptop', [MOOD]);
      const last = await laptop.waitFor(eventOf(ALICE, MOOD, withItem('current')), 10_000, 'bob/laptop: last mood');
      expect(last.toString()).toContain('calm');
      const stranger = await caps('carol', 'tablet', [MOOD]);
      await barrier(stranger);
      expect(stranger.received.some(eventOf(ALICE, MOOD))).toBe(false);
    });

    it('applies the access models: presence, whitelist and open', async () => {
      // presence (default): bob is subscribed, carol is not.
      expect(itemsIn(await bob.iq(itemsOf(ALICE, MOOD)))[0]?.id).toBe('current');
      expect(await errorOf(carol.iq(itemsOf(ALICE, MOOD)))).toEqual({ condition: 'not-authorized', type: 'auth', pubsub: 'presence-subscription-required' });
      // whitelist: only the owner.
      await aliceDesk.iq(publish('urn:causerie:test:private', 'p1', xml('secret', { xmlns: 'urn:causerie:test' }), { 'pubsub#access_model': 'whitelist' }));
      expect(await errorOf(bob.iq(itemsOf(ALICE, 'urn:causerie:test:private')))).toEqual({ condition: 'not-allowed', type: 'cancel', pubsub: 'closed-node' });
      expect(itemsIn(await aliceDesk.iq(itemsOf(ALICE, 'urn:causerie:test:private')))).toHaveLength(1);
      // open: anyone.
      await aliceDesk.iq(publish('urn:causerie:test:public', 'o1', xml('hello', { xmlns: 'urn:causerie:test' }), { 'pubsub#access_model': 'open' }));
      expect(itemsIn(await carol.iq(itemsOf(ALICE, 'urn:causerie:test:public')))[0]?.id).toBe('o1');
    });

    it('answers item-not-found for a missing node and service-unavailable for an unknown account', async () => {
      expect(await errorOf(bob.iq(itemsOf(ALICE, 'urn:causerie:test:missing')))).toMatchObject({ condition: 'item-not-found' });
      expect(await errorOf(bob.iq(itemsOf(jid('nobody'), MOOD)))).toMatchObject({ condition: 'service-unavailable' });
      expect(await errorOf(bob.iq(itemsOf(ALICE, MOOD, { max_items: 'lots' })))).toMatchObject({ condition: 'bad-request' });
    });

    it('enforces publish-options preconditions on an existing node (XEP-0060 §7.1.5)', async () => {
      const nodeName = 'urn:causerie:test:options';
      await aliceDesk.iq(publish(nodeName, 'a', xml('x', { xmlns: 'urn:causerie:test' }), { 'pubsub#access_model': 'open', 'pubsub#max_items': '5' }));
      // Same options: fine. Different: conflict + precondition-not-met.
      await aliceDesk.iq(publish(nodeName, 'b', xml('x', { xmlns: 'urn:causerie:test' }), { 'pubsub#access_model': 'open' }));
      expect(await errorOf(aliceDesk.iq(publish(nodeName, 'c', xml('x', { xmlns: 'urn:causerie:test' }), { 'pubsub#access_model': 'whitelist' })))).toEqual({
        condition: 'conflict',
        type: 'cancel',
        pubsub: 'precondition-not-met',
      });
      expect(itemsIn(await aliceDesk.iq(itemsOf(undefined, nodeName))).map((i) => i.id)).toEqual(['a', 'b']);
      // Invalid values and forms.
      expect(await errorOf(aliceDesk.iq(publish('urn:causerie:test:bad', 'a', xml('x', { xmlns: 'urn:causerie:test' }), { 'pubsub#max_items': '100000' })))).toMatchObject({
        condition: 'not-acceptable',
      });
      const wrongForm = xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: 'urn:causerie:test:bad' }, xml('item', { id: '1' }, xml('x', { xmlns: 'urn:t' }))), xml('publish-options', {}, form('urn:wrong', {}))));
      expect(await errorOf(aliceDesk.iq(wrongForm))).toEqual({ condition: 'bad-request', type: 'modify', pubsub: 'invalid-options' });
      // Nothing was created by the refused publishes.
      expect(await errorOf(aliceDesk.iq(itemsOf(undefined, 'urn:causerie:test:bad')))).toMatchObject({ condition: 'item-not-found' });
    });

    it('gets and sets the node configuration (XEP-0060 §8.2), owner only', async () => {
      const nodeName = 'urn:causerie:test:config';
      for (const id of ['1', '2']) await aliceDesk.iq(publish(nodeName, id, xml('x', { xmlns: 'urn:causerie:test' }), { 'pubsub#max_items': '10' }));
      const got = await aliceDesk.iq(owner('get', xml('configure', { node: nodeName })));
      const x = got.getChild('pubsub', NS_OWNER)?.getChild('configure')?.getChild('x', NS_DATA);
      const value = (name: string): string | null | undefined => x?.getChildByAttr('var', name)?.getChildText('value');
      expect(value('pubsub#access_model')).toBe('presence');
      expect(value('pubsub#max_items')).toBe('10');
      await aliceDesk.iq(owner('set', xml('configure', { node: nodeName }, form('http://jabber.org/protocol/pubsub#node_config', { 'pubsub#max_items': '1', 'pubsub#access_model': 'whitelist' }))));
      // Lowering max_items drops the oldest items; whitelist now closes the node to bob.
      expect(itemsIn(await aliceDesk.iq(itemsOf(undefined, nodeName))).map((i) => i.id)).toEqual(['2']);
      expect(await errorOf(bob.iq(itemsOf(ALICE, nodeName)))).toMatchObject({ condition: 'not-allowed', pubsub: 'closed-node' });
      expect(await errorOf(aliceDesk.iq(owner('set', xml('configure', { node: nodeName }, form('http://jabber.org/protocol/pubsub#node_config', { 'pubsub#access_model': 'authorize' })))))).toMatchObject({
        condition: 'not-acceptable',
      });
      expect(await errorOf(aliceDesk.iq(owner('get', xml('configure', { node: 'urn:causerie:test:none' }))))).toMatchObject({ condition: 'item-not-found' });
      expect(await errorOf(bob.iq(owner('get', xml('configure', { node: nodeName }), ALICE)))).toMatchObject({ condition: 'forbidden' });
      const defaults = await aliceDesk.iq(owner('get', xml('default', {})));
      expect(defaults.getChild('pubsub', NS_OWNER)?.getChild('default')?.getChild('x', NS_DATA)).toBeDefined();
    });

    it('retracts with notification, purges and deletes nodes, notifying subscribers', async () => {
      const nodeName = 'urn:causerie:test:events';
      for (const id of ['e1', 'e2', 'e3']) await aliceDesk.iq(publish(nodeName, id, xml('e', { xmlns: 'urn:causerie:test' }, id), { 'pubsub#max_items': '10' }));
      await aliceDesk.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node: nodeName, notify: 'true' }, xml('item', { id: 'e1' })))));
      await bob.waitFor(eventOf(ALICE, nodeName, withRetract('e1')), 10_000, 'bob: retract e1');
      expect(itemsIn(await bob.iq(itemsOf(ALICE, nodeName))).map((i) => i.id)).toEqual(['e2', 'e3']);
      expect(await errorOf(aliceDesk.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node: nodeName }, xml('item', { id: 'e1' }))))))).toMatchObject({
        condition: 'item-not-found',
      });
      await aliceDesk.iq(owner('set', xml('purge', { node: nodeName })));
      await bob.waitFor(eventOf(ALICE, nodeName, (e) => e.getChild('purge') !== undefined), 10_000, 'bob: purge');
      expect(itemsIn(await bob.iq(itemsOf(ALICE, nodeName)))).toEqual([]);
      await aliceDesk.iq(owner('set', xml('delete', { node: nodeName })));
      await bob.waitFor(eventOf(ALICE, nodeName, (e) => e.getChild('delete') !== undefined), 10_000, 'bob: delete');
      expect(await errorOf(bob.iq(itemsOf(ALICE, nodeName)))).toMatchObject({ condition: 'item-not-found' });
      expect(await errorOf(aliceDesk.iq(owner('set', xml('delete', { node: nodeName }))))).toMatchObject({ condition: 'item-not-found' });
    });

    it('refuses bad publish requests with the XEP-0060 conditions', async () => {
      const raw = (child: Element, to?: string): Element => xml('iq', { type: 'set', to }, xml('pubsub', { xmlns: NS_PUBSUB }, child));
      const intruding = publish(MOOD, 'x', mood('sad'));
      intruding.attrs.to = ALICE;
      expect(await errorOf(bob.iq(intruding))).toMatchObject({ condition: 'forbidden' });
      expect(await errorOf(aliceDesk.iq(raw(xml('publish', {}, xml('item', {}, mood('sad'))))))).toEqual({ condition: 'bad-request', type: 'modify', pubsub: 'nodeid-required' });
      expect(await errorOf(aliceDesk.iq(raw(xml('publish', { node: MOOD }, xml('item', { id: '1' })))))).toMatchObject({ condition: 'bad-request', pubsub: 'payload-required' });
      expect(await errorOf(aliceDesk.iq(raw(xml('publish', { node: MOOD }, xml('item', { id: '1' }, mood('a'), mood('b'))))))).toMatchObject({ pubsub: 'invalid-payload' });
      expect(await errorOf(aliceDesk.iq(raw(xml('publish', { node: MOOD }))))).toMatchObject({ pubsub: 'item-required' });
      expect(await errorOf(bob.iq(raw(xml('subscribe', { node: MOOD, jid: jid('bob') }), ALICE)))).toEqual({ condition: 'feature-not-implemented', type: 'cancel', pubsub: 'unsupported' });
      // The mood alice published earlier is untouched.
      expect(itemsIn(await bob.iq(itemsOf(ALICE, MOOD)))[0]?.payload?.toString()).toContain('calm');
    });

    it('round-trips a 100 KB avatar (XEP-0084) and notifies metadata to contacts', async () => {
      const base64 = Buffer.alloc(75 * 1024, 7).toString('base64');
      expect(base64.length).toBeGreaterThanOrEqual(100 * 1024);
      const id = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
      await aliceDesk.iq(publish(AVATAR_DATA, id, xml('data', { xmlns: AVATAR_DATA }, base64)));
      await aliceDesk.iq(publish(AVATAR_META, id, xml('metadata', { xmlns: AVATAR_META }, xml('info', { id, bytes: String(75 * 1024), type: 'image/png', width: '64', height: '64' }))));
      const meta = await bob.waitFor(eventOf(ALICE, AVATAR_META, withItem(id)), 10_000, 'bob: avatar metadata');
      expect(meta.getChild('event', NS_EVENT)?.getChild('items')?.getChild('item')?.getChild('metadata', AVATAR_META)?.getChild('info')?.attrs.bytes).toBe(String(75 * 1024));
      const data = itemsIn(await bob.iq(itemsOf(ALICE, AVATAR_DATA, {}, id)));
      expect(data[0]?.payload?.getText()).toBe(base64);
      // Nobody asked for data notifications.
      await barrier(bob);
      expect(bob.received.some(eventOf(ALICE, AVATAR_DATA))).toBe(false);
    });

    it('keeps bookmarks (XEP-0402) private, with max items, notifying only the owner’s resources', async () => {
      const options = { 'pubsub#persist_items': 'true', 'pubsub#max_items': 'max', 'pubsub#send_last_published_item': 'never', 'pubsub#access_model': 'whitelist' };
      const room = (name: string): Element => xml('conference', { xmlns: BOOKMARKS, name, autojoin: 'true' }, xml('nick', {}, 'alice'));
      await aliceDesk.iq(publish(BOOKMARKS, `team@conference.${TEST_DOMAIN}`, room('Team'), options));
      await aliceDesk.iq(publish(BOOKMARKS, `coffee@conference.${TEST_DOMAIN}`, room('Coffee'), options));
      await alicePhone.waitFor(eventOf(ALICE, BOOKMARKS, withItem(`coffee@conference.${TEST_DOMAIN}`)), 10_000, 'alice/phone: bookmark');
      const listed = itemsIn(await alicePhone.iq(itemsOf(undefined, BOOKMARKS)));
      expect(listed.map((i) => i.id)).toEqual([`team@conference.${TEST_DOMAIN}`, `coffee@conference.${TEST_DOMAIN}`]);
      expect(listed[0]?.payload?.attrs).toMatchObject({ name: 'Team', autojoin: 'true' });
      // Whitelist: bob asked for +notify but gets nothing, and cannot read them.
      await barrier(bob);
      expect(bob.received.some(eventOf(ALICE, BOOKMARKS))).toBe(false);
      expect(await errorOf(bob.iq(itemsOf(ALICE, BOOKMARKS)))).toMatchObject({ condition: 'not-allowed', pubsub: 'closed-node' });
      const config = (await aliceDesk.iq(owner('get', xml('configure', { node: BOOKMARKS })))).getChild('pubsub', NS_OWNER)?.getChild('configure')?.getChild('x', NS_DATA);
      expect(config?.getChildByAttr('var', 'pubsub#max_items')?.getChildText('value')).toBe('max');
      expect(config?.getChildByAttr('var', 'pubsub#access_model')?.getChildText('value')).toBe('whitelist');
      // Retract with notify (XEP-0402 §3.4).
      await aliceDesk.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node: BOOKMARKS, notify: 'true' }, xml('item', { id: `team@conference.${TEST_DOMAIN}` })))));
      await alicePhone.waitFor(eventOf(ALICE, BOOKMARKS, withRetract(`team@conference.${TEST_DOMAIN}`)), 10_000, 'alice/phone: bookmark retract');
      expect(itemsIn(await aliceDesk.iq(itemsOf(undefined, BOOKMARKS))).map((i) => i.id)).toEqual([`coffee@conference.${TEST_DOMAIN}`]);
    });

    it('maps legacy XEP-0048 bookmarks in private storage onto XEP-0402 (#compat)', async () => {
      const NS_PRIVATE = 'jabber:iq:private';
      const NS_LEGACY = 'storage:bookmarks';
      const legacyGet = xml('iq', { type: 'get' }, xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_LEGACY })));
      const before = (await alicePhone.iq(legacyGet)).getChild('query', NS_PRIVATE)?.getChild('storage', NS_LEGACY)?.getChildren('conference') ?? [];
      expect(before.map((c) => c.attrs)).toEqual([{ jid: `coffee@conference.${TEST_DOMAIN}`, name: 'Coffee', autojoin: 'true' }]);
      expect(before[0]?.getChildText('nick')).toBe('alice');
      // A legacy client replaces the list: coffee goes, lunch comes.
      const storage = xml('storage', { xmlns: NS_LEGACY }, xml('conference', { jid: `lunch@conference.${TEST_DOMAIN}`, name: 'Lunch', autojoin: 'true' }, xml('nick', {}, 'ali')), xml('url', { name: 'dropped', url: 'https://example.org/' }));
      await aliceDesk.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_PRIVATE }, storage)));
      await alicePhone.waitFor(eventOf(ALICE, BOOKMARKS, withItem(`lunch@conference.${TEST_DOMAIN}`)), 10_000, 'alice/phone: legacy-added bookmark');
      await alicePhone.waitFor(eventOf(ALICE, BOOKMARKS, withRetract(`coffee@conference.${TEST_DOMAIN}`)), 10_000, 'alice/phone: legacy-removed bookmark');
      const now = itemsIn(await aliceDesk.iq(itemsOf(undefined, BOOKMARKS)));
      expect(now.map((i) => i.id)).toEqual([`lunch@conference.${TEST_DOMAIN}`]);
      expect(now[0]?.payload?.attrs).toMatchObject({ name: 'Lunch', autojoin: 'true' });
      expect(now[0]?.payload?.getChildText('nick')).toBe('ali');
      // Other private storage is not kept.
      const other = xml('iq', { type: 'set' }, xml('query', { xmlns: NS_PRIVATE }, xml('prefs', { xmlns: 'urn:example:prefs' })));
      expect(await errorOf(aliceDesk.iq(other))).toMatchObject({ condition: 'service-unavailable' });
      const features = (await aliceDesk.iq(xml('iq', { type: 'get', to: ALICE }, xml('query', { xmlns: NS_DISCO_INFO })))).getChild('query', NS_DISCO_INFO)?.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toEqual(expect.arrayContaining([`${BOOKMARKS}#compat`, `${NS_PUBSUB}#config-node-max`]));
    });

    it('lets the server add a group room to a user’s bookmarks with publishBookmark()', async () => {
      const carolAccount = await node.services.accounts.getByJid('carol', TEST_DOMAIN);
      if (!carolAccount) throw new Error('no carol');
      const ctx = { sessions: node.node.sessions, services: node.services, log: node.node.log };
      expect(await publishBookmark(ctx, carolAccount.id, `staff@conference.${TEST_DOMAIN}`, { name: 'Staff', autojoin: true, nick: 'Carol' })).toBe(true);
      const pushed = await carol.waitFor(eventOf(jid('carol'), BOOKMARKS, withItem(`staff@conference.${TEST_DOMAIN}`)), 10_000, 'carol: bookmark pushed');
      const conference = pushed.getChild('event', NS_EVENT)?.getChild('items')?.getChild('item')?.getChild('conference', BOOKMARKS);
      expect(conference?.attrs).toMatchObject({ name: 'Staff', autojoin: 'true' });
      expect(conference?.getChildText('nick')).toBe('Carol');
      const config = (await carol.iq(owner('get', xml('configure', { node: BOOKMARKS })))).getChild('pubsub', NS_OWNER)?.getChild('configure')?.getChild('x', NS_DATA);
      expect(config?.getChildByAttr('var', 'pubsub#access_model')?.getChildText('value')).toBe('whitelist');
      expect(await publishBookmark(ctx, 999_999, `staff@conference.${TEST_DOMAIN}`)).toBe(false);
    });

    it('advertises PEP on the account and lists the nodes each requester may see', async () => {
      const info = (await aliceDesk.iq(xml('iq', { type: 'get', to: ALICE }, xml('query', { xmlns: NS_DISCO_INFO })))).getChild('query', NS_DISCO_INFO);
      const identities = info?.getChildren('identity').map((i) => `${i.attrs.category}/${i.attrs.type}`);
      expect(identities).toEqual(expect.arrayContaining(['account/registered', 'pubsub/pep']));
      const features = info?.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toEqual(expect.arrayContaining([`${NS_PUBSUB}#publish`, `${NS_PUBSUB}#publish-options`, `${NS_PUBSUB}#auto-create`, `${NS_PUBSUB}#access-presence`, `${NS_PUBSUB}#access-whitelist`]));
      const nodesFor = async (client: TestClient): Promise<Array<string | undefined>> =>
        ((await client.iq(xml('iq', { type: 'get', to: ALICE }, xml('query', { xmlns: NS_DISCO_ITEMS })))).getChild('query', NS_DISCO_ITEMS)?.getChildren('item') ?? []).map((i) => i.attrs.node);
      const forAlice = await nodesFor(aliceDesk);
      expect(forAlice).toEqual(expect.arrayContaining([MOOD, BOOKMARKS, 'urn:causerie:test:private']));
      const forBob = await nodesFor(bob);
      expect(forBob).toContain(MOOD);
      expect(forBob).not.toContain(BOOKMARKS);
      const forCarol = await nodesFor(carol);
      expect(forCarol).toEqual(['urn:causerie:test:options', 'urn:causerie:test:public']);
      const leaf = (await bob.iq(xml('iq', { type: 'get', to: ALICE }, xml('query', { xmlns: NS_DISCO_INFO, node: MOOD })))).getChild('query', NS_DISCO_INFO);
      expect(leaf?.getChild('identity')?.attrs).toMatchObject({ category: 'pubsub', type: 'leaf' });
      expect(await errorOf(bob.iq(xml('iq', { type: 'get', to: ALICE }, xml('query', { xmlns: NS_DISCO_INFO, node: BOOKMARKS }))))).toMatchObject({ condition: 'not-allowed' });
    });

    it('sends no notifications across a block, in either direction (XEP-0191 §3.3)', async () => {
      const NS_BLOCKING = 'urn:xmpp:blocking';
      const blockCommand = (kind: 'block' | 'unblock', target: string): Element => xml('iq', { type: 'set' }, xml(kind, { xmlns: NS_BLOCKING }, xml('item', { jid: target })));
      await bob.iq(blockCommand('block', ALICE));
      await aliceDesk.iq(publish(MOOD, 'current', mood('blocked')));
      await aliceDesk.iq(blockCommand('block', jid('bob')));
      await bob.iq(blockCommand('unblock', ALICE));
      await aliceDesk.iq(publish(MOOD, 'current', mood('still-blocked')));
      await barrier(bob);
      expect(bob.received.some((s) => eventOf(ALICE, MOOD)(s) && /blocked/.test(s.toString()))).toBe(false);
      await aliceDesk.iq(blockCommand('unblock', jid('bob')));
      await aliceDesk.iq(publish(MOOD, 'current', mood('open')));
      await bob.waitFor((s) => eventOf(ALICE, MOOD)(s) && s.toString().includes('<open'), 10_000, 'bob: mood after unblock');
    });

    describe('with slixmpp', () => {
      let agent: SlixmppAgent;

      beforeAll(async () => {
        const caFile = join(mkdtempSync(join(tmpdir(), 'causerie-ca-')), 'ca.pem');
        writeFileSync(caFile, node.caPem);
        agent = await startSlixmppAgent();
        await agent.call('connect', { jid: jid('sli'), password: 'pw-sli-secret', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256', resource: 'py' });
      });

      afterAll(async () => {
        await agent?.close();
      });

      it('sees the pubsub/pep identity and reads an open node', async () => {
        const info = await agent.call('disco_info', { jid: ALICE });
        expect(info.identities).toContainEqual(expect.objectContaining({ category: 'pubsub', type: 'pep' }));
        expect(info.features).toContain(`${NS_PUBSUB}#publish-options`);
        const reply = await agent.call('iq_raw', { xml: `<iq type='get' to='${ALICE}'><pubsub xmlns='${NS_PUBSUB}'><items node='urn:causerie:test:public'/></pubsub></iq>` });
        expect(reply.type).toBe('result');
        expect(reply.xml).toContain("id=\"o1\"");
        const denied = await agent.call('iq_raw', { xml: `<iq type='get' to='${ALICE}'><pubsub xmlns='${NS_PUBSUB}'><items node='${MOOD}'/></pubsub></iq>` });
        expect(denied.type).toBe('error');
        expect(denied.xml).toContain('presence-subscription-required');
      });
    });
  });
}
