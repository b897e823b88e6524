// The web client in real Chromium against a real node: two people chat in
// a group room from two browser contexts, history pages in from the
// archive as one scrolls up, search jumps to a message in context, and the
// client reconnects after the server drops its socket without losing a message.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import { eventually } from '../helpers/eventually.js';
import { baseUrl, ensureWebclientBuilt, launchBrowser, screenshot, messageLocator, openClient, openRoom, sendMessage, signIn, groupRoomWith } from './webclient-kit.js';

describe('web client (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let room: Room;
  let roomJid: string;
  let anna: Page;
  let bob: Page;

  beforeAll(async () => {
    ensureWebclientBuilt();
    node = await startTestNode();
    browser = await launchBrowser();
    ({ room } = await groupRoomWith(node, ['anna', 'bob', 'carl'], { name: 'Équipe', alias: 'equipe' }));
    roomJid = `${room.localpart}@conference.${TEST_DOMAIN}`;
    // Carl fills the archive with 70 messages before anyone opens the client.
    const carl = await connectClient(node, { username: 'carl', password: 'pw-carl-secret' });
    await carl.send(xml('presence', { to: `${roomJid}/carl` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
    await carl.waitFor((s) => s.name === 'presence' && s.attrs.from === `${roomJid}/carl`, 15_000, 'carl joined');
    for (let i = 1; i <= 70; i++) await carl.send(xml('message', { to: roomJid, type: 'groupchat', id: `h${i}` }, xml('body', {}, i === 5 ? 'le mot rarissime zéphyr est ici' : `ancien message ${i}`)));
    await carl.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'ancien message 70', 15_000, 'last history message');
    await carl.stop();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('signs in, refuses a wrong password with a sentence, and serves the app with its headers', async () => {
    const { page, context } = await openClient(browser, node);
    const response = await page.request.get(`${baseUrl(node)}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers()['cache-control']).toBe('no-cache');
    const asset = await page.request.get(`${baseUrl(node)}/${await page.locator('script[type=module]').getAttribute('src').then((src) => (src ?? '').replace(/^\//, ''))}`);
    expect(asset.headers()['cache-control']).toContain('immutable');
    const config = await (await page.request.get(`${baseUrl(node)}/config.json`)).json();
    expect(config).toMatchObject({ domain: TEST_DOMAIN, conferenceDomain: `conference.${TEST_DOMAIN}` });
    await screenshot(page, 'login');
    await page.locator('#identifier').fill('anna@causerie.test');
    await page.locator('#password').fill('wrong-password');
    await page.locator('form.card button[type=submit]').click();
    await expect(page.locator('.card [role=alert]').textContent({ timeout: 15_000 })).resolves.toContain('Identifiant ou mot de passe incorrect');
    await context.close();
  });

  it('two people chat in a group room', async () => {
    anna = (await openClient(browser, node)).page;
    bob = (await openClient(browser, node, { locale: 'en-US' })).page;
    await signIn(anna, `anna@${TEST_DOMAIN}`, 'pw-anna-secret');
    await signIn(bob, 'bob', 'pw-bob-secret');
    await openRoom(anna, 'TeamChat');
    await openRoom(bob, 'TeamChat');
    await sendMessage(anna, 'Bonjour Bob, voici https://example.org/doc?x=1.');
    await messageLocator(bob, 'Bonjour Bob').waitFor({ timeout: 15_000 });
    const link = bob.locator('.message .body a', { hasText: 'https://example.org/doc?x=1' });
    expect(await link.getAttribute('href')).toBe('https://example.org/doc?x=1');
    await sendMessage(bob, 'Hello anna!\nSecond line');
    await messageLocator(anna, 'Second line').waitFor({ timeout: 15_000 });
    // The mention reaches Anna's message as a mention, and Bob's English UI says so.
    expect(await anna.locator('.message.mention .body', { hasText: 'Hello anna' }).count()).toBe(1);
    expect(await bob.locator('#composer-field').getAttribute('placeholder')).toBe('Message TeamChat');
    // Grouped: Anna's consecutive messages share one author block.
    await sendMessage(anna, '<b>pas du HTML</b>');
    await messageLocator(bob, '<b>pas du HTML</b>').waitFor({ timeout: 15_000 });
    expect(await bob.locator('.message .body b').count()).toBe(0);
    await screenshot(anna, 'room');
  });

  it('loads older messages from the archive when scrolling up', async () => {
    const messages = bob.locator('.message .body');
    await eventually(async () => expect(await messages.count()).toBeGreaterThanOrEqual(40), 15_000);
    expect(await bob.locator('.message .body', { hasText: /^ancien message 1$/ }).count()).toBe(0);
    for (let i = 0; i < 10 && (await bob.locator('.history-start').count()) === 0; i++) {
      await bob.locator('.scroller').evaluate((el) => el.scrollTo(0, 0));
      await eventually(async () => expect(await bob.locator('.loading').count()).toBe(0), 15_000);
    }
    await bob.locator('.message .body', { hasText: /^ancien message 1$/ }).waitFor({ timeout: 15_000 });
    await bob.locator('.history-start').waitFor();
  });

  it('search finds a message in the rooms and jumps to it in context', async () => {
    await anna.keyboard.press('Control+k');
    await anna.locator('#search-q').fill('zéphyr');
    await anna.locator('#search-q').press('Enter');
    const result = anna.locator('.result', { hasText: 'rarissime' });
    await result.waitFor({ timeout: 15_000 });
    expect(await anna.locator('.result').count()).toBe(1);
    await screenshot(anna, 'search');
    await result.click();
    const highlighted = anna.locator('.message.highlight .body');
    await highlighted.waitFor({ timeout: 15_000 });
    expect(await highlighted.textContent()).toBe('le mot rarissime zéphyr est ici');
    // Context: the messages just before and after are shown around it.
    await anna.locator('.message .body', { hasText: /^ancien message 4$/ }).waitFor();
    await anna.locator('.message .body', { hasText: /^ancien message 6$/ }).waitFor();
    await anna.locator('.jump-latest').click();
    await messageLocator(anna, '<b>pas du HTML</b>').waitFor({ timeout: 15_000 });
  });

  it('uploads a file with progress and an image with a preview; the other person downloads them', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await anna.locator('#composer-file').setInputFiles([
      { name: 'notes de réunion.txt', mimeType: 'text/plain', buffer: Buffer.from('ordre du jour : budget') },
      { name: 'pixel.png', mimeType: 'image/png', buffer: png },
    ]);
    const file = bob.locator('.message:not(.pending) a.attachment.file', { hasText: 'notes de réunion.txt' });
    await file.waitFor({ timeout: 15_000 });
    const image = bob.locator('.message:not(.pending) a.attachment.image img[alt="pixel.png"]');
    await image.waitFor({ timeout: 15_000 });
    // Bob scrolled up through the history earlier: new messages are announced below,
    // and the button brings him down to them (previews load lazily once in view; Bob reads English).
    await bob.locator('.new-below', { hasText: 'new messages' }).click();
    await eventually(async () => expect(await bob.locator('.new-below').count()).toBe(0), 10_000);
    await eventually(async () => expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1), 10_000);
    const download = await bob.request.get((await file.getAttribute('href')) as string);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('ordre du jour : budget');
    expect(await anna.locator('.upload').count()).toBe(0);
    await screenshot(bob, 'files');
  });

  it('reconnects after the server drops its socket without losing a message', async () => {
    const bare = `anna@${TEST_DOMAIN}`;
    const sessions = node.node.sessions.sessionsOf(bare);
    expect(sessions.length).toBe(1);
    sessions[0]?.transport.destroy();
    // Sent while the socket is down: queued by stream management and sent after resumption.
    await anna.locator('connection-status [data-state=reconnecting]').waitFor({ timeout: 15_000 });
    await sendMessage(anna, 'écrit pendant la coupure');
    await sendMessage(bob, 'envoyé pendant la coupure');
    await anna.locator('connection-status [data-state=online]').waitFor({ timeout: 20_000 });
    await messageLocator(bob, 'écrit pendant la coupure').waitFor({ timeout: 15_000 });
    await messageLocator(anna, 'envoyé pendant la coupure').waitFor({ timeout: 15_000 });
    expect(await anna.locator('.message .body', { hasText: 'écrit pendant la coupure' }).count()).toBe(1);
    expect(await anna.locator('.message.pending').count()).toBe(0);
  });

  it('options: display name saved in the vCard, password changed (XEP-0077) after a mismatch and a weak one, language switched to English', async () => {
    await anna.locator('.nav-footer button', { hasText: 'Options' }).click();
    await anna.locator('#opt-name').fill('Anna Martin');
    await anna.locator('#opt-name').press('Enter');
    await anna.locator('options-dialog [role=status]', { hasText: 'Enregistré.' }).waitFor({ timeout: 15_000 });
    await anna.locator('.me-name', { hasText: 'Anna Martin' }).waitFor();
    // The two fields differ: refused in the browser, nothing sent.
    await anna.locator('#opt-pw').fill('nouveau-secret-1');
    await anna.locator('#opt-pw2').fill('nouveau-secret-2');
    await anna.locator('#opt-pw2').press('Enter');
    await anna.locator('options-dialog [role=alert]', { hasText: 'Les deux mots de passe ne sont pas identiques.' }).waitFor();
    // Too short: the server refuses it and the reason is shown.
    await anna.locator('#opt-pw').fill('court');
    await anna.locator('#opt-pw2').fill('court');
    await anna.locator('#opt-pw2').press('Enter');
    await anna.locator('options-dialog [role=alert]', { hasText: '8' }).waitFor({ timeout: 15_000 });
    await anna.locator('#opt-pw').fill('pw-anna-nouveau');
    await anna.locator('#opt-pw2').fill('pw-anna-nouveau');
    await anna.locator('#opt-pw2').press('Enter');
    await anna.locator('options-dialog [role=status]', { hasText: 'Mot de passe modifié.' }).waitFor({ timeout: 15_000 });
    // The session that changed it stays connected, and after a network cut it
    // authenticates again with the new password.
    await anna.locator('connection-status [data-state=online]').waitFor();
    node.node.sessions.sessionsOf(`anna@${TEST_DOMAIN}`)[0]?.transport.destroy();
    await anna.locator('connection-status [data-state=reconnecting]').waitFor({ timeout: 15_000 });
    await anna.locator('connection-status [data-state=online]').waitFor({ timeout: 20_000 });
    await anna.locator('#opt-lang').selectOption('en');
    await anna.locator('options-dialog .dialog-actions button').click();
    await anna.locator('.nav-footer button', { hasText: 'Sign out' }).waitFor();
    expect(await anna.locator('html').getAttribute('lang')).toBe('en');
    // The name comes back from the server in a new browser context.
    const again = await openClient(browser, node);
    await signIn(again.page, 'anna', 'pw-anna-nouveau');
    await again.page.locator('.me-name', { hasText: 'Anna Martin' }).waitFor({ timeout: 15_000 });
    await again.page.locator('.nav-footer button', { hasText: 'Se déconnecter' }).click();
    await again.page.locator('#identifier').waitFor({ timeout: 15_000 });
    await again.context.close();
  });

  it('signs out: the sign-in form comes back and the server session ends', async () => {
    await anna.locator('.nav-footer button', { hasText: 'Sign out' }).click();
    await anna.locator('#identifier').waitFor({ timeout: 15_000 });
    await eventually(() => expect(node.node.sessions.sessionsOf(`anna@${TEST_DOMAIN}`)).toHaveLength(0), 15_000);
  });
});
