// XEP-0313 user archives over real sockets, on SQLite and MariaDB: 30
// messages paged forwards and backwards (complete, count, index), with,
// start/end, full text (XEP-0431 field and ejabberd's withtext), ids,
// metadata, stanza-ids matching live delivery, what is not archived, the
// errors (unknown ids, bad forms, someone else's archive), and one
// scenario driven by slixmpp.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DELAY = 'urn:xmpp:delay';
const NS_SID = 'urn:xmpp:sid:0';
const NS_DATA = 'jabber:x:data';
const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;
const messageWithId = (id: string) => (s: Element): boolean => s.name === 'message' && s.attrs.id === id;

interface Page {
  results: Array<{ id: string; body: string | null; from: string; to: string; stamp: string; messageId: string | undefined }>;
  complete: string | undefined;
  first: string | undefined;
  firstIndex: string | undefined;
  last: string | undefined;
  count: number | undefined;
}

let queries = 0;

function form(fields: Record<string, string | string[]>): Element {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
    ...Object.entries(fields).map(([name, value]) => xml('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map((v) => xml('value', {}, v)))),
  );
}

function rsmSet(rsm: { max?: number; after?: string; before?: string }): Element {
  const children: Element[] = [];
  if (rsm.max !== undefined) children.push(xml('max', {}, String(rsm.max)));
  if (rsm.after !== undefined) children.push(xml('after', {}, rsm.after));
  if (rsm.before !== undefined) children.push(rsm.before === '' ? xml('before') : xml('before', {}, rsm.before));
  return xml('set', { xmlns: NS_RSM }, ...children);
}

/** Runs one query and collects its result messages (they arrive before the iq result). */
async function query(client: TestClient, fields: Record<string, string | string[]> = {}, rsm: { max?: number; after?: string; before?: string } = {}, to?: string): Promise<Page> {
  const queryid = `q${++queries}`;
  const reply = await client.iq(xml('iq', { type: 'set', to }, xml('query', { xmlns: NS_MAM, queryid }, form(fields), rsmSet(rsm))));
  const results = client.received
    .filter((s) => s.name === 'message' && s.getChild('result', NS_MAM)?.attrs.queryid === queryid)
    .map((s) => {
      const result = s.getChild('result', NS_MAM) as Element;
      const forwarded = result.getChild('forwarded', NS_FORWARD);
      const original = forwarded?.getChild('message');
      expect(s.attrs.from).toBe(client.jid.split('/')[0]);
      return {
        id: result.attrs.id as string,
        body: original?.getChildText('body') ?? null,
        from: original?.attrs.from ?? '',
        to: original?.attrs.to ?? '',
        stamp: forwarded?.getChild('delay', NS_DELAY)?.attrs.stamp ?? '',
        messageId: original?.attrs.id,
      };
    });
  const fin = reply.getChild('fin', NS_MAM);
  const set = fin?.getChild('set', NS_RSM);
  const count = set?.getChildText('count');
  return {
    results,
    complete: fin?.attrs.complete,
    first: set?.getChildText('first') ?? undefined,
    firstIndex: set?.getChild('first')?.attrs.index,
    last: set?.getChildText('last') ?? undefined,
    count: count === null || count === undefined ? undefined : Number(count),
  };
}

async function online(node: TestNode, username: string, resource: string): Promise<TestClient> {
  const client = await connectClient(node, { username, password: `pw-${username}-secret` }, { resource });
  await client.send(xml('presence'));
  await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid && s.attrs.type === undefined, 10_000, 'own presence');
  return client;
}

const BODY = (i: number): string => `msg ${i}${i % 7 === 3 ? ' with a zebra inside' : ''}`;

