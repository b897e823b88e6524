// Direct messages in the web client, in real Chromium against a real node:
// a conversation opened from the People list, the Direct messages section
// with its unread badge, answers both ways, history from the user's archive
// after a reload (XEP-0313 with a `with` filter, RSM paging when scrolling
// up), a message from another session of the account through carbons
// (XEP-0280), search in the user's own archive opening the conversation at
// the message, and a guest's refused message shown with the server's reason.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { GUEST_SENDER_REFUSAL } from '../../server/modules/guests/confinement.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { eventually } from '../helpers/eventually.js';
import { ensureWebclientBuilt, launchBrowser, messageLocator, openClient, screenshot, sendMessage, signIn, signedIn } from './webclient-kit.js';

const ANNA = `anna@${TEST_DOMAIN}`;
const BOB = `bob@${TEST_DOMAIN}`;
const CARL = `carl@${TEST_DOMAIN}`;
const GUEST_DOMAIN = `guests.${TEST_DOMAIN}`;
const GUEST = `gaston\\40exemple.fr@${GUEST_DOMAIN}`;

/** A conversation's entry in the Direct messages section. */
const directLink = (page: Page, jid: string) => page.locator(`direct-list .direct-link[data-room="${jid}"]`);

/** Opens the conversation with a person from the People list and waits for the composer. */
async function writeTo(page: Page, jid: string): Promise<void> {
  await page.locator(`people-list .person[data-jid="${jid}"]`).click({ timeout: 15_000 });
  await page.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
  await eventually(async () => expect(await page.locator('#room-title').textContent()).toContain(jid.split('@')[0]), 10_000);
}

