// RFC 6121 §3 presence subscriptions between local accounts over real
// sockets, on SQLite and MariaDB: the full alice↔bob handshake to "both",
// requests kept for an offline contact, pre-approval (§3.4), cancelling and
// denying, roster removal, unknown local users and remote domains; and the
// same handshake driven from slixmpp (a client we did not write) over STARTTLS.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const NS_ROSTER = 'jabber:iq:roster';

type Pushed = { subscription?: string; ask?: string; approved?: string };

/** Matches a roster push for `jid` whose item has exactly the given subscription/ask/approved. */
const pushOf = (jid: string, expected: Pushed) => (s: Element): boolean => {
  if (s.name !== 'iq' || s.attrs.type !== 'set') return false;
  const pushed = s.getChild('query', NS_ROSTER)?.getChild('item');
  if (pushed?.attrs.jid !== jid) return false;
  return pushed.attrs.subscription === expected.subscription && pushed.attrs.ask === expected.ask && pushed.attrs.approved === expected.approved;
};

const presenceOf = (type: string | undefined, from: string) => (s: Element): boolean =>
  s.name === 'presence' && s.attrs.type === type && (s.attrs.from === from || s.attrs.from?.startsWith(`${from}/`) === true);

/** Connects, fetches the roster (interested resource) and sends initial presence. */
async function online(node: TestNode, username: string, resource = 'phone'): Promise<TestClient> {
  const client = await connectClient(node, { username, password: `pw-${username}-secret` }, { resource });
  await client.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER })));
  await client.send(xml('presence'));
  await client.waitFor(presenceOf(undefined, client.jid), 10_000, 'own presence echo');
  return client;
}

async function rosterItem(client: TestClient, jid: string): Promise<Record<string, string> | undefined> {
  const result = await client.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER })));
  return result.getChild('query', NS_ROSTER)?.getChildren('item').find((i) => i.attrs.jid === jid)?.attrs;
}

