// XEP-0352 Client State Indication: while bob's client is inactive, alice's
// presence changes wait (folded to the latest); her message is urgent and
// arrives at once, after the held presence, in order.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { authenticatedRawStream } from '../helpers/raw-stream.js';
import type { RawStream } from '../helpers/raw-stream.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

const ALICE = `alice@${TEST_DOMAIN}`;
const BOB = `bob@${TEST_DOMAIN}`;

for (const db of testDatabaseConfigs()) {
  describe(`client state indication (${db.name})`, () => {
    let node: TestNode;
    let alice: TestClient;
    let bob: RawStream;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      const a = await node.createUser('alice');
      await node.createUser('bob');
      const ids = await Promise.all([ALICE, BOB].map(async (jid) => (await node.services.accounts.getByJid(jid.split('@')[0] as string, TEST_DOMAIN))?.id as number));
      const both = { name: null, subscription: 'both' as const, askOut: false, pendingIn: false, approved: false, groups: [] };
      await node.services.repos.roster.put(ids[0] as number, { ...both, jid: BOB });
      await node.services.repos.roster.put(ids[1] as number, { ...both, jid: ALICE });
      bob = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
      bob.write(`<presence/>`);
      alice = await connectClient(node, a, { resource: 'desk' });
      await alice.send(xml('presence'));
      await bob.waitFor(new RegExp(`<presence from="${ALICE}/desk"`));
    });

    afterAll(async () => {
      await alice?.stop();
      bob?.destroy();
      await node?.close();
    });

    function presencesFromAlice(text: string): string[] {
      return text.match(/<presence[^>]*from="alice@[^"]+\/desk"[\s\S]*?<\/presence>/g) ?? [];
    }

    it('advertises CSI, folds held presence to the latest and delivers it before the next urgent stanza', async () => {
      const features = await (await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret', false)).waitFor(/<stream:features[\s\S]*<\/stream:features>/);
      expect(features).toContain("<csi xmlns='urn:xmpp:csi:0'/>");

      bob.write(`<inactive xmlns='urn:xmpp:csi:0'/>`);
      const before = bob.text().length;
      await alice.send(xml('presence', {}, xml('show', {}, 'away')));
      await alice.send(xml('presence', {}, xml('show', {}, 'xa')));
      await alice.send(xml('presence', {}, xml('show', {}, 'dnd')));
      // Alice's round trip guarantees the server has routed her three presences.
      await alice.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      await alice.send(xml('message', { to: BOB, type: 'chat', id: 'urgent-1' }, xml('body', {}, 'are you there?')));
      await bob.waitFor(/<message[^>]*id="urgent-1"/);
      const delivered = bob.text().slice(before);
      // Without CSI bob would have received away, xa and dnd as they happened.
      const presences = presencesFromAlice(delivered);
      expect(presences).toHaveLength(1);
      expect(presences[0]).toContain('<show>dnd</show>');
      expect(delivered.indexOf('<show>dnd</show>')).toBeLessThan(delivered.indexOf('id="urgent-1"'));
    });

    it('releases held stanzas when the client becomes active', async () => {
      bob.write(`<inactive xmlns='urn:xmpp:csi:0'/>`);
      const before = bob.text().length;
      await alice.send(xml('presence', {}, xml('show', {}, 'chat')));
      await alice.send(xml('presence', {}, xml('status', {}, 'back soon')));
      await alice.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      bob.write(`<active xmlns='urn:xmpp:csi:0'/>`);
      await bob.waitFor(/<status>back soon<\/status>/);
      const presences = presencesFromAlice(bob.text().slice(before));
      expect(presences).toHaveLength(1);
      expect(presences[0]).not.toContain('<show>chat</show>');
    });
  });
}
