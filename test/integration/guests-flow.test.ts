// The guest flow end to end, on SQLite and MariaDB: a member invites an
// email address over XMPP (WebSocket); a real SMTP server catches the mail;
// real Chromium follows the link, meets the password rules and a mismatch,
// registers, follows the verification link and creates the account; the
// guest then chats over WebSocket (logging in with its email address) and
// over TCP with slixmpp (with its JID). Confinement: no other room (forbidden
// with a text), no room creation, no user listing; the room announces the
// invitation commands in disco#info. Removal from the room keeps the account; an
// administrator's deletion ends its sessions.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { guestsIq, linkIn, startMailCatcher, stanzaError } from '../helpers/guest-kit.js';
import type { MailCatcher } from '../helpers/guest-kit.js';

const GUEST_DOMAIN = `guests.${TEST_DOMAIN}`;
const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const EMAIL = 'jean.dupont@exemple.fr';
const GUEST_JID = `jean.dupont\\40exemple.fr@${GUEST_DOMAIN}`;
const PASSWORD = 'Un mot de passe solide';
type Element = TestClient['received'][number];

function statuses(presence: Element): string[] {
  return (presence.getChild('x', MUC_USER)?.getChildren('status') ?? []).map((s) => s.attrs.code as string);
}

async function join(client: TestClient, room: string, nick: string): Promise<Element> {
  const to = `${room}/${nick}`;
  const start = client.received.length;
  const wait = client.waitFor((s) => client.received.indexOf(s) >= start && s.name === 'presence' && s.attrs.from === to && (s.attrs.type === 'error' || statuses(s).includes('110')), 15_000, `join ${to}`);
  await client.send(xml('presence', { to }, xml('x', { xmlns: MUC })));
  return wait;
}

async function iq(client: TestClient, stanza: Element): Promise<Element> {
  const start = client.received.length;
  const wait = client.waitFor((s) => client.received.indexOf(s) >= start && s.name === 'iq' && s.attrs.id === stanza.attrs.id, 15_000, `iq ${stanza.attrs.id}`);
  await client.send(stanza);
  return wait;
}

