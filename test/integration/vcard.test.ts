// XEP-0054 vcard-temp over real sockets, on SQLite and MariaDB: own vCard
// set/get, another account's vCard, missing vCards, unknown accounts,
// setting someone else's, the size limit, and slixmpp (a client we did not
// write) reading and writing vCards.

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
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { VCARD_MAX_BYTES } from '../../server/modules/vcard/index.js';

const NS_VCARD = 'vcard-temp';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const vcardGet = (to?: string): Element => xml('iq', { type: 'get', to }, xml('vCard', { xmlns: NS_VCARD }));
const vcardSet = (...children: Element[]): Element => xml('iq', { type: 'set' }, xml('vCard', { xmlns: NS_VCARD }, ...children));

/** The defined condition of an error reply (what @xmpp/client rejects with). */
async function errorOf(promise: Promise<unknown>): Promise<{ condition: string; type: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    const stanza = (error as { element?: Element }).element;
    const child = stanza?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text');
    return { condition: child?.name ?? String(error), type: stanza?.attrs.type };
  }
  throw new Error('expected an error reply');
}

for (const db of testDatabaseConfigs()) {
  describe(`vcard-temp (${db.name})`, () => {
    let node: TestNode;
    let alice: TestClient;
    let bob: TestClient;
    const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'sli']) await node.createUser(name);
      alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' }, { resource: 'desk' });
      bob = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' }, { resource: 'phone', transport: 'websocket' });
    });

    afterAll(async () => {
      await alice?.stop();
      await bob?.stop();
      await node?.close();
    });

    it('answers item-not-found while no vCard was published, for the owner and for others', async () => {
      expect(await errorOf(alice.iq(vcardGet()))).toEqual({ condition: 'item-not-found', type: 'cancel' });
      expect(await errorOf(bob.iq(vcardGet(jid('alice'))))).toEqual({ condition: 'item-not-found', type: 'cancel' });
    });

    it('stores the own vCard and returns it to the owner and to other accounts', async () => {
      const set = await alice.iq(vcardSet(xml('FN', {}, 'Alice Liddell'), xml('NICKNAME', {}, 'al'), xml('EMAIL', {}, xml('USERID', {}, 'alice@example.org'))));
      expect(set.attrs.type).toBe('result');
      const own = await alice.iq(vcardGet());
      expect(own.getChild('vCard', NS_VCARD)?.getChildText('FN')).toBe('Alice Liddell');
      const seen = (await bob.iq(vcardGet(jid('alice')))).getChild('vCard', NS_VCARD);
      expect(seen?.getChildText('NICKNAME')).toBe('al');
      expect(seen?.getChild('EMAIL')?.getChildText('USERID')).toBe('alice@example.org');
      // Addressing one's own bare JID is the same as no `to`.
      expect((await alice.iq(vcardGet(jid('alice')))).getChild('vCard', NS_VCARD)?.getChildText('FN')).toBe('Alice Liddell');
    });

    it('replaces the vCard on each set', async () => {
      await alice.iq(vcardSet(xml('FN', {}, 'Alice L.')));
      const own = (await alice.iq(vcardGet())).getChild('vCard', NS_VCARD);
      expect(own?.getChildText('FN')).toBe('Alice L.');
      expect(own?.getChild('NICKNAME')).toBeUndefined();
    });

    it('refuses to set another account’s vCard (forbidden) and keeps it unchanged', async () => {
      const attempt = xml('iq', { type: 'set', to: jid('alice') }, xml('vCard', { xmlns: NS_VCARD }, xml('FN', {}, 'Mallory')));
      expect(await errorOf(bob.iq(attempt))).toEqual({ condition: 'forbidden', type: 'auth' });
      expect((await alice.iq(vcardGet())).getChild('vCard', NS_VCARD)?.getChildText('FN')).toBe('Alice L.');
    });

    it('answers service-unavailable for an account that does not exist', async () => {
      expect(await errorOf(bob.iq(vcardGet(jid('nobody'))))).toEqual({ condition: 'service-unavailable', type: 'cancel' });
    });

    it(`refuses a vCard over ${VCARD_MAX_BYTES / 1024} KiB with not-acceptable and keeps the previous one`, async () => {
      const photo = xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, 'A'.repeat(VCARD_MAX_BYTES)));
      expect(await errorOf(alice.iq(vcardSet(xml('FN', {}, 'Too big'), photo)))).toEqual({ condition: 'not-acceptable', type: 'modify' });
      expect((await alice.iq(vcardGet())).getChild('vCard', NS_VCARD)?.getChildText('FN')).toBe('Alice L.');
      // A photo under the limit is fine.
      const small = xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, 'iVBORw0KGgo'.repeat(1000)));
      expect((await alice.iq(vcardSet(xml('FN', {}, 'Alice with photo'), small))).attrs.type).toBe('result');
      const stored = (await bob.iq(vcardGet(jid('alice')))).getChild('vCard', NS_VCARD);
      expect(stored?.getChild('PHOTO')?.getChildText('BINVAL')).toBe('iVBORw0KGgo'.repeat(1000));
    });

    it('advertises vcard-temp on the server', async () => {
      const info = await alice.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toContain(NS_VCARD);
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

      it('publishes a vCard that @xmpp/client reads, and reads the one alice published', async () => {
        await agent.call('vcard_set', { fn: 'Sli Xmpp', nickname: 'sli' });
        const seen = (await alice.iq(vcardGet(jid('sli')))).getChild('vCard', NS_VCARD);
        expect(seen?.getChildText('FN')).toBe('Sli Xmpp');
        expect(seen?.getChildText('NICKNAME')).toBe('sli');
        const own = await agent.call('vcard_get', {});
        expect(own).toMatchObject({ fn: 'Sli Xmpp', nickname: 'sli' });
        const other = await agent.call('vcard_get', { jid: jid('alice') });
        expect(other.fn).toBe('Alice with photo');
      });
    });
  });
}
