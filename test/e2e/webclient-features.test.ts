// The web client's message features in real Chromium against a real node:
// edit and delete, reactions, pins, a comment thread, room events with a
// conference link, a video call started from the header, and a guest
// invited by email from the members tab who registers, signs in with the
// email address and chats, without the features guests do not have.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { AUTHOR } from '../../server/domain/rights-model.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { linkIn, startMailCatcher } from '../helpers/guest-kit.js';
import type { MailCatcher } from '../helpers/guest-kit.js';
import { ensureWebclientBuilt, launchBrowser, screenshot, messageLocator, openClient, openRoom, sendMessage, signIn, groupRoomWith, signedInInRoom, messageAction } from './webclient-kit.js';

const EMAIL = 'zoe.martin@exemple.fr';
const GUEST_PASSWORD = 'Un mot de passe solide';

describe('web client features (Chromium)', () => {
  let node: TestNode;
  let smtp: MailCatcher;
  let browser: Browser;
  let anna: Page;
  let bob: Page;
  let room: Room;

  beforeAll(async () => {
    ensureWebclientBuilt();
    smtp = await startMailCatcher();
    node = await startTestNode({ mail: { smtpUrl: smtp.smtpUrl, from: 'Causerie <no-reply@causerie.test>' } });
    browser = await launchBrowser();
    const { room: created, ids } = await groupRoomWith(node, ['anna', 'bob']);
    room = created;
    // Anna may invite (guests) and delete (moderator): the default member rights do neither.
    await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: room.id }, { type: 'account', accountId: ids[0] as number }, { ...AUTHOR, invite: true, delete: true });
    [anna, bob] = (await signedInInRoom(browser, node, [{ name: 'anna' }, { name: 'bob' }])) as [Page, Page];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    await smtp?.close();
  });

  it('edits a message in place; the other person sees the correction', async () => {
    await sendMessage(anna, 'réunion à 10h');
    await messageLocator(bob, 'réunion à 10h').waitFor({ timeout: 15_000 });
    await messageAction(anna, 'réunion à 10h', 'edit');
    const field = anna.locator('.edit-field');
    await field.fill('réunion à 11h');
    await field.press('Enter');
    await bob.locator('.message .body', { hasText: 'réunion à 11h' }).locator('.edited').waitFor({ timeout: 15_000 });
    expect(await bob.locator('.message .body', { hasText: 'réunion à 10h' }).count()).toBe(0);
  });

  it('reacts to a message and counts reactions', async () => {
    // Keyboard: from the message list, ↑ focuses the last message and Tab reaches its actions.
    await bob.locator('message-list .scroller').focus();
    await bob.keyboard.press('ArrowUp');
    await bob.keyboard.press('Tab');
    expect(await bob.locator('.message-actions button:focus').count()).toBe(1);
    await messageAction(bob, 'réunion à 11h', 'pin');
    const message = bob.locator('message-list .message', { hasText: 'réunion à 11h' });
    await message.hover();
    await message.locator('.message-actions button[aria-label*="👍"]').click();
    const chip = anna.locator('message-list .message', { hasText: 'réunion à 11h' }).locator('.reaction', { hasText: '👍' });
    await chip.waitFor({ timeout: 15_000 });
    expect((await chip.textContent())?.replace(/\s+/g, ' ').trim()).toBe('👍 1');
    await chip.click();
    await bob.locator('message-list .message', { hasText: 'réunion à 11h' }).locator('.reaction', { hasText: '👍 2' }).waitFor({ timeout: 15_000 });
  });

  it('pins a message and shows it in the pins panel', async () => {
    await anna.locator('.pins-button').click();
    const pin = anna.locator('pins-panel .pin', { hasText: 'réunion à 11h' });
    await pin.waitFor({ timeout: 15_000 });
    await pin.locator('button').click();
    await anna.locator('.message.highlight', { hasText: 'réunion à 11h' }).waitFor({ timeout: 15_000 });
  });

  it('comments on a message in a thread side panel', async () => {
    await messageAction(bob, 'réunion à 11h', 'comment');
    await bob.locator('#thread-field').fill('Je serai en retard');
    await bob.locator('#thread-field').press('Enter');
    await bob.locator('thread-panel .message:not(.pending)', { hasText: 'Je serai en retard' }).waitFor({ timeout: 15_000 });
    // In the timeline the comment is counted under its message, not shown as a post.
    const count = anna.locator('message-list .message', { hasText: 'réunion à 11h' }).locator('.comments');
    await count.waitFor({ timeout: 15_000 });
    expect(await anna.locator('message-list .message .body', { hasText: 'Je serai en retard' }).count()).toBe(0);
    await count.click();
    await anna.locator('thread-panel .message', { hasText: 'Je serai en retard' }).waitFor({ timeout: 15_000 });
    await screenshot(anna, 'thread');
  });

  it('deletes an own message for everyone', async () => {
    await sendMessage(anna, 'message de trop');
    await messageLocator(bob, 'message de trop').waitFor({ timeout: 15_000 });
    anna.once('dialog', (dialog) => void dialog.accept());
    await messageAction(anna, 'message de trop', 'delete');
    await bob.locator('.message .body.retracted').waitFor({ timeout: 15_000 });
    expect(await bob.locator('.message .body', { hasText: 'message de trop' }).count()).toBe(0);
  });

  it('creates a room event with a conference link that the others see', async () => {
    await anna.locator('.events-button').click();
    await anna.locator('events-panel button.primary').click();
    await anna.locator('#ev-title').fill('Assemblée générale');
    await anna.locator('#ev-start').fill('2030-12-10T18:00');
    await anna.locator('events-panel form button[type=submit]').click();
    await anna.locator('events-panel .event', { hasText: 'Assemblée générale' }).waitFor({ timeout: 15_000 });
    await bob.locator('.events-button').click();
    const event = bob.locator('events-panel .event', { hasText: 'Assemblée générale' });
    await event.waitFor({ timeout: 15_000 });
    expect(await event.locator('a.conference').getAttribute('href')).toMatch(/^https:\/\/meet\.jit\.si\/causerie-[0-9a-f]{32}$/);
    await screenshot(bob, 'events');
  });

  it('starts a video call from the room header: a link both people see, archived like any message', async () => {
    await anna.locator('.conference-button').click();
    const link = (page: Page) => page.locator('.message:not(.pending) .body', { hasText: 'Visioconférence' }).locator('a[href^="https://meet.jit.si/causerie-"]');
    await link(bob).waitFor({ timeout: 15_000 });
    const href = (await link(bob).getAttribute('href')) as string;
    expect(href).toMatch(/^https:\/\/meet\.jit\.si\/causerie-[0-9a-f]{32}$/);
    expect(await link(anna).getAttribute('href')).toBe(href);
    const archive = await node.services.repos.archive.query({ owner: { kind: 'room', roomId: room.id }, limit: 50 });
    expect(archive.messages.some((m) => m.body?.includes(href))).toBe(true);
  });

  it('invites a guest by email from the members tab; the guest registers, signs in with the address and chats', async () => {
    await anna.locator('.members-button').click();
    await anna.locator('#invite-email').fill(EMAIL);
    await anna.locator('.invite-form button[type=submit]').click();
    await anna.locator('.invite-form [role=status]', { hasText: EMAIL }).waitFor({ timeout: 15_000 });
    await anna.locator('.invitation', { hasText: EMAIL }).waitFor({ timeout: 15_000 });
    await screenshot(anna, 'members');

    const invitation = await smtp.next(EMAIL);
    // The guest is on a phone.
    const { context, page } = await openClient(browser, node, { viewport: { width: 390, height: 780 } });
    await page.goto(linkIn(invitation, `${node.config.publicUrl}/register?token=`));
    await page.locator('#firstName').fill('Zoé');
    await page.locator('#lastName').fill('Martin');
    await page.locator('#password').fill(GUEST_PASSWORD);
    await page.locator('#confirmation').fill(GUEST_PASSWORD);
    await page.locator('#submit').click();
    const verification = await smtp.next(EMAIL, /verify\?token=/);
    await page.goto(linkIn(verification, `${node.config.publicUrl}/register/verify?token=`));
    await page.locator('#confirm').click();
    await page.locator('#jid').waitFor({ timeout: 15_000 });

    await page.goto(node.config.publicUrl);
    await signIn(page, EMAIL, GUEST_PASSWORD);
    await openRoom(page, 'TeamChat');
    await page.locator('.badge').waitFor();
    // Guests: no room creation, no invitations.
    expect(await page.locator('.nav-actions button', { hasText: 'salon privé' }).count()).toBe(0);
    await page.locator('.members-button').click();
    expect(await page.locator('#invite-email').count()).toBe(0);
    await page.locator('members-panel .icon-button[aria-label]').first().click();
    await sendMessage(page, 'Bonjour, merci pour l’invitation');
    await messageLocator(anna, 'merci pour l’invitation').waitFor({ timeout: 15_000 });
    await screenshot(page, 'phone');
    await context.close();
  });

  it('creates a private room with a member, who finds it in the room list', async () => {
    await anna.locator('.nav-actions button', { hasText: 'Nouveau salon privé' }).click();
    await anna.locator('#create-name').fill('Projet Été');
    await anna.locator('#create-members').fill(`bob@${TEST_DOMAIN}`);
    await anna.locator('create-room-dialog button[type=submit]').click();
    await anna.locator('#room-title', { hasText: 'Projet Été' }).waitFor({ timeout: 15_000 });
    await anna.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
    await sendMessage(anna, 'premier message du projet');
    await bob.locator('.room-link', { hasText: 'Projet Été' }).waitFor({ timeout: 15_000 });
    await openRoom(bob, 'Projet Été');
    await messageLocator(bob, 'premier message du projet').waitFor({ timeout: 15_000 });
    await openRoom(anna, 'TeamChat');
    await openRoom(bob, 'TeamChat');
  });

  it('says why the room refused a message and keeps its text to send again', async () => {
    await node.services.rooms.setArchived(SYSTEM_ACTOR, room.id, true);
    await sendMessage(anna, 'écrit après la fermeture');
    const refused = anna.locator('message-list .message.not-sent', { hasText: 'écrit après la fermeture' });
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.locator('[role=alert]').textContent()).toContain('Vous n’avez pas le droit de faire cela.');
    expect(await refused.locator('[role=alert]').textContent()).toContain('archived');
    expect(await bob.locator('.message .body', { hasText: 'écrit après la fermeture' }).count()).toBe(0);
    await node.services.rooms.setArchived(SYSTEM_ACTOR, room.id, false);
    await refused.locator('button', { hasText: 'Renvoyer' }).click();
    await messageLocator(bob, 'écrit après la fermeture').waitFor({ timeout: 15_000 });
  });
});