for (const db of testDatabaseConfigs()) {
  describe(`guest flow on ${db.name}`, () => {
    let node: TestNode;
    let smtp: MailCatcher;
    let browser: Browser;
    let room: Room;
    let other: Room;
    let roomJid: string;
    let alice: TestClient;
    let guest: TestClient;
    let agent: SlixmppAgent | undefined;
    let caFile: string;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      smtp = await startMailCatcher();
      node = await startTestNode({ database: await db.make(), mail: { smtpUrl: smtp.smtpUrl, from: 'Causerie <no-reply@causerie.test>' } });
      await node.createUser('alice');
      await node.createUser('bob');
      const aliceAccount = (await node.services.accounts.getByJid('alice', TEST_DOMAIN))!;
      await node.services.repos.accounts.update(aliceAccount.id, { displayName: 'Alice Martin' });
      room = await node.services.rooms.createPrivateRoom(aliceAccount, 'Projet Alpha');
      const bobAccount = (await node.services.accounts.getByJid('bob', TEST_DOMAIN))!;
      other = await node.services.rooms.createPrivateRoom(bobAccount, 'Secret');
      roomJid = node.services.rooms.roomJid(room);
      alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' }, { transport: 'websocket', resource: 'web' });
      clients.push(alice);
      await alice.send(xml('presence'));
      expect(statuses(await join(alice, roomJid, 'Alice'))).toContain('110');
      caFile = joinPath(mkdtempSync(joinPath(tmpdir(), 'causerie-ca-')), 'ca.pem');
      writeFileSync(caFile, node.caPem);
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    }, 60_000);

    afterAll(async () => {
      await agent?.close().catch(() => undefined);
      for (const client of clients) await client.stop();
      await browser?.close();
      await node?.close();
      await smtp?.close();
    });

    it('invites by email, registers in the browser after verifying the address, and logs in', async () => {
      const answer = await guestsIq(alice, roomJid, 'set', 'invite', { email: EMAIL, lang: 'fr' });
      expect(answer.attrs.type).toBe('result');
      expect(answer.getChild('invitation')?.attrs).toMatchObject({ email: EMAIL, status: 'sent' });
      const invitation = await smtp.next(EMAIL, /Alice Martin/);
      expect(invitation.text).toContain('« Projet Alpha »');
      expect(invitation.text).toContain('Créer mon compte');
      const link = linkIn(invitation, `${node.config.publicUrl}/register?token=`);

      const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
      const page = await context.newPage();
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('Créer mon compte invité');
      await page.locator('a.lang').click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Create my guest account');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await page.locator('#firstName').fill('Jean');
      await page.locator('#lastName').fill('Dupont');
      await page.locator('#password').fill('short');
      await expect(page.locator('#rule-length.ok').count()).resolves.toBe(0);
      await page.locator('#password').fill(PASSWORD);
      await expect(page.locator('#rule-length.ok').count()).resolves.toBe(1);
      await page.locator('button.toggle[data-for=password]').click();
      await expect(page.locator('#password').getAttribute('type')).resolves.toBe('text');
      await page.locator('#confirmation').fill('Un autre mot de passe');
      await expect(page.locator('#rule-match.ok').count()).resolves.toBe(0);
      const [mismatch] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('#submit').click()]);
      expect(mismatch.status()).toBe(400);
      await expect(page.locator('.error').textContent()).resolves.toBe('The two passwords differ.');
      await expect(page.locator('#firstName').inputValue()).resolves.toBe('Jean');
      await page.locator('#password').fill(PASSWORD);
      await page.locator('#confirmation').fill(PASSWORD);
      await page.locator('#submit').click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Check your mailbox');
      expect(await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN)).toBeUndefined();

      const verification = await smtp.next(EMAIL, /Confirm my address/);
      await page.goto(linkIn(verification, `${node.config.publicUrl}/register/verify?token=`));
      // The confirmation page opens in the language the form was filled in.
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await page.locator('#confirm').click();
      await expect(page.locator('#jid').textContent()).resolves.toBe(GUEST_JID);
      await context.close();

      const welcome = await smtp.next(EMAIL, /Your guest account is ready|Password: the one you chose/);
      expect(welcome.text).toContain(GUEST_JID);
      expect(welcome.text).toContain(`${node.config.publicUrl}/`);
      const account = await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN);
      expect(account).toMatchObject({ kind: 'guest', email: EMAIL, firstName: 'Jean', lastName: 'Dupont' });

      // The web client's way: the email address as the login name.
      guest = await connectClient(node, { username: EMAIL, password: PASSWORD }, { transport: 'websocket', domain: GUEST_DOMAIN, resource: 'web' });
      clients.push(guest);
      expect(guest.jid).toBe(`${GUEST_JID}/web`);
      await guest.send(xml('presence'));
      // The login is recorded after the session opens, not before the client hears of it.
      await eventually(async () => {
        const seen = await node.services.repos.accounts.get(account!.id);
        expect(seen?.lastLoginAt).toBeInstanceOf(Date);
        expect(seen?.lastLoginIp).toMatch(/127\.0\.0\.1/);
      });
    }, 90_000);

    it('lets the guest chat in its room and with its members, over WebSocket and over TCP (slixmpp)', async () => {
      expect(statuses(await join(guest, roomJid, 'Jean'))).toContain('110');
      const start = alice.received.length;
      await guest.send(xml('message', { to: roomJid, type: 'groupchat', id: 'g1' }, xml('body', {}, 'Bonjour à tous')));
      await alice.waitFor((s) => alice.received.indexOf(s) >= start && s.name === 'message' && s.attrs.from === `${roomJid}/Jean` && s.getChildText('body') === 'Bonjour à tous', 15_000, 'groupchat from the guest');
      await guest.send(xml('message', { to: `alice@${TEST_DOMAIN}`, type: 'chat', id: 'c1' }, xml('body', {}, 'Bonjour Alice')));
      await alice.waitFor((s) => s.name === 'message' && s.attrs.type === 'chat' && (s.attrs.from ?? '').startsWith(GUEST_JID) && s.getChildText('body') === 'Bonjour Alice', 15_000, 'chat from the guest');

      agent = await startSlixmppAgent();
      const connected = await agent.call('connect', { jid: GUEST_JID, password: PASSWORD, host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256', resource: 'mobile' });
      expect(connected.jid).toBe(`${GUEST_JID}/mobile`);
      await agent.call('send_message', { to: `alice@${TEST_DOMAIN}`, body: 'Depuis mon téléphone', type: 'chat' });
      await alice.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Depuis mon téléphone' && s.attrs.from === `${GUEST_JID}/mobile`, 15_000, 'chat from slixmpp');
      await agent.call('disconnect');
    }, 60_000);

    it('confines the guest: no other room, no room creation, no user directory, no invitations', async () => {
      const refused = await join(guest, node.services.rooms.roomJid(other), 'Jean');
      expect(refused.attrs.type).toBe('error');
      expect(stanzaError(refused)).toMatchObject({ condition: 'forbidden', text: 'As a guest you can only be in the rooms you were invited to; ask a member of this room to invite you' });
      // A member who is not in the room keeps XEP-0045's members-only answer.
      const bob = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' });
      clients.push(bob);
      expect(stanzaError(await join(bob, roomJid, 'Bob'))).toMatchObject({ condition: 'registration-required', text: 'You are not a member of Projet Alpha' });
      const created = await join(guest, `nouveau@conference.${TEST_DOMAIN}`, 'Jean');
      expect(stanzaError(created)).toMatchObject({ condition: 'not-allowed', text: expect.stringMatching(/Guests cannot create rooms/) });
      expect(await node.services.repos.rooms.getByAddress(room.domainId, 'nouveau')).toBeUndefined();
      // Disco on the server lists services only; the rooms service lists only the guest's room.
      const items = await iq(guest, xml('iq', { type: 'get', to: TEST_DOMAIN, id: 'items1' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      const jids = (items.getChild('query')?.getChildren('item') ?? []).map((i) => i.attrs.jid as string);
      expect(jids.every((jid) => !jid.includes('@'))).toBe(true);
      const rooms = await iq(guest, xml('iq', { type: 'get', to: `conference.${TEST_DOMAIN}`, id: 'items2' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect((rooms.getChild('query')?.getChildren('item') ?? []).map((i) => i.attrs.jid)).toEqual([roomJid]);
      const search = await iq(guest, xml('iq', { type: 'get', to: TEST_DOMAIN, id: 'search1' }, xml('query', { xmlns: 'jabber:iq:search' })));
      expect(stanzaError(search)).toMatchObject({ condition: 'forbidden', text: expect.stringMatching(/Guests cannot search/) });
      const invite = await guestsIq(guest, roomJid, 'set', 'invite', { email: 'ami@exemple.fr' });
      expect(stanzaError(invite)).toMatchObject({ condition: 'forbidden', app: 'no-invite-right' });
      // The room announces the invitation commands to every reader; the right is told by their answers.
      for (const [client, id] of [[alice, 'info-a'], [guest, 'info-g']] as const) {
        const info = await iq(client, xml('iq', { type: 'get', to: roomJid, id }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
        expect((info.getChild('query')?.getChildren('feature') ?? []).map((f) => f.attrs.var)).toContain('urn:causerie:guests:0');
      }
    }, 60_000);

    it('removal from the room makes the guest leave at once; the account remains and can be invited again', async () => {
      const start = guest.received.length;
      const removed = await iq(alice, xml('iq', { type: 'set', to: roomJid, id: 'rm1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { jid: GUEST_JID, affiliation: 'none' }))));
      expect(removed.attrs.type).toBe('result');
      const gone = await guest.waitFor((s) => guest.received.indexOf(s) >= start && s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomJid}/Jean`, 15_000, 'removal presence');
      expect(statuses(gone)).toContain('321');
      expect(await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN)).toBeDefined();
      expect(stanzaError(await join(guest, roomJid, 'Jean')).condition).toBe('forbidden');
      const mailsBefore = smtp.mails.length;
      const again = await guestsIq(alice, roomJid, 'set', 'invite', { email: EMAIL });
      expect(again.getChild('member')?.attrs.jid).toBe(GUEST_JID);
      expect(smtp.mails.length).toBe(mailsBefore);
      expect(statuses(await join(guest, roomJid, 'Jean'))).toContain('110');
    }, 60_000);

    it('affiliation outcast on a guest also removes it at once and keeps the account; a member cannot be made outcast', async () => {
      const start = guest.received.length;
      const outcast = await iq(alice, xml('iq', { type: 'set', to: roomJid, id: 'out1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { jid: GUEST_JID, affiliation: 'outcast' }))));
      expect(outcast.attrs.type).toBe('result');
      const gone = await guest.waitFor((s) => guest.received.indexOf(s) >= start && s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomJid}/Jean`, 15_000, 'outcast presence');
      expect(statuses(gone)).toContain('321');
      const account = await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN);
      expect(account).toBeDefined();
      expect(await node.services.rooms.isMember(room, account!)).toBe(false);
      expect(stanzaError(await join(guest, roomJid, 'Jean')).condition).toBe('forbidden');
      const member = await iq(alice, xml('iq', { type: 'set', to: roomJid, id: 'out2' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { jid: `bob@${TEST_DOMAIN}`, affiliation: 'outcast' }))));
      expect(stanzaError(member)).toMatchObject({ condition: 'not-allowed', text: expect.stringMatching(/Only guests can be made outcast/) });
      // Invited again: a member at once, no mail; the guest can come back for the next test.
      expect((await guestsIq(alice, roomJid, 'set', 'invite', { email: EMAIL })).getChild('member')?.attrs.jid).toBe(GUEST_JID);
      expect(statuses(await join(guest, roomJid, 'Jean'))).toContain('110');
    }, 60_000);

    it('an administrator deletes the guest: its sessions end at once, its room messages stay under its name', async () => {
      const account = (await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN))!;
      const list = await node.services.guests.list(SYSTEM_ACTOR, { search: 'dupont' });
      expect(list.guests.map((g) => g.jid)).toEqual([GUEST_JID]);
      const offline = new Promise<void>((resolve) => guest.xmpp.once('disconnect', () => resolve()));
      await node.services.guests.delete(SYSTEM_ACTOR, account.id);
      await offline;
      expect(await node.services.accounts.getByJid('jean.dupont\\40exemple.fr', GUEST_DOMAIN)).toBeUndefined();
      const archive = await node.services.repos.archive.query({ owner: { kind: 'room', roomId: room.id }, limit: 50 });
      expect(archive.messages.find((m) => m.body === 'Bonjour à tous')).toMatchObject({ senderAccountId: null });
      await expect(connectClient(node, { username: EMAIL, password: PASSWORD }, { domain: GUEST_DOMAIN })).rejects.toThrow(/not-authorized/);
    }, 60_000);
  });
}
