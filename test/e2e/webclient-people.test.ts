// The web client's left column and people features in real Chromium against
// a real node: rooms listed under their group and private rooms apart,
// unread and mention badges, the people list with presence (room people and
// roster contacts), avatars, typing notifications and read markers, and
// messages grouped by day and author.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { eventually } from '../helpers/eventually.js';
import { crc32, deflateSync } from 'node:zlib';
import { ensureWebclientBuilt, launchBrowser, messageLocator, openClient, openRoom, screenshot, sendMessage, signIn, signedIn } from './webclient-kit.js';

const ROSTER = 'jabber:iq:roster';

/** The link of a room in the left column. */
const roomLink = (page: Page, name: string) => page.locator('room-list .room-link', { hasText: name });
/** A person's presence in the left column's people list. */
const personPresence = (page: Page, jid: string) => page.locator(`people-list .person[data-jid="${jid}"] .presence`);

/** A PNG of width × height pixels in one colour (the client scales it down). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** A group room 'Histoire' whose archive holds messages of two days ago and of yesterday. */
async function roomWithHistory(node: TestNode, groupId: number): Promise<void> {
  const room = await node.services.rooms.addGroupRoom(SYSTEM_ACTOR, groupId, 'Histoire');
  const roomAddress = `${room.localpart}@conference.${TEST_DOMAIN}`;
  const noon = new Date();
  noon.setHours(12, 0, 0, 0);
  const at = (daysAgo: number, minute: number) => new Date(noon.getTime() - daysAgo * 86_400_000 + minute * 60_000);
  const lines: Array<[string, string, Date]> = [
    ['bob', 'Avant-hier un', at(2, 0)],
    ['bob', 'Avant-hier deux', at(2, 1)],
    ['anna', 'Avant-hier trois', at(2, 2)],
    ['bob', 'Hier matin', at(1, 0)],
    ['bob', 'Hier midi', at(1, 1)],
  ];
  await node.services.repos.archive.insertMany(
    lines.map(([nick, body, timestamp], i) => {
      const stanzaId = `history-${i}`;
      const from = `${roomAddress}/${nick}`;
      return {
        owner: { kind: 'room' as const, roomId: room.id },
        stanzaId,
        originId: null,
        withJid: `${nick}@${TEST_DOMAIN}`,
        fromJid: from,
        senderAccountId: null,
        senderName: nick,
        body,
        stanza: xml('message', { xmlns: 'jabber:client', from, type: 'groupchat', id: `m${i}` }, xml('body', {}, body), xml('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: `occupant-${nick}` }), xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: roomAddress, id: stanzaId })).toString(),
        timestamp,
      };
    }),
  );
}

/** Anna and Carl subscribe to each other's presence (RFC 6121 §3), from test clients. */
async function befriend(anna: TestClient, carl: TestClient): Promise<void> {
  // Requests reach available resources only.
  await Promise.all([anna.send(xml('presence')), carl.send(xml('presence'))]);
  await anna.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: ROSTER }, xml('item', { jid: carl.jid.split('/')[0], name: 'Carl' }))));
  for (const [from, to] of [
    [anna, carl],
    [carl, anna],
  ] as const) {
    const toBare = to.jid.split('/')[0] as string;
    const fromBare = from.jid.split('/')[0] as string;
    const request = to.waitFor((s) => s.name === 'presence' && s.attrs.type === 'subscribe' && (s.attrs.from ?? '').startsWith(fromBare), 10_000, 'subscribe');
    await from.send(xml('presence', { type: 'subscribe', to: toBare }));
    await request;
    await to.send(xml('presence', { type: 'subscribed', to: fromBare }));
  }
  await eventually(async () => {
    const roster = await anna.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: ROSTER })));
    expect(roster.getChild('query')?.getChildren('item').find((i) => i.attrs.jid === carl.jid.split('/')[0])?.attrs.subscription).toBe('both');
  }, 10_000);
}

