// 1:1 confinement of guests, on SQLite and MariaDB, through the real node:
// a guest exchanges messages, vCard lookups and presence subscriptions
// with the members of its rooms only; anyone else gets `forbidden` with a
// text and nothing is delivered, in both directions. Adding or removing a
// room member changes the answer at once (the pair cache is dropped); a
// direct invitation from someone who may invite gets through and makes the
// guest a member.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../server/store/types.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { GUEST_RECIPIENT_REFUSAL, GUEST_SENDER_REFUSAL } from '../../server/modules/guests/confinement.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { stanzaError } from '../helpers/guest-kit.js';

const GUEST_DOMAIN = `guests.${TEST_DOMAIN}`;
const GUEST_JID = `gaston\\40exemple.fr@${GUEST_DOMAIN}`;
const ALICE = `alice@${TEST_DOMAIN}`;
const BOB = `bob@${TEST_DOMAIN}`;
type Element = TestClient['received'][number];

let serial = 0;

/** Sends a stanza with a fresh id and waits for the first stanza back with that id (an answer or an error). */
async function exchange(client: TestClient, stanza: Element): Promise<Element> {
  serial += 1;
  const id = `conf-${serial}`;
  stanza.attrs.id = id;
  const start = client.received.length;
  const answer = client.waitFor((s) => client.received.indexOf(s) >= start && s.attrs.id === id, 15_000, `answer to ${stanza.name} ${id}`);
  await client.send(stanza);
  return answer;
}

