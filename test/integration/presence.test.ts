// RFC 6121 §4 presence over real sockets, on SQLite and MariaDB: broadcast
// to subscribers and own resources, probes answered at login, unavailable
// when a client leaves without a word (socket destroyed), directed presence
// and its bookkeeping, priority validation, and what is not delivered.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { authenticatedRawStream } from '../helpers/raw-stream.js';
import type { Subscription } from '../../server/store/types.js';

const presenceFrom = (from: string, type?: string) => (s: Element): boolean =>
  s.name === 'presence' && s.attrs.from === from && s.attrs.type === type;

async function roundTrip(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

for (const db of testDatabaseConfigs()) {
  describe(`presence (${db.name})`, () => {
    let node: TestNode;
    const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;
    const creds = (name: string) => ({ username: name, password: `pw-${name}-secret` });

    /** Writes one side of a subscription straight into the store (the handshake itself is tested elsewhere). */
    async function subscribe(owner: string, contact: string, subscription: Subscription): Promise<void> {
      const account = await node.services.accounts.getByJid(owner, TEST_DOMAIN);
      if (!account) throw new Error(`no account ${owner}`);
      await node.services.repos.roster.put(account.id, { jid: jid(contact), name: null, subscription, askOut: false, pendingIn: false, approved: false, groups: [] });
    }

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'olga']) await node.createUser(name);
      await subscribe('alice', 'bob', 'both');
      await subscribe('bob', 'alice', 'both');
      // olga is alice's contact but never online: probes for her answer "unavailable".
      await subscribe('alice', 'olga', 'to');
      await subscribe('olga', 'alice', 'from');
      // erin follows alice one way only: erin sees alice, alice does not see erin.
      await subscribe('erin', 'alice', 'to');
      await subscribe('alice', 'erin', 'from');
    });

    afterAll(async () => {
      await node?.close();
    });

    it('broadcasts presence to subscribers and own resources, answers probes, and says unavailable when a client vanishes', async () => {
      const alice = await connectClient(node, creds('alice'), { resource: 'phone' });
      const laptop = await connectClient(node, creds('alice'), { resource: 'laptop', transport: 'websocket' });
      try {
        await alice.send(xml('presence', {}, xml('show', {}, 'chat'), xml('priority', {}, '5')));
        // Echoed to the sender (implicit self-subscription) and to her other available resource only once it is available.
        await alice.waitFor(presenceFrom(`${jid('alice')}/phone`), 10_000, 'own echo');
        // olga is offline: the probe is answered with unavailable from her bare JID.
        await alice.waitFor(presenceFrom(jid('olga'), 'unavailable'), 10_000, 'probe answer for olga');
        await laptop.send(xml('presence'));
        // The new resource learns of the other one (§4.2.2) and the other one of it.
        await laptop.waitFor(presenceFrom(`${jid('alice')}/phone`), 10_000, 'laptop: phone presence');
        await alice.waitFor(presenceFrom(`${jid('alice')}/laptop`), 10_000, 'phone: laptop presence');

        // bob comes online on a raw stream (no stream management, so closing the socket ends the session).
        const bob = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
        bob.write(`<presence><status>on the train</status></presence>`);
        const seen = await alice.waitFor(presenceFrom(`${jid('bob')}/raw`), 10_000, "bob's initial presence");
        expect(seen.getChildText('status')).toBe('on the train');
        await laptop.waitFor(presenceFrom(`${jid('bob')}/raw`), 10_000, "laptop: bob's presence");
        // bob's probe of alice is answered with both of her resources' presence, priority included.
        await bob.waitFor(/<presence[^>]*from=["']alice@causerie\.test\/phone["'][^>]*>[\s\S]*?<priority>5<\/priority>/);
        await bob.waitFor(/<presence[^>]*from=["']alice@causerie\.test\/laptop["']/);

        // Subsequent presence is broadcast too.
        bob.write(`<presence><show>away</show></presence>`);
        await alice.waitFor((s) => presenceFrom(`${jid('bob')}/raw`)(s) && s.getChildText('show') === 'away', 10_000, 'bob away');

        // bob vanishes without unavailable presence: the server says it for him.
        bob.destroy();
        await alice.waitFor(presenceFrom(`${jid('bob')}/raw`, 'unavailable'), 10_000, 'bob unavailable');
        await laptop.waitFor(presenceFrom(`${jid('bob')}/raw`, 'unavailable'), 10_000, 'laptop: bob unavailable');

        // An explicit unavailable reaches subscribers and the other resource.
        const bob2 = await connectClient(node, creds('bob'), { resource: 'desk' });
        await bob2.send(xml('presence'));
        await alice.waitFor(presenceFrom(`${jid('bob')}/desk`), 10_000, 'bob desk online');
        await laptop.send(xml('presence', { type: 'unavailable' }, xml('status', {}, 'bye')));
        const gone = await bob2.waitFor(presenceFrom(`${jid('alice')}/laptop`, 'unavailable'), 10_000, 'bob: laptop unavailable');
        expect(gone.getChildText('status')).toBe('bye');
        await alice.waitFor(presenceFrom(`${jid('alice')}/laptop`, 'unavailable'), 10_000, 'phone: laptop unavailable');
        await bob2.stop();
      } finally {
        await Promise.all([alice.stop(), laptop.stop()]);
      }
    });

    it('sends presence only where a subscription allows it', async () => {
      const alice = await connectClient(node, creds('alice'), { resource: 'only' });
      const erin = await connectClient(node, creds('erin'), { resource: 'e' });
      const dave = await connectClient(node, creds('dave'), { resource: 'd' });
      try {
        await erin.send(xml('presence'));
        await alice.send(xml('presence'));
        // erin is subscribed to alice: she sees her.
        await erin.waitFor(presenceFrom(`${jid('alice')}/only`), 10_000, 'erin sees alice');
        // alice is not subscribed to erin, dave is nobody's contact.
        await dave.send(xml('presence'));
        await dave.waitFor(presenceFrom(`${jid('dave')}/d`), 10_000, 'dave echo');
        await roundTrip(alice);
        await roundTrip(erin);
        expect(alice.received.some((s) => s.name === 'presence' && s.attrs.from?.startsWith(jid('erin')) === true)).toBe(false);
        expect(alice.received.some((s) => s.name === 'presence' && s.attrs.from?.startsWith(jid('dave')) === true)).toBe(false);
        expect(erin.received.some((s) => s.name === 'presence' && s.attrs.from?.startsWith(jid('dave')) === true)).toBe(false);
      } finally {
        await Promise.all([alice.stop(), erin.stop(), dave.stop()]);
      }
    });

    it('delivers directed presence and sends unavailable to its targets when the sender vanishes (§4.6)', async () => {
      const alice = await connectClient(node, creds('alice'), { resource: 'directed' });
      try {
        await alice.send(xml('presence'));
        await alice.waitFor(presenceFrom(`${jid('alice')}/directed`));
        const carol = await authenticatedRawStream(node.ports.c2s, 'carol', 'pw-carol-secret');
        carol.write(`<presence/>`);
        await carol.waitFor(/<presence[^>]*from=["']carol@causerie\.test\/raw["']/);
        // carol is not alice's contact: only the presence she directs reaches alice, to a full or a bare JID.
        carol.write(`<presence to='${jid('alice')}/directed'><status>hello you</status></presence>`);
        const directed = await alice.waitFor(presenceFrom(`${jid('carol')}/raw`), 10_000, 'directed presence');
        expect(directed.getChildText('status')).toBe('hello you');
        carol.write(`<presence to='${jid('dave')}'/>`);
        // Presence to users that do not exist, or to offline ones, vanishes without an error.
        carol.write(`<presence to='nobody@${TEST_DOMAIN}'/><presence to='${jid('olga')}/gone'/>`);
        carol.write(`<iq type='get' id='rt' to='${TEST_DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>`);
        await carol.waitFor(/<iq[^>]*id=["']rt["']/);
        expect(carol.text()).not.toMatch(/type=["']error["']/);
        carol.destroy();
        await alice.waitFor(presenceFrom(`${jid('carol')}/raw`, 'unavailable'), 10_000, 'carol unavailable');
      } finally {
        await alice.stop();
      }
    });

    it('refuses an invalid priority with bad-request and stays unavailable', async () => {
      const alice = await connectClient(node, creds('alice'), { resource: 'watch' });
      const bob = await connectClient(node, creds('bob'), { resource: 'prio' });
      try {
        await alice.send(xml('presence'));
        await alice.waitFor(presenceFrom(`${jid('alice')}/watch`));
        await bob.send(xml('presence', { id: 'p1' }, xml('priority', {}, '500')));
        const error = await bob.waitFor((s) => s.name === 'presence' && s.attrs.type === 'error', 10_000, 'priority error');
        expect(error.attrs.id).toBe('p1');
        expect(error.getChild('error')?.getChild('bad-request')).toBeDefined();
        expect(error.getChild('error')?.getChildText('text')).toMatch(/-128 to 127/);
        await roundTrip(bob);
        await roundTrip(alice);
        expect(alice.received.some(presenceFrom(`${jid('bob')}/prio`))).toBe(false);
        // An error presence from a client is never answered.
        await bob.send(xml('presence', { type: 'error', to: jid('alice') }, xml('error', { type: 'cancel' }, xml('gone', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))));
        await roundTrip(bob);
        expect(bob.received.filter((s) => s.name === 'presence' && s.attrs.type === 'error')).toHaveLength(1);
      } finally {
        await Promise.all([alice.stop(), bob.stop()]);
      }
    });
  });
}