describe('web client: rooms by group, people, presence (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let anna: Page;
  let bob: Page;
  const clients: TestClient[] = [];
  let carlCredentials: { username: string; password: string };
  let groupId: number;
  let privateRoomId: number;
  const bobJid = `bob@${TEST_DOMAIN}`;
  const carlJid = `carl@${TEST_DOMAIN}`;

  beforeAll(async () => {
    ensureWebclientBuilt();
    node = await startTestNode();
    browser = await launchBrowser();
    const annaCredentials = await node.createUser('anna');
    await node.createUser('bob');
    carlCredentials = await node.createUser('carl');
    const account = async (name: string) => (await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN))!;
    const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN)!;
    await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
    const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Atelier', alias: 'atelier' });
    groupId = group.id;
    for (const name of ['anna', 'bob']) await node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: (await account(name)).id });
    await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true);
    await node.services.rooms.addGroupRoom(SYSTEM_ACTOR, group.id, 'Annonces');
    await roomWithHistory(node, group.id);
    privateRoomId = (await node.services.rooms.createPrivateRoom(await account('anna'), 'Apéro', [(await account('bob')).id])).id;
    // Carl is no member of the group: Anna knows him as a roster contact only.
    const annaClient = await connectClient(node, annaCredentials, { resource: 'setup' });
    const carlClient = await connectClient(node, carlCredentials, { resource: 'setup' });
    await befriend(annaClient, carlClient);
    await Promise.all([annaClient.stop(), carlClient.stop()]);
    [anna, bob] = (await signedIn(browser, node, [{ name: 'anna' }, { name: 'bob' }])) as [Page, Page];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop().catch(() => undefined)));
    await browser?.close();
    await node?.close();
  });

  it('lists the rooms under their group, and private rooms in their own section', async () => {
    const atelier = anna.locator('room-list .room-group[data-section="group:Atelier"]');
    await eventually(async () => expect(await atelier.locator('.room-name').allTextContents()).toEqual(['Annonces', 'Histoire', 'TeamChat']), 15_000);
    await eventually(async () => expect(await anna.locator('room-list .room-group[data-section="private"] .room-name').allTextContents()).toEqual(['Apéro']), 15_000);
    expect(await anna.locator('room-list .room-group-title').allTextContents()).toEqual(['Atelier', 'Salons privés']);
    // The group's heading names the section for screen readers.
    expect(await atelier.getAttribute('aria-labelledby')).toBe(await atelier.locator('.room-group-title').getAttribute('id'));
    // A room added to the group while Anna is online appears at once (XEP-0402 notification, asked for in her caps).
    await node.services.rooms.addGroupRoom(SYSTEM_ACTOR, groupId, 'Nouvelles');
    await eventually(async () => expect(await atelier.locator('.room-name').allTextContents()).toEqual(['Annonces', 'Histoire', 'Nouvelles', 'TeamChat']), 15_000);
  });

  it('counts unread messages and mentions per room, and clears them when the room is opened', async () => {
    await openRoom(anna, 'TeamChat');
    await openRoom(bob, 'Annonces');
    await sendMessage(bob, 'Le café est prêt');
    await eventually(async () => expect(await roomLink(anna, 'Annonces').locator('.unread-count').textContent()).toBe('1'), 15_000);
    expect(await roomLink(anna, 'Annonces').locator('.mention').count()).toBe(0);
    await sendMessage(bob, '@anna tu viens ?');
    await eventually(async () => expect(await roomLink(anna, 'Annonces').locator('.mention').textContent()).toBe('@1'), 15_000);
    expect(await roomLink(anna, 'Annonces').locator('.unread-count').textContent()).toBe('2');
    expect(await roomLink(anna, 'Annonces').locator('.mention').getAttribute('aria-label')).toBe('1 mentions');
    // The room being read counts nothing; Bob's own room neither.
    expect(await roomLink(anna, 'TeamChat').locator('.count').count()).toBe(0);
    expect(await roomLink(bob, 'Annonces').locator('.count').count()).toBe(0);
    await openRoom(anna, 'Annonces');
    await messageLocator(anna, 'tu viens ?').waitFor({ timeout: 15_000 });
    expect(await roomLink(anna, 'Annonces').locator('.count').count()).toBe(0);
  });

  it('shows people with their presence, which follows them coming and going', async () => {
    // Bob is in Anna's rooms; Carl is a roster contact, offline for now.
    await eventually(async () => expect(await personPresence(anna, bobJid).getAttribute('data-presence')).toBe('online'), 15_000);
    await eventually(async () => expect(await personPresence(anna, carlJid).getAttribute('data-presence')).toBe('offline'), 15_000);
    expect(await personPresence(anna, carlJid).textContent()).toBe('Hors ligne');
    expect(await anna.locator(`people-list .person[data-jid="${carlJid}"] .person-name`).textContent()).toBe('Carl');
    // Next to Bob's messages in the room too.
    expect(await anna.locator('message-list .group', { hasText: 'tu viens ?' }).locator('.group-head .presence').getAttribute('data-presence')).toBe('online');

    const carl = await connectClient(node, carlCredentials, { resource: 'phone' });
    clients.push(carl);
    await carl.send(xml('presence'));
    await eventually(async () => expect(await personPresence(anna, carlJid).getAttribute('data-presence')).toBe('online'), 15_000);
    expect(await personPresence(anna, carlJid).textContent()).toBe('En ligne');
    await carl.send(xml('presence', {}, xml('show', {}, 'away')));
    await eventually(async () => expect(await personPresence(anna, carlJid).getAttribute('data-presence')).toBe('away'), 15_000);
    await carl.stop();
    await eventually(async () => expect(await personPresence(anna, carlJid).getAttribute('data-presence')).toBe('offline'), 15_000);

    // Bob signs out: he leaves the rooms; he signs in again: he is back.
    await bob.locator('room-list .nav-footer button', { hasText: 'Se déconnecter' }).click();
    await eventually(async () => expect(await personPresence(anna, bobJid).getAttribute('data-presence')).toBe('offline'), 15_000);
    expect(await anna.locator('message-list .group', { hasText: 'tu viens ?' }).locator('.group-head .presence').getAttribute('data-presence')).toBe('offline');
    await signIn(bob, 'bob', 'pw-bob-secret');
    await eventually(async () => expect(await personPresence(anna, bobJid).getAttribute('data-presence')).toBe('online'), 15_000);
    // Bob has no roster contact and Carl shares no room with him: Carl is not in his list.
    expect(await bob.locator(`people-list .person[data-jid="${carlJid}"]`).count()).toBe(0);
  });

  it('publishes an avatar chosen in the options, which the others see next to the messages and in the people list', async () => {
    await openRoom(bob, 'TeamChat');
    await openRoom(anna, 'TeamChat');
    await sendMessage(anna, 'Ma nouvelle photo');
    const annaGroup = bob.locator('message-list .group', { hasText: 'Ma nouvelle photo' });
    await annaGroup.waitFor({ timeout: 15_000 });
    // No avatar yet: initials.
    expect(await annaGroup.locator('span.avatar').textContent()).toBe('AN');

    await anna.locator('room-list .nav-footer button', { hasText: 'Options' }).click();
    await anna.locator('#opt-avatar').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: png(300, 150, [200, 40, 40]) });
    await anna.locator('options-dialog [role=status]', { hasText: 'Avatar enregistré.' }).waitFor({ timeout: 15_000 });
    expect(await anna.locator('options-dialog .avatar-row img.avatar').count()).toBe(1);
    await anna.locator('options-dialog .dialog-actions button').click();

    const picture = annaGroup.locator('img.avatar');
    await picture.waitFor({ timeout: 15_000 });
    // Scaled in the browser to at most 96 px, as PNG.
    expect(await picture.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await picture.evaluate((img) => [(img as { naturalWidth: number }).naturalWidth, (img as { naturalHeight: number }).naturalHeight])).toEqual([96, 48]);
    await bob.locator(`people-list .person[data-jid="anna@${TEST_DOMAIN}"] img.avatar`).waitFor({ timeout: 15_000 });

    // The vCard carries it too, for older clients.
    const carl = await connectClient(node, carlCredentials, { resource: 'vcard' });
    clients.push(carl);
    const card = await carl.iq(xml('iq', { type: 'get', to: `anna@${TEST_DOMAIN}` }, xml('vCard', { xmlns: 'vcard-temp' })));
    expect(card.getChild('vCard')?.getChild('PHOTO')?.getChildText('TYPE')).toBe('image/png');
    expect(card.getChild('vCard')?.getChild('PHOTO')?.getChildText('BINVAL')?.length).toBeGreaterThan(50);
  });

  it('shows who is typing under the room, and who has seen the last message', async () => {
    // Both are in TeamChat. Bob types: Anna sees it; he sends: it is gone.
    await bob.locator('#composer-field').fill('Je rédige…');
    await eventually(async () => expect(await anna.locator('message-composer .typing').textContent()).toBe('bob écrit…'), 15_000);
    await bob.locator('#composer-field').press('Enter');
    await messageLocator(anna, 'Je rédige…').waitFor({ timeout: 15_000 });
    await eventually(async () => expect(await anna.locator('message-composer .typing').textContent()).toBe(''), 15_000);
    // Anna has the room open: her client marks Bob's message displayed (XEP-0333) and Bob sees it.
    const seen = bob.locator('message-list .message', { hasText: 'Je rédige…' }).locator('.seen-by');
    await eventually(async () => expect(await seen.textContent()).toBe('Vu par anna'), 15_000);
    await bob.locator('#composer-field').fill('Une autre idée');
    await eventually(async () => expect(await anna.locator('message-composer .typing').textContent()).toBe('bob écrit…'), 15_000);
    await screenshot(anna, 'people');
    // Typing without sending turns to "paused" after a few seconds: the line empties by itself.
    await eventually(async () => expect(await anna.locator('message-composer .typing').textContent()).toBe(''), 15_000);
    await bob.locator('#composer-field').fill('');
  });

  it('groups messages by day and by author', async () => {
    await openRoom(anna, 'Histoire');
    await messageLocator(anna, 'Hier midi').waitFor({ timeout: 15_000 });
    const blocks = anna.locator('message-list .messages > li');
    const shape = await blocks.evaluateAll((items) => items.map((li) => (li.classList.contains('day') ? `day:${li.textContent?.trim()}` : `${li.querySelector('.author')?.textContent}:${li.querySelectorAll('.message').length}:${li.querySelectorAll('.group-head').length}`)));
    expect(shape).toEqual([expect.stringMatching(/^day:/), 'bob:2:1', 'anna:1:1', 'day:Hier', 'bob:2:1']);
  });

  it('gives a guest no directory: only the people of its rooms', async () => {
    const guestDomain = (await node.services.domains.list()).find((d) => d.kind === 'guest')!.name;
    const guestJid = `zoe@${guestDomain}`;
    const guest = await node.services.accounts.create({ jid: guestJid, password: 'Un mot de passe solide' });
    await node.services.rooms.addMember((await node.services.repos.accounts.getByAddress('anna', TEST_DOMAIN))!, privateRoomId, guest.id);
    // Even with a roster contact, a guest's client lists no one outside its rooms.
    const zoe = await connectClient(node, { username: 'zoe', password: 'Un mot de passe solide' }, { domain: guestDomain, resource: 'setup' });
    clients.push(zoe);
    await zoe.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: ROSTER }, xml('item', { jid: carlJid, name: 'Carl' }))));
    await zoe.stop();
    const page = (await openClient(browser, node)).page;
    await signIn(page, guestJid, 'Un mot de passe solide');
    await page.locator('people-list', { hasText: 'Les personnes de vos salons' }).waitFor({ timeout: 15_000 });
    await eventually(async () => expect(await page.locator('people-list .person').evaluateAll((items) => items.map((li) => li.getAttribute('data-jid')).sort())).toEqual([`anna@${TEST_DOMAIN}`, bobJid]), 15_000);
    expect(await page.locator(`people-list .person[data-jid="${carlJid}"]`).count()).toBe(0);
  });
});