describe('web client: direct messages (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let anna: Page;
  let bob: Page;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    ensureWebclientBuilt();
    node = await startTestNode();
    browser = await launchBrowser();
    await node.createUser('anna');
    await node.createUser('bob');
    await node.createUser('carl');
    const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN)!;
    await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
    const account = async (name: string) => (await node.services.accounts.getByJid(name, TEST_DOMAIN))!;
    const guest = await node.services.accounts.create({ jid: GUEST, password: 'Un mot de passe solide' });
    // Anna, Bob and the guest share a room (so they meet in the People list); Carl shares none with the guest.
    const room = await node.services.rooms.createPrivateRoom(await account('anna'), 'Projet', [(await account('bob')).id]);
    await node.services.rooms.addMember(await account('anna'), room.id, guest.id);
    [anna, bob] = (await signedIn(browser, node, [{ name: 'anna' }, { name: 'bob' }])) as [Page, Page];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop().catch(() => undefined)));
    await browser?.close();
    await node?.close();
  });

  it('opens a conversation from the People list; the other sees it with an unread badge and answers', async () => {
    await writeTo(anna, BOB);
    expect(await anna.locator('room-view .conference-button').count()).toBe(0);
    await sendMessage(anna, 'Bonjour Bob, en direct');
    await messageLocator(anna, 'Bonjour Bob, en direct').waitFor({ timeout: 10_000 });
    // A new incoming chat creates Bob's entry, counted as unread while he reads his room.
    await eventually(async () => expect(await directLink(bob, ANNA).locator('.unread-count').textContent()).toBe('1'), 15_000);
    expect(await bob.locator('direct-list .nav-title').textContent()).toBe('Messages directs');
    await directLink(bob, ANNA).click();
    await messageLocator(bob, 'Bonjour Bob, en direct').waitFor({ timeout: 10_000 });
    expect(await directLink(bob, ANNA).locator('.unread-count').count()).toBe(0);
    await sendMessage(bob, 'Salut Anna, bien reçu');
    await messageLocator(anna, 'Salut Anna, bien reçu').waitFor({ timeout: 15_000 });
    // Anna is reading the conversation: nothing counted.
    expect(await directLink(anna, BOB).locator('.unread-count').count()).toBe(0);
    await screenshot(anna, 'direct');
    // ↑/↓ in the left column go from the rooms to the direct conversations and round.
    await anna.locator('room-list .room-link', { hasText: 'Projet' }).focus();
    await anna.keyboard.press('ArrowDown');
    expect(await anna.locator(`direct-list .direct-link[data-room="${BOB}"]:focus`).count()).toBe(1);
    await anna.keyboard.press('ArrowDown');
    expect(await anna.locator('room-list .room-link:focus', { hasText: 'Projet' }).count()).toBe(1);
  });

  it('search finds a direct message in the user\'s own archive and opens the conversation around it', async () => {
    await sendMessage(bob, 'Le mot ornithorynque est rare');
    await messageLocator(anna, 'Le mot ornithorynque est rare').waitFor({ timeout: 15_000 });
    await sendMessage(anna, 'En effet, très rare');
    await messageLocator(bob, 'En effet, très rare').waitFor({ timeout: 15_000 });
    // Anna reads the room meanwhile, so the conversation must be opened by the result.
    await anna.locator('room-list .room-link', { hasText: 'Projet' }).click();
    await anna.keyboard.press('Control+k');
    await anna.locator('#search-q').fill('ornithorynque');
    await anna.locator('#search-q').press('Enter');
    const result = anna.locator('.result', { hasText: 'ornithorynque' });
    await result.waitFor({ timeout: 15_000 });
    expect(await anna.locator('.result').count()).toBe(1);
    expect(await result.locator('.result-head').textContent()).toContain('Message direct — bob');
    await result.click();
    const highlighted = anna.locator('.message.highlight .body');
    await highlighted.waitFor({ timeout: 15_000 });
    expect(await highlighted.textContent()).toBe('Le mot ornithorynque est rare');
    await eventually(async () => expect(await anna.locator('#room-title').textContent()).toContain('bob'), 10_000);
    // Context from the conversation's archive: the messages just before and after.
    await messageLocator(anna, 'Salut Anna, bien reçu').waitFor({ timeout: 15_000 });
    await messageLocator(anna, 'En effet, très rare').waitFor({ timeout: 15_000 });
    await anna.locator('search-panel button[aria-label]').first().click();
  });

  it('shows the other person typing (XEP-0085)', async () => {
    await bob.locator('#composer-field').pressSequentially('Je réfléchis');
    await eventually(async () => expect(await anna.locator('message-composer .typing').textContent()).toContain('bob'), 15_000);
    await bob.locator('#composer-field').fill('');
  });

  it('keeps another session of the account in step through carbons', async () => {
    const phone = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' }, { resource: 'phone' });
    clients.push(phone);
    await phone.send(xml('presence'));
    await phone.send(xml('message', { to: ANNA, type: 'chat', id: 'from-phone' }, xml('body', {}, 'Envoyé depuis mon téléphone')));
    // Bob's browser shows it as his own (a sent carbon); Anna gets it as usual.
    await messageLocator(bob, 'Envoyé depuis mon téléphone').waitFor({ timeout: 15_000 });
    expect(await bob.locator('message-list .group.mine', { hasText: 'Envoyé depuis mon téléphone' }).count()).toBe(1);
    await messageLocator(anna, 'Envoyé depuis mon téléphone').waitFor({ timeout: 15_000 });
    // What Anna's browser sends to Bob's bare JID reaches both of his sessions.
    const received = phone.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'Et ton téléphone aussi', 15_000, 'message on the phone');
    await sendMessage(anna, 'Et ton téléphone aussi');
    await received;
    await messageLocator(bob, 'Et ton téléphone aussi').waitFor({ timeout: 15_000 });
  });

  it('brings the history back from the archive after a reload, older pages as one scrolls up', async () => {
    const phone = clients[0]!;
    for (let i = 1; i <= 110; i++) await phone.send(xml('message', { to: ANNA, type: 'chat', id: `line-${i}` }, xml('body', {}, `Ligne ${String(i).padStart(3, '0')}`)));
    await messageLocator(anna, 'Ligne 110').waitFor({ timeout: 20_000 });
    await anna.reload();
    await signIn(anna, 'anna', 'pw-anna-secret');
    await directLink(anna, BOB).click({ timeout: 15_000 });
    await messageLocator(anna, 'Ligne 110').waitFor({ timeout: 15_000 });
    expect(await messageLocator(anna, 'Bonjour Bob, en direct').count()).toBe(0);
    // Scrolling up loads the pages before (RSM before the oldest id, this person only).
    await eventually(async () => {
      await anna.locator('message-list .scroller').evaluate((el) => (el.scrollTop = 0));
      expect(await messageLocator(anna, 'Bonjour Bob, en direct').count()).toBe(1);
    }, 30_000);
    for (const text of ['Salut Anna, bien reçu', 'Envoyé depuis mon téléphone', 'Et ton téléphone aussi', 'Ligne 001']) expect(await messageLocator(anna, text).count()).toBe(1);
    await eventually(async () => expect(await anna.locator('message-list .history-start').count()).toBe(1), 15_000);
    // A search hit far back opens an older window of the conversation; *Revenir aux derniers messages* goes back.
    await anna.keyboard.press('Control+k');
    await anna.locator('#search-q').fill('ornithorynque');
    await anna.locator('#search-q').press('Enter');
    await anna.locator('.result', { hasText: 'ornithorynque' }).click({ timeout: 15_000 });
    await anna.locator('.message.highlight .body', { hasText: 'ornithorynque' }).waitFor({ timeout: 15_000 });
    await eventually(async () => expect(await messageLocator(anna, 'Ligne 110').count()).toBe(0), 10_000);
    await anna.locator('.jump-latest').click({ timeout: 15_000 });
    await messageLocator(anna, 'Ligne 110').waitFor({ timeout: 15_000 });
    expect(await anna.locator('.message.highlight').count()).toBe(0);
    await anna.locator('search-panel button[aria-label]').first().click();
  });

  it('shows a browser notification for a direct message when notifications are on', async () => {
    const { context, page: carl } = await openClient(browser, node);
    // A recording stand-in for the browser's Notification, permission granted, notifications switched on.
    await context.addInitScript(`
      const shown = [];
      window.shownNotifications = shown;
      window.Notification = class {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title, options) { shown.push({ title, body: options?.body ?? '' }); }
      };
      localStorage.setItem('causerie.notify', '1');
    `);
    await carl.reload();
    await signIn(carl, 'carl', 'pw-carl-secret');
    await anna.locator('direct-list .direct-new').click();
    await anna.locator('#direct-address').fill('carl');
    await anna.locator('#direct-address').press('Enter');
    await anna.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
    await sendMessage(anna, 'Carl, tu as une minute ?');
    await eventually(async () => expect(await carl.evaluate('window.shownNotifications')).toEqual([{ title: 'anna vous a écrit', body: 'Carl, tu as une minute ?' }]), 15_000);
    await eventually(async () => expect(await directLink(carl, ANNA).locator('.unread-count').textContent()).toBe('1'), 15_000);
    await context.close();
  });

  it('shows a guest\'s refused message with the server\'s reason, and lets it write to people of its rooms', async () => {
    const guest = (await openClient(browser, node)).page;
    await signIn(guest, 'gaston@exemple.fr', 'Un mot de passe solide');
    await guest.locator('direct-list .direct-new').click();
    await guest.locator('#direct-address').fill(CARL);
    await guest.locator('#direct-address').press('Enter');
    await guest.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
    await sendMessage(guest, 'Bonjour Carl');
    const failed = guest.locator('message-list .message.not-sent .failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.textContent()).toContain('Vous n’avez pas le droit de faire cela.');
    expect(await failed.textContent()).toContain(GUEST_SENDER_REFUSAL);
    // A member of its room is reachable.
    await writeTo(guest, ANNA);
    await sendMessage(guest, 'Bonjour Anna, ici Gaston');
    await eventually(async () => expect(await anna.locator('direct-list .direct-link').evaluateAll((links) => links.map((a) => a.getAttribute('data-room')))).toContain(GUEST), 15_000);
    // Delivered, so not refused: the conversation with Anna shows no refusal.
    expect(await guest.locator('message-list .message.not-sent').count()).toBe(0);
    expect(await messageLocator(guest, 'Bonjour Anna, ici Gaston').count()).toBe(1);
  });
});