for (const db of testDatabaseConfigs()) {
  describe(`MAM (${db.name})`, () => {
    let node: TestNode;
    let alice: TestClient;
    let bob: TestClient;
    let carol: TestClient;
    let everything: Page;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol']) await node.createUser(name);
      await node.createUser('sli', 'slixmpp-password');
      alice = await online(node, 'alice', 'desk');
      bob = await online(node, 'bob', 'phone');
      carol = await online(node, 'carol', 'phone');
      // 30 messages alternating alice → bob, bob → alice; each waits for the
      // previous to arrive so the archive order is the order written here.
      for (let i = 0; i < 30; i++) {
        const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice];
        const id = `m${i}`;
        await from.send(xml('message', { to: to === bob ? jid('bob') : jid('alice'), id, type: 'chat' }, xml('body', {}, BODY(i))));
        await to.waitFor(messageWithId(id), 10_000, id);
        // Things never archived, sent between the others.
        if (i === 10) {
          await from.send(xml('message', { to: to === bob ? jid('bob') : jid('alice'), id: 'cs', type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
          await from.send(xml('message', { to: to === bob ? jid('bob') : jid('alice'), id: 'hl', type: 'headline' }, xml('body', {}, 'headline zebra')));
          await to.waitFor(messageWithId('hl'));
        }
      }
      for (let i = 0; i < 5; i++) {
        await carol.send(xml('message', { to: jid('alice'), id: `c${i}`, type: 'chat' }, xml('body', {}, `carol says ${i === 2 ? 'pineapple' : 'hello'}`)));
        await alice.waitFor(messageWithId(`c${i}`));
      }
      everything = await query(alice, {}, { max: 100 });
    });

    afterAll(async () => {
      await Promise.all([alice, bob, carol].map((c) => c?.stop()));
      await node?.close();
    });

    it('advertises MAM and stanza ids on the account, and returns its query form', async () => {
      const info = await alice.iq(xml('iq', { type: 'get', to: jid('alice') }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toEqual(expect.arrayContaining([NS_MAM, `${NS_MAM}#extended`, NS_SID]));
      const reply = await alice.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS_MAM })));
      const names = reply.getChild('query', NS_MAM)?.getChild('x', NS_DATA)?.getChildren('field').map((f) => f.attrs.var);
      expect(names).toEqual(expect.arrayContaining(['FORM_TYPE', 'with', 'start', 'end', 'before-id', 'after-id', 'ids', '{urn:xmpp:fulltext:0}fulltext', 'withtext']));
    });

    it('archives both sides once, in order, and nothing that is not a conversation message', () => {
      expect(everything.results.map((r) => r.messageId)).toEqual([...Array.from({ length: 30 }, (_, i) => `m${i}`), 'c0', 'c1', 'c2', 'c3', 'c4']);
      expect(everything.count).toBe(35);
      expect(everything.complete).toBe('true');
      const first = everything.results[0];
      expect(first).toMatchObject({ body: 'msg 0', from: `${jid('alice')}/desk`, to: jid('bob') });
      expect(Number.isNaN(Date.parse(first?.stamp ?? ''))).toBe(false);
    });

    it('uses the archive id the recipient saw live', async () => {
      const page = await query(bob, { with: jid('alice') }, { max: 3 });
      const live = bob.received.find(messageWithId('m0'))?.getChild('stanza-id', NS_SID);
      expect(live?.attrs.by).toBe(jid('bob'));
      expect(page.results[0]?.id).toBe(live?.attrs.id);
      // Each archive has its own ids.
      expect(everything.results[0]?.id).not.toBe(live?.attrs.id);
    });

    it('pages forward with count, index and complete', async () => {
      const pages: Page[] = [];
      let after: string | undefined;
      for (let n = 0; n < 3; n++) {
        const page = await query(alice, { with: jid('bob') }, { max: 10, after });
        pages.push(page);
        after = page.last;
      }
      expect(pages.map((p) => p.results.map((r) => r.messageId))).toEqual([0, 1, 2].map((p) => Array.from({ length: 10 }, (_, i) => `m${p * 10 + i}`)));
      expect(pages.map((p) => p.complete)).toEqual(['false', 'false', 'true']);
      expect(pages.map((p) => p.count)).toEqual([30, 30, 30]);
      expect(pages[0]?.firstIndex).toBe('0');
      for (const page of pages) {
        expect(page.first).toBe(page.results[0]?.id);
        expect(page.last).toBe(page.results[page.results.length - 1]?.id);
      }
      const beyond = await query(alice, { with: jid('bob') }, { max: 10, after: pages[2]?.last });
      expect(beyond.results).toEqual([]);
      expect(beyond.complete).toBe('true');
      expect(beyond.first).toBeUndefined();
    });

    it('pages backward from the last page', async () => {
      const last = await query(alice, { with: jid('bob') }, { max: 10, before: '' });
      expect(last.results.map((r) => r.messageId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${20 + i}`));
      expect(last.complete).toBe('false');
      expect(last.firstIndex).toBe('20');
      const middle = await query(alice, { with: jid('bob') }, { max: 10, before: last.first });
      expect(middle.results.map((r) => r.messageId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${10 + i}`));
      const oldest = await query(alice, { with: jid('bob') }, { max: 10, before: middle.first });
      expect(oldest.results.map((r) => r.messageId)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
      expect(oldest.complete).toBe('true');
    });

    it('filters by with', async () => {
      const page = await query(alice, { with: jid('carol') });
      expect(page.results.map((r) => r.messageId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
      expect(page.count).toBe(5);
      expect((await query(carol, { with: jid('bob') })).results).toEqual([]);
    });

    it('filters by start and end, inclusive', async () => {
      const byId = new Map(everything.results.map((r) => [r.messageId, r]));
      const start = byId.get('m10')?.stamp as string;
      const end = byId.get('m14')?.stamp as string;
      const inRange = (r: Page['results'][number]): boolean => Date.parse(r.stamp) >= Date.parse(start) && Date.parse(r.stamp) <= Date.parse(end);
      const expected = everything.results.filter(inRange).map((r) => r.messageId);
      expect(expected).toEqual(expect.arrayContaining(['m10', 'm11', 'm12', 'm13', 'm14']));
      const page = await query(alice, { start, end }, { max: 50 });
      expect(page.results.map((r) => r.messageId)).toEqual(expected);
      expect(page.count).toBe(expected.length);
      const onlyStart = await query(alice, { start: byId.get('c0')?.stamp as string }, { max: 50 });
      expect(onlyStart.results.map((r) => r.messageId)).toEqual(everything.results.filter((r) => Date.parse(r.stamp) >= Date.parse(byId.get('c0')?.stamp as string)).map((r) => r.messageId));
    });

    it('searches the full text, with either field name', async () => {
      const zebras = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 7 === 3).map((i) => `m${i}`);
      const hits = await query(alice, { '{urn:xmpp:fulltext:0}fulltext': 'zebra' });
      expect(hits.results.map((r) => r.messageId)).toEqual(zebras);
      expect(hits.count).toBe(zebras.length);
      expect((await query(alice, { withtext: 'pineapple' })).results.map((r) => r.messageId)).toEqual(['c2']);
      expect((await query(alice, { withtext: 'zebra', with: jid('carol') })).results).toEqual([]);
      const miss = await query(alice, { withtext: 'unicorn' });
      expect(miss).toMatchObject({ results: [], complete: 'true', count: 0 });
    });

    it('fetches by ids and reads the archive metadata', async () => {
      const wanted = [everything.results[5]?.id, everything.results[3]?.id] as string[];
      const page = await query(alice, { ids: wanted });
      expect(page.results.map((r) => r.messageId)).toEqual(['m3', 'm5']);
      const reply = await alice.iq(xml('iq', { type: 'get' }, xml('metadata', { xmlns: NS_MAM })));
      const metadata = reply.getChild('metadata', NS_MAM);
      expect(metadata?.getChild('start')?.attrs.id).toBe(everything.results[0]?.id);
      expect(metadata?.getChild('end')?.attrs.id).toBe(everything.results[34]?.id);
    });

    it('answers unknown ids with item-not-found', async () => {
      for (const [fields, rsm] of [
        [{}, { after: 'no-such-id' }],
        [{}, { before: 'no-such-id' }],
        [{ ids: ['no-such-id'] }, {}],
        [{ 'after-id': 'no-such-id' }, {}],
      ] as Array<[Record<string, string | string[]>, { after?: string; before?: string }]>) {
        await expect(query(alice, fields, rsm)).rejects.toMatchObject({ condition: 'item-not-found', type: 'cancel', message: expect.stringContaining('No archived message') });
      }
    });

    it('refuses bad forms and paging with the right condition and a text', async () => {
      await expect(query(alice, { start: 'yesterday' })).rejects.toMatchObject({ condition: 'bad-request', message: expect.stringContaining('"start"') });
      await expect(query(alice, { with: 'a@b@c' })).rejects.toMatchObject({ condition: 'bad-request' });
      await expect(query(alice, { 'include-groupchat': 'true' })).rejects.toMatchObject({ condition: 'feature-not-implemented', message: expect.stringContaining('include-groupchat') });
      await expect(alice.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_MAM }, xml('set', { xmlns: NS_RSM }, xml('max', {}, 'lots')))))).rejects.toMatchObject({ condition: 'bad-request' });
      // The server caps the page size.
      const capped = await query(alice, {}, { max: 100_000 });
      expect(capped.results.length).toBe(35);
    });

    it('forbids querying someone else’s archive', async () => {
      await expect(query(alice, {}, {}, jid('bob'))).rejects.toMatchObject({ condition: 'forbidden' });
      await expect(alice.iq(xml('iq', { type: 'get', to: jid('bob') }, xml('metadata', { xmlns: NS_MAM })))).rejects.toMatchObject({ condition: 'forbidden' });
      // Querying one's own bare JID explicitly is fine.
      expect((await query(alice, { with: jid('carol') }, {}, jid('alice'))).count).toBe(5);
    });

    it('archives messages stored offline too', async () => {
      await alice.send(xml('message', { to: jid('sli'), id: 'to-offline', type: 'chat' }, xml('body', {}, 'are you there?')));
      const sli = await node.services.accounts.getByJid('sli', TEST_DOMAIN);
      for (let i = 0; i < 200 && (await node.services.repos.offline.count(sli?.id ?? -1)) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      const page = await query(alice, { with: jid('sli') });
      expect(page.results.map((r) => r.messageId)).toEqual(['to-offline']);
    });

    it('works with slixmpp: send_message, message event, mam_query', async () => {
      const caFile = join(mkdtempSync(join(tmpdir(), 'causerie-ca-')), 'ca.pem');
      writeFileSync(caFile, node.caPem);
      const agent: SlixmppAgent = await startSlixmppAgent();
      try {
        await agent.call('connect', { jid: jid('sli'), password: 'slixmpp-password', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256', resource: 'interop' });
        await agent.call('send_presence', {});
        // The message stored while sli was offline arrives with a delay.
        const stored = await agent.waitFor('message', (m) => m.id === 'to-offline');
        expect(stored.delay).not.toBeNull();
        await agent.call('send_message', { to: jid('alice'), body: 'hello from slixmpp', id: 'sli-1', type: 'chat' });
        await alice.waitFor(messageWithId('sli-1'));
        await alice.send(xml('message', { to: `${jid('sli')}/interop`, id: 'sli-2', type: 'chat' }, xml('body', {}, 'hello slixmpp')));
        const live = await agent.waitFor('message', (m) => m.id === 'sli-2');
        expect(live).toMatchObject({ from: `${jid('alice')}/desk`, body: 'hello slixmpp', carbon: null });
        expect(live.stanza_id).toMatch(/^[A-Za-z0-9_-]{16}$/);

        const all = await agent.call('mam_query', { with: jid('alice') });
        expect(all.messages.map((m) => m.body)).toEqual(['are you there?', 'hello from slixmpp', 'hello slixmpp']);
        expect(all.messages[2]?.stanza_id).toBe(live.stanza_id);
        expect(all).toMatchObject({ complete: true, count: 3 });
        const last = await agent.call('mam_query', { with: jid('alice'), max: 1, before: '' });
        expect(last.messages.map((m) => m.body)).toEqual(['hello slixmpp']);
        expect(last.complete).toBe(false);
        const previous = await agent.call('mam_query', { with: jid('alice'), max: 5, before: last.first ?? '' });
        expect(previous.messages.map((m) => m.body)).toEqual(['are you there?', 'hello from slixmpp']);
        expect(previous.complete).toBe(true);
        await agent.call('disconnect');
      } finally {
        await agent.close();
      }
    });
  });
}
