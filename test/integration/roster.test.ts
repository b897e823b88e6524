// RFC 6121 §2 roster management against a real node over real sockets, on
// SQLite and MariaDB: get, set, pushes to interested resources, remove,
// versioning (§2.6), the stream features, and bad roster sets.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { authenticatedRawStream } from '../helpers/raw-stream.js';

const NS_ROSTER = 'jabber:iq:roster';
type Credentials = { username: string; password: string; jid: string };

const rosterGet = (ver?: string): Element => xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER, ver }));
const rosterSet = (...items: Element[]): Element => xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, ...items));
const item = (jid: string, attrs: Record<string, string> = {}, groups: string[] = []): Element =>
  xml('item', { jid, ...attrs }, ...groups.map((g) => xml('group', {}, g)));

const isPush = (jid: string, subscription?: string) => (s: Element): boolean => {
  if (s.name !== 'iq' || s.attrs.type !== 'set') return false;
  const pushed = s.getChild('query', NS_ROSTER)?.getChild('item');
  return pushed?.attrs.jid === jid && (subscription === undefined || pushed.attrs.subscription === subscription);
};

const itemsOf = (result: Element): Element[] => result.getChild('query', NS_ROSTER)?.getChildren('item') ?? [];

/** Runs a ping round trip: everything the server queued for `client` before it has arrived. */
async function roundTrip(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

for (const db of testDatabaseConfigs()) {
  describe(`roster (${db.name})`, () => {
    let node: TestNode;
    let alice: Credentials;
    const bobJid = `bob@${TEST_DOMAIN}`;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      alice = await node.createUser('alice');
      await node.createUser('bob');
    });

    afterAll(async () => {
      await node?.close();
    });

    it('offers roster versioning and pre-approval stream features', async () => {
      const raw = await authenticatedRawStream(node.ports.c2s, 'alice', alice.password, false);
      try {
        expect(raw.text()).toContain("<ver xmlns='urn:xmpp:features:rosterver'/>");
        expect(raw.text()).toContain("<sub xmlns='urn:xmpp:features:pre-approval'/>");
      } finally {
        raw.destroy();
      }
    });

    it('gets, sets, pushes to interested resources, versions and removes', async () => {
      const phone = await connectClient(node, alice, { resource: 'phone' });
      const laptop = await connectClient(node, alice, { resource: 'laptop', transport: 'websocket' });
      const idle = await connectClient(node, alice, { resource: 'idle' });
      try {
        const empty = await phone.iq(rosterGet());
        expect(itemsOf(empty)).toEqual([]);
        const firstVer = empty.getChild('query', NS_ROSTER)?.attrs.ver;
        expect(firstVer).toBeDefined();
        await laptop.iq(rosterGet());

        const setResult = await phone.iq(rosterSet(item(bobJid, { name: 'Bob' }, ['Friends', 'Work'])));
        expect(setResult.attrs.type).toBe('result');
        // Pushed to both sessions that requested the roster, the sender included (§2.1.6)…
        const push = await laptop.waitFor(isPush(bobJid), 10_000, 'roster push on laptop');
        await phone.waitFor(isPush(bobJid), 10_000, 'roster push on phone');
        const pushed = push.getChild('query', NS_ROSTER);
        expect(pushed?.attrs.ver).toBeDefined();
        expect(pushed?.attrs.ver).not.toBe(firstVer);
        expect(pushed?.getChild('item')?.attrs).toMatchObject({ jid: bobJid, name: 'Bob', subscription: 'none' });
        expect(pushed?.getChild('item')?.getChildren('group').map((g) => g.getText()).sort()).toEqual(['Friends', 'Work']);
        // …and not to the session that never asked for it.
        await roundTrip(idle);
        expect(idle.received.some(isPush(bobJid))).toBe(false);

        const full = await phone.iq(rosterGet());
        const ver = full.getChild('query', NS_ROSTER)?.attrs.ver;
        expect(ver).toBe(pushed?.attrs.ver);
        expect(itemsOf(full).map((i) => i.attrs)).toEqual([{ jid: bobJid, name: 'Bob', subscription: 'none' }]);

        // Versioning (§2.6.3): the current version gets an empty result; an old one the whole roster.
        const same = await phone.iq(rosterGet(ver));
        expect(same.attrs.type).toBe('result');
        expect(same.getChildElements()).toEqual([]);
        const old = await phone.iq(rosterGet(firstVer));
        expect(itemsOf(old)).toHaveLength(1);
        expect(old.getChild('query', NS_ROSTER)?.attrs.ver).toBe(ver);

        // Update: the name and groups are replaced; an echoed subscription value is ignored (§2.1.2.5).
        await phone.iq(rosterSet(item(bobJid, { name: 'Robert', subscription: 'both' }, ['Family'])));
        const updated = await laptop.waitFor((s) => isPush(bobJid)(s) && s.getChild('query')?.getChild('item')?.attrs.name === 'Robert');
        expect(updated.getChild('query')?.getChild('item')?.attrs.subscription).toBe('none');
        expect(updated.getChild('query')?.getChild('item')?.getChildren('group').map((g) => g.getText())).toEqual(['Family']);

        // Remove (§2.5): pushed as subscription='remove', gone from the roster, a second removal is item-not-found.
        await phone.iq(rosterSet(item(bobJid, { subscription: 'remove' })));
        await laptop.waitFor(isPush(bobJid, 'remove'), 10_000, 'remove push');
        expect(itemsOf(await phone.iq(rosterGet()))).toEqual([]);
        await expect(phone.iq(rosterSet(item(bobJid, { subscription: 'remove' })))).rejects.toMatchObject({ condition: 'item-not-found' });
      } finally {
        await Promise.all([phone.stop(), laptop.stop(), idle.stop()]);
      }
    });

    it('refuses bad roster sets with the right condition and a text', async () => {
      const client = await connectClient(node, alice, { resource: 'bad' });
      try {
        const cases: Array<[Element, string, RegExp]> = [
          [rosterSet(item(bobJid), item(`carol@${TEST_DOMAIN}`)), 'bad-request', /exactly one/],
          [rosterSet(), 'bad-request', /exactly one/],
          [rosterSet(item(alice.jid)), 'not-acceptable', /own address/],
          [rosterSet(item('not@@valid')), 'bad-request', /malformed/],
          [rosterSet(xml('item', { name: 'no jid' })), 'bad-request', /no jid/],
          [rosterSet(item(`${bobJid}/phone`)), 'bad-request', /resource/],
          [rosterSet(item(bobJid, { subscription: 'all-of-it' })), 'bad-request', /subscription/],
          [rosterSet(item(bobJid, {}, ['Same', 'Same'])), 'bad-request', /twice/],
          [rosterSet(item(bobJid, {}, [''])), 'not-acceptable', /empty/],
        ];
        for (const [request, condition, text] of cases) {
          const error = await client.iq(request).then(
            () => undefined,
            (e: unknown) => e as { condition?: string; text?: string },
          );
          expect(error?.condition, request.toString()).toBe(condition);
          expect(error?.text, request.toString()).toMatch(text);
        }
        // Nothing of it was stored.
        expect(itemsOf(await client.iq(rosterGet()))).toEqual([]);
        // Another account's roster is off limits.
        await expect(client.iq(xml('iq', { type: 'get', to: bobJid }, xml('query', { xmlns: NS_ROSTER })))).rejects.toMatchObject({ condition: 'forbidden' });
      } finally {
        await client.stop();
      }
    });
  });
}