/** A server round trip for `client`: anything routed to it before is in `received` afterwards. */
async function flush(client: TestClient): Promise<void> {
  await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

function chat(to: string, body: string): Element {
  return xml('message', { to, type: 'chat' }, xml('body', {}, body));
}

function bodies(client: TestClient): Array<string | null> {
  return client.received.filter((s) => s.name === 'message').map((s) => s.getChildText('body'));
}

for (const db of testDatabaseConfigs()) {
  describe(`guest 1:1 confinement on ${db.name}`, () => {
    let node: TestNode;
    let room: Room;
    let aliceAccount: Account;
    let bobAccount: Account;
    let guestAccount: Account;
    let alice: TestClient;
    let bob: TestClient;
    let guest: TestClient;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      await node.createUser('alice');
      await node.createUser('bob');
      aliceAccount = (await node.services.accounts.getByJid('alice', TEST_DOMAIN))!;
      bobAccount = (await node.services.accounts.getByJid('bob', TEST_DOMAIN))!;
      guestAccount = await node.services.accounts.create({ jid: GUEST_JID, password: 'Un mot de passe solide' });
      expect(guestAccount.kind).toBe('guest');
      room = await node.services.rooms.createPrivateRoom(aliceAccount, 'Projet');
      await node.services.rooms.addMember(aliceAccount, room.id, guestAccount.id);
      alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' });
      bob = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' });
      guest = await connectClient(node, { username: 'gaston@exemple.fr', password: 'Un mot de passe solide' }, { domain: GUEST_DOMAIN });
      clients.push(alice, bob, guest);
      for (const client of clients) await client.send(xml('presence'));
    }, 60_000);

    afterAll(async () => {
      for (const client of clients) await client.stop();
      await node?.close();
    });

    it('lets a guest and a member of its room exchange messages and vCards', async () => {
      await guest.send(chat(ALICE, 'Bonjour Alice'));
      await alice.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Bonjour Alice', 15_000, 'message from the guest');
      await alice.send(chat(GUEST_JID, 'Bonjour Gaston'));
      await guest.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Bonjour Gaston', 15_000, 'message to the guest');
      await alice.iq(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Alice Martin'))));
      const vcard = await exchange(guest, xml('iq', { type: 'get', to: ALICE }, xml('vCard', { xmlns: 'vcard-temp' })));
      expect(vcard.getChild('vCard')?.getChildText('FN')).toBe('Alice Martin');
    });

    it('refuses a guest\'s message, vCard lookup and subscription to an account outside its rooms, with a text; nothing is delivered', async () => {
      const message = await exchange(guest, chat(BOB, 'Bonjour Bob'));
      expect(message.attrs.type).toBe('error');
      expect(stanzaError(message)).toMatchObject({ condition: 'forbidden', text: GUEST_SENDER_REFUSAL });
      const vcard = await exchange(guest, xml('iq', { type: 'get', to: BOB }, xml('vCard', { xmlns: 'vcard-temp' })));
      expect(stanzaError(vcard)).toMatchObject({ condition: 'forbidden', text: GUEST_SENDER_REFUSAL });
      const subscription = await exchange(guest, xml('presence', { to: BOB, type: 'subscribe' }));
      expect(subscription.attrs.type).toBe('error');
      expect(stanzaError(subscription)).toMatchObject({ condition: 'forbidden', text: GUEST_SENDER_REFUSAL });
      // An address without an account gets the same answer: the refusal says nothing about who exists.
      const unknown = await exchange(guest, chat(`personne@${TEST_DOMAIN}`, 'Allô ?'));
      expect(stanzaError(unknown)).toMatchObject({ condition: 'forbidden', text: GUEST_SENDER_REFUSAL });
      await flush(bob);
      expect(bodies(bob)).not.toContain('Bonjour Bob');
      expect(bob.received.some((s) => s.name === 'presence' && s.attrs.type === 'subscribe')).toBe(false);
      expect((await node.services.repos.roster.get(bobAccount.id, GUEST_JID))).toBeUndefined();
    });

    it('refuses a member\'s message, vCard lookup and subscription to a guest it shares no room with', async () => {
      const message = await exchange(bob, chat(GUEST_JID, 'Qui êtes-vous ?'));
      expect(stanzaError(message)).toMatchObject({ condition: 'forbidden', text: GUEST_RECIPIENT_REFUSAL });
      const vcard = await exchange(bob, xml('iq', { type: 'get', to: GUEST_JID }, xml('vCard', { xmlns: 'vcard-temp' })));
      expect(stanzaError(vcard)).toMatchObject({ condition: 'forbidden', text: GUEST_RECIPIENT_REFUSAL });
      const subscription = await exchange(bob, xml('presence', { to: GUEST_JID, type: 'subscribe' }));
      expect(stanzaError(subscription)).toMatchObject({ condition: 'forbidden', text: GUEST_RECIPIENT_REFUSAL });
      await flush(guest);
      expect(bodies(guest)).not.toContain('Qui êtes-vous ?');
      expect(guest.received.some((s) => s.name === 'presence' && s.attrs.type === 'subscribe' && s.attrs.from === BOB)).toBe(false);
    });

    it('follows room membership at once: a new co-member may write, a removed guest may not', async () => {
      await node.services.rooms.addMember(aliceAccount, room.id, bobAccount.id);
      await bob.send(chat(GUEST_JID, 'Bienvenue'));
      await guest.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Bienvenue', 15_000, 'message from the new co-member');
      await node.services.rooms.removeMember(aliceAccount, room.id, guestAccount.id);
      const refused = await exchange(guest, chat(ALICE, 'Encore là ?'));
      expect(stanzaError(refused)).toMatchObject({ condition: 'forbidden', text: GUEST_SENDER_REFUSAL });
      await flush(alice);
      expect(bodies(alice)).not.toContain('Encore là ?');
    });

    it('lets a member holding the invite right send the guest a direct invitation (XEP-0249), which makes them co-members', async () => {
      await node.createUser('carol');
      const carolAccount = (await node.services.accounts.getByJid('carol', TEST_DOMAIN))!;
      const carolRoom = await node.services.rooms.createPrivateRoom(carolAccount, 'Carol');
      const carol = await connectClient(node, { username: 'carol', password: 'pw-carol-secret' });
      clients.push(carol);
      const roomAddress = node.services.rooms.roomJid(carolRoom);
      await carol.send(xml('message', { to: GUEST_JID }, xml('x', { xmlns: 'jabber:x:conference', jid: roomAddress })));
      await guest.waitFor((s) => s.name === 'message' && s.getChild('x', 'jabber:x:conference')?.attrs.jid === roomAddress, 15_000, 'direct invitation');
      expect(await node.services.rooms.isMember(carolRoom, guestAccount)).toBe(true);
      await carol.send(chat(GUEST_JID, 'Bienvenue chez Carol'));
      await guest.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Bienvenue chez Carol', 15_000, 'chat from the new co-member');
    });
  });
}