async function roundTrip(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

/** Waits until `client` has received `n` stanzas matching `predicate`. */
async function waitForNth(client: TestClient, predicate: (s: Element) => boolean, n: number, label: string): Promise<void> {
  await client.waitFor(() => client.received.filter(predicate).length >= n, 10_000, label);
}

const presence = (type: string, to: string): Element => xml('presence', { type, to });

for (const db of testDatabaseConfigs()) {
  describe(`subscriptions (${db.name})`, () => {
    let node: TestNode;
    const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hugo', 'ivan', 'jill', 'kate', 'sli', 'kim', 'lena']) await node.createUser(name);
    });

    afterAll(async () => {
      await node?.close();
    });

    it('runs the full alice↔bob handshake to "both", with roster pushes and presence on both sides', async () => {
      const alice = await online(node, 'alice');
      const bob = await online(node, 'bob');
      try {
        // alice asks: her roster shows the pending request, bob receives it from her bare JID.
        await alice.send(xml('presence', { type: 'subscribe', to: jid('bob') }, xml('status', {}, 'Hi, it is Alice')));
        await alice.waitFor(pushOf(jid('bob'), { subscription: 'none', ask: 'subscribe' }), 10_000, 'alice: ask push');
        const request = await bob.waitFor(presenceOf('subscribe', jid('alice')), 10_000, 'bob: subscribe');
        expect(request.attrs.from).toBe(jid('alice'));
        expect(request.getChildText('status')).toBe('Hi, it is Alice');
        // The unanswered request is not a roster item of bob's yet.
        await roundTrip(bob);
        expect(bob.received.some(pushOf(jid('alice'), { subscription: 'none' }))).toBe(false);
        expect(await rosterItem(bob, jid('alice'))).toBeUndefined();

        // bob approves: alice now has "to" and sees bob online; bob has "from".
        await bob.send(presence('subscribed', jid('alice')));
        await bob.waitFor(pushOf(jid('alice'), { subscription: 'from' }), 10_000, 'bob: from push');
        await alice.waitFor(presenceOf('subscribed', jid('bob')), 10_000, 'alice: subscribed');
        await alice.waitFor(pushOf(jid('bob'), { subscription: 'to' }), 10_000, 'alice: to push');
        await alice.waitFor(presenceOf(undefined, `${jid('bob')}/phone`), 10_000, "alice: bob's presence");

        // bob asks back, alice approves: both.
        await bob.send(presence('subscribe', jid('alice')));
        await bob.waitFor(pushOf(jid('alice'), { subscription: 'from', ask: 'subscribe' }), 10_000, 'bob: from+ask push');
        await alice.waitFor(presenceOf('subscribe', jid('bob')), 10_000, 'alice: subscribe');
        await alice.send(presence('subscribed', jid('bob')));
        await alice.waitFor(pushOf(jid('bob'), { subscription: 'both' }), 10_000, 'alice: both push');
        await bob.waitFor(pushOf(jid('alice'), { subscription: 'both' }), 10_000, 'bob: both push');
        await bob.waitFor(presenceOf(undefined, `${jid('alice')}/phone`), 10_000, "bob: alice's presence");

        expect(await rosterItem(alice, jid('bob'))).toEqual({ jid: jid('bob'), subscription: 'both' });
        expect(await rosterItem(bob, jid('alice'))).toEqual({ jid: jid('alice'), subscription: 'both' });
      } finally {
        await Promise.all([alice.stop(), bob.stop()]);
      }
    });

    it('keeps a request for a contact that is offline and delivers it on its initial presence', async () => {
      const carol = await online(node, 'carol');
      try {
        await carol.send(presence('subscribe', jid('dave')));
        await carol.waitFor(pushOf(jid('dave'), { subscription: 'none', ask: 'subscribe' }));
        const dave = await connectClient(node, { username: 'dave', password: 'pw-dave-secret' }, { resource: 'later' });
        try {
          // Not before dave is available…
          await roundTrip(dave);
          expect(dave.received.some(presenceOf('subscribe', jid('carol')))).toBe(false);
          // …then on his initial presence.
          await dave.send(xml('presence'));
          await dave.waitFor(presenceOf('subscribe', jid('carol')), 10_000, 'dave: stored subscribe');
          await dave.send(presence('subscribed', jid('carol')));
          await carol.waitFor(pushOf(jid('dave'), { subscription: 'to' }), 10_000, 'carol: to push');
          await carol.waitFor(presenceOf(undefined, `${jid('dave')}/later`), 10_000, "carol: dave's presence");
          expect(await rosterItem(dave, jid('carol'))).toEqual({ jid: jid('carol'), subscription: 'from' });
        } finally {
          await dave.stop();
        }
      } finally {
        await carol.stop();
      }
    });

    it('honours a pre-approval (§3.4): the request is approved at once and never shown to the contact', async () => {
      const erin = await online(node, 'erin');
      const frank = await online(node, 'frank');
      try {
        await erin.send(presence('subscribed', jid('frank')));
        await erin.waitFor(pushOf(jid('frank'), { subscription: 'none', approved: 'true' }), 10_000, 'erin: approved push');
        // Not routed: frank hears nothing of it.
        await roundTrip(frank);
        expect(frank.received.some(presenceOf('subscribed', jid('erin')))).toBe(false);

        await frank.send(presence('subscribe', jid('erin')));
        await frank.waitFor(presenceOf('subscribed', jid('erin')), 10_000, 'frank: automatic subscribed');
        await frank.waitFor(pushOf(jid('erin'), { subscription: 'to' }), 10_000, 'frank: to push');
        await frank.waitFor(presenceOf(undefined, `${jid('erin')}/phone`), 10_000, "frank: erin's presence");
        await erin.waitFor(pushOf(jid('frank'), { subscription: 'from' }), 10_000, 'erin: from push');
        await roundTrip(erin);
        expect(erin.received.some(presenceOf('subscribe', jid('frank')))).toBe(false);
      } finally {
        await Promise.all([erin.stop(), frank.stop()]);
      }
    });

    it('cancels and denies: unsubscribe, unsubscribed, and a refused request', async () => {
      const gina = await online(node, 'gina');
      const hugo = await online(node, 'hugo');
      try {
        // Mutual subscription first (pre-approvals make it short).
        await gina.send(presence('subscribed', jid('hugo')));
        await hugo.send(presence('subscribed', jid('gina')));
        await gina.waitFor(pushOf(jid('hugo'), { subscription: 'none', approved: 'true' }));
        await hugo.waitFor(pushOf(jid('gina'), { subscription: 'none', approved: 'true' }));
        await gina.send(presence('subscribe', jid('hugo')));
        // gina's own pre-approval of hugo is still waiting for his request.
        await gina.waitFor(pushOf(jid('hugo'), { subscription: 'to', approved: 'true' }), 10_000, 'gina: to push');
        await hugo.send(presence('subscribe', jid('gina')));
        await hugo.waitFor(pushOf(jid('gina'), { subscription: 'both' }), 10_000, 'hugo: both push');
        await gina.waitFor(pushOf(jid('hugo'), { subscription: 'both' }), 10_000, 'gina: both push');

        // gina stops following hugo: she keeps "from", he keeps "to", and she sees him go offline.
        await gina.send(presence('unsubscribe', jid('hugo')));
        await gina.waitFor(pushOf(jid('hugo'), { subscription: 'from' }), 10_000, 'gina: from push');
        await hugo.waitFor(presenceOf('unsubscribe', jid('gina')), 10_000, 'hugo: unsubscribe');
        await hugo.waitFor(pushOf(jid('gina'), { subscription: 'to' }), 10_000, 'hugo: to push');
        await gina.waitFor(presenceOf('unavailable', `${jid('hugo')}/phone`), 10_000, 'gina: hugo unavailable');

        // gina revokes hugo's subscription: nothing left on either side.
        await gina.send(presence('unsubscribed', jid('hugo')));
        await gina.waitFor(pushOf(jid('hugo'), { subscription: 'none' }), 10_000, 'gina: none push');
        await hugo.waitFor(presenceOf('unsubscribed', jid('gina')), 10_000, 'hugo: unsubscribed');
        await hugo.waitFor(pushOf(jid('gina'), { subscription: 'none' }), 10_000, 'hugo: none push');
        await hugo.waitFor(presenceOf('unavailable', `${jid('gina')}/phone`), 10_000, 'hugo: gina unavailable');

        // A request that is refused leaves the asker with no subscription and no pending ask.
        await hugo.send(presence('subscribe', jid('gina')));
        // (hugo's earlier request was pre-approved, so this is the first one gina sees.)
        await gina.waitFor(presenceOf('subscribe', jid('hugo')), 10_000, 'gina: request');
        await hugo.waitFor(pushOf(jid('gina'), { subscription: 'none', ask: 'subscribe' }));
        await gina.send(presence('unsubscribed', jid('hugo')));
        // The second unsubscribed hugo gets (the first was the revocation); its push came before it.
        await waitForNth(hugo, presenceOf('unsubscribed', jid('gina')), 2, 'hugo: denial');
        expect(await rosterItem(hugo, jid('gina'))).toEqual({ jid: jid('gina'), subscription: 'none' });
      } finally {
        await Promise.all([gina.stop(), hugo.stop()]);
      }
    });

    it('removing a contact cancels both subscriptions on the user\'s behalf (§2.5.2)', async () => {
      const ivan = await online(node, 'ivan');
      const jill = await online(node, 'jill');
      try {
        await ivan.send(presence('subscribed', jid('jill')));
        await jill.send(presence('subscribed', jid('ivan')));
        await ivan.waitFor(pushOf(jid('jill'), { subscription: 'none', approved: 'true' }));
        await jill.waitFor(pushOf(jid('ivan'), { subscription: 'none', approved: 'true' }));
        await ivan.send(presence('subscribe', jid('jill')));
        await jill.send(presence('subscribe', jid('ivan')));
        await ivan.waitFor(pushOf(jid('jill'), { subscription: 'both' }));
        await jill.waitFor(pushOf(jid('ivan'), { subscription: 'both' }));

        await ivan.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid: jid('jill'), subscription: 'remove' }))));
        await ivan.waitFor(pushOf(jid('jill'), { subscription: 'remove' }), 10_000, 'ivan: remove push');
        await jill.waitFor(presenceOf('unsubscribe', jid('ivan')), 10_000, 'jill: unsubscribe');
        await jill.waitFor(presenceOf('unsubscribed', jid('ivan')), 10_000, 'jill: unsubscribed');
        await jill.waitFor(pushOf(jid('ivan'), { subscription: 'none' }), 10_000, 'jill: none push');
        await jill.waitFor(presenceOf('unavailable', `${jid('ivan')}/phone`), 10_000, 'jill: ivan unavailable');
        expect(await rosterItem(ivan, jid('jill'))).toBeUndefined();
        expect(await rosterItem(jill, jid('ivan'))).toEqual({ jid: jid('ivan'), subscription: 'none' });
      } finally {
        await Promise.all([ivan.stop(), jill.stop()]);
      }
    });

    it('interoperates with slixmpp: roster get/set, subscription handshake and presence over STARTTLS', async () => {
      const caDir = mkdtempSync(join(tmpdir(), 'causerie-ca-'));
      const caFile = join(caDir, 'ca.pem');
      writeFileSync(caFile, node.caPem);
      const sli = await startSlixmppAgent();
      const kate = await online(node, 'kate');
      try {
        await sli.call('connect', { jid: jid('sli'), password: 'pw-sli-secret', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256', resource: 'py' });
        const empty = await sli.call('roster_get', {});
        expect(empty.items).toEqual([]);
        expect(empty.ver).not.toBeNull();

        await sli.call('roster_set', { jid: jid('kate'), name: 'Kate', groups: ['Team'] });
        const added = await sli.waitFor('roster_push', (e) => e.items.some((i) => i.jid === jid('kate') && i.name === 'Kate'));
        expect(added.items[0]).toMatchObject({ subscription: 'none', groups: ['Team'] });
        await sli.call('send_presence', { status: 'from python' });

        await sli.call('subscribe', { jid: jid('kate') });
        await sli.waitFor('roster_push', (e) => e.items.some((i) => i.jid === jid('kate') && i.ask === 'subscribe'));
        await kate.waitFor(presenceOf('subscribe', jid('sli')), 10_000, 'kate: subscribe from slixmpp');
        await kate.send(presence('subscribed', jid('sli')));
        await sli.waitFor('roster_push', (e) => e.items.some((i) => i.jid === jid('kate') && i.subscription === 'to'));
        await sli.waitFor('presence', (e) => e.from === `${jid('kate')}/phone` && e.type === 'available');

        await kate.send(presence('subscribe', jid('sli')));
        await sli.waitFor('presence', (e) => e.from === jid('kate') && e.type === 'subscribe');
        await sli.call('subscribed', { jid: jid('kate') });
        await kate.waitFor(pushOf(jid('sli'), { subscription: 'both' }), 10_000, 'kate: both push');
        const seen = await kate.waitFor(presenceOf(undefined, `${jid('sli')}/py`), 10_000, "kate: slixmpp's presence");
        expect(seen.getChildText('status')).toBe('from python');

        const final = await sli.call('roster_get', {});
        expect(final.items).toEqual([{ jid: jid('kate'), name: 'Kate', subscription: 'both', ask: null, groups: ['Team'] }]);

        await sli.call('disconnect', {});
        await kate.waitFor(presenceOf('unavailable', `${jid('sli')}/py`), 10_000, 'kate: slixmpp went away');
      } finally {
        await Promise.all([sli.close(), kate.stop()]);
        rmSync(caDir, { recursive: true, force: true });
      }
    });

    it('cleans the rosters of a deleted account\'s contacts: an account re-created under the same name inherits nothing', async () => {
      const kim = await online(node, 'kim');
      const lena = await online(node, 'lena');
      try {
        await kim.send(presence('subscribed', jid('lena')));
        await kim.waitFor(pushOf(jid('lena'), { subscription: 'none', approved: 'true' }));
        await lena.send(presence('subscribe', jid('kim')));
        await lena.send(presence('subscribed', jid('kim')));
        await kim.send(presence('subscribe', jid('lena')));
        await kim.waitFor(pushOf(jid('lena'), { subscription: 'both' }), 10_000, 'kim: both');
        await kim.waitFor(presenceOf(undefined, `${jid('lena')}/phone`), 10_000, "kim: lena's presence");
      } finally {
        await lena.stop();
      }
      try {
        await kim.waitFor(presenceOf('unavailable', `${jid('lena')}/phone`), 10_000, 'kim: lena left');
        await node.services.accounts.delete(jid('lena'));
        await kim.waitFor(pushOf(jid('lena'), { subscription: 'none' }), 10_000, 'kim: subscription cancelled');
        await kim.waitFor(presenceOf('unsubscribed', jid('lena')), 10_000, 'kim: unsubscribed on lena\'s behalf');
        expect(await rosterItem(kim, jid('lena'))).toEqual({ jid: jid('lena'), subscription: 'none' });

        await node.createUser('lena');
        const newLena = await online(node, 'lena', 'new');
        try {
          await kim.send(xml('presence', {}, xml('status', {}, 'still here')));
          await kim.waitFor((s) => presenceOf(undefined, `${jid('kim')}/phone`)(s) && s.getChildText('status') === 'still here');
          await roundTrip(newLena);
          expect(newLena.received.some((s) => s.name === 'presence' && s.attrs.from?.startsWith(jid('kim')) === true)).toBe(false);
          expect(await rosterItem(newLena, jid('kim'))).toBeUndefined();
        } finally {
          await newLena.stop();
        }
      } finally {
        await kim.stop();
      }
    });

    it('answers a request to a local account that does not exist with unsubscribed', async () => {
      const alice = await online(node, 'alice', 'nobody-test');
      try {
        await alice.send(presence('subscribe', jid('nobody')));
        const answer = await alice.waitFor(presenceOf('unsubscribed', jid('nobody')), 10_000, 'unsubscribed from nobody');
        expect(answer.attrs.from).toBe(jid('nobody'));
        await alice.waitFor(pushOf(jid('nobody'), { subscription: 'none', ask: 'subscribe' }));
        await alice.waitFor(pushOf(jid('nobody'), { subscription: 'none' }), 10_000, 'ask cleared');
        expect(await rosterItem(alice, jid('nobody'))).toEqual({ jid: jid('nobody'), subscription: 'none' });
      } finally {
        await alice.stop();
      }
    });

    it('refuses a subscription to a remote domain with remote-server-not-found and changes nothing', async () => {
      const alice = await online(node, 'alice', 'remote-test');
      try {
        await alice.send(presence('subscribe', 'someone@elsewhere.example'));
        const error = await alice.waitFor((s) => s.name === 'presence' && s.attrs.type === 'error' && s.attrs.from === 'someone@elsewhere.example');
        expect(error.getChild('error')?.getChild('remote-server-not-found')).toBeDefined();
        expect(await rosterItem(alice, 'someone@elsewhere.example')).toBeUndefined();
      } finally {
        await alice.stop();
      }
    });
  });
}
