// The members tab in real Chromium against a real node and a real SMTP
// server: the invitation form only for those the server lets invite; a
// delivery failure told in a plain sentence, the invitation kept as "not
// delivered" and resent from the list; presence and roles in words; a
// moderator removes a guest with ×, and the guest leaves the room at once
// while its account remains.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Account } from '../../server/store/types.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { linkIn, startMailCatcher } from '../helpers/guest-kit.js';
import type { MailCatcher } from '../helpers/guest-kit.js';
import { ensureWebclientBuilt, launchBrowser, openClient, openRoom, signIn } from './webclient-kit.js';

const GUEST_DOMAIN = `guests.${TEST_DOMAIN}`;
const GUEST_EMAIL = 'gaston@exemple.fr';
const GUEST_PASSWORD = 'Un mot de passe solide';
const ROOM = 'Atelier';

async function openMembers(page: Page): Promise<void> {
  await page.locator('.members-button').click();
  await page.locator('members-panel aside').waitFor({ timeout: 15_000 });
}

describe('web client members tab (Chromium)', () => {
  let node: TestNode;
  let smtp: MailCatcher;
  let browser: Browser;
  let anna: Page;
  let bob: Page;
  let guest: Page;
  let room: Room;
  let guestAccount: Account;

  beforeAll(async () => {
    ensureWebclientBuilt();
    smtp = await startMailCatcher();
    node = await startTestNode({ mail: { smtpUrl: smtp.smtpUrl, from: 'Causerie <no-reply@causerie.test>' } });
    browser = await launchBrowser();
    await node.createUser('anna');
    await node.createUser('bob');
    const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN)!;
    await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
    const annaAccount = (await node.services.repos.accounts.getByAddress('anna', TEST_DOMAIN))!;
    const bobAccount = (await node.services.repos.accounts.getByAddress('bob', TEST_DOMAIN))!;
    guestAccount = await node.services.accounts.create({ jid: `gaston\\40exemple.fr@${GUEST_DOMAIN}`, password: GUEST_PASSWORD });
    // Anna created the room: she holds every right (moderator). Bob is a member with the default rights: no invite, no delete.
    room = await node.services.rooms.createPrivateRoom(annaAccount, ROOM, [bobAccount.id, guestAccount.id]);
    anna = (await openClient(browser, node)).page;
    bob = (await openClient(browser, node)).page;
    guest = (await openClient(browser, node)).page;
    await signIn(anna, 'anna', 'pw-anna-secret');
    await signIn(bob, 'bob', 'pw-bob-secret');
    await signIn(guest, GUEST_EMAIL, GUEST_PASSWORD);
    for (const page of [anna, bob, guest]) await openRoom(page, ROOM);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    await smtp?.close();
  });

  it('shows the invitation form only to a member the server lets invite', async () => {
    await openMembers(bob);
    // The server answered the invitations list with forbidden: no form, no list.
    await bob.locator('members-panel aside[data-invite=no]').waitFor({ timeout: 15_000 });
    expect(await bob.locator('#invite-email').count()).toBe(0);
    expect(await bob.locator('.invitation').count()).toBe(0);
    await openMembers(anna);
    await anna.locator('members-panel aside[data-invite=yes]').waitFor({ timeout: 15_000 });
    await anna.locator('#invite-email').waitFor();
  });

  it('shows presence and roles in words, and marks the guest', async () => {
    const guestRow = anna.locator('members-panel .member', { hasText: 'gaston' });
    await guestRow.waitFor({ timeout: 15_000 });
    // Presence is a shape with its state as text (not colour alone).
    await expect(guestRow.locator('.presence .visually-hidden').textContent()).resolves.toBe('En ligne');
    await expect(guestRow.textContent()).resolves.toContain('invité');
    const annaRow = anna.locator('members-panel .member', { hasText: '(vous)' });
    await expect(annaRow.textContent()).resolves.toContain('modérateur');
  });

  it('tells the inviter in a sentence when the mail cannot be delivered, and resends from the list', async () => {
    smtp.refuseDomain = 'refused.test';
    await anna.locator('#invite-email').fill('someone@refused.test');
    await anna.locator('.invite-form button[type=submit]').click();
    const alert = anna.locator('members-panel [role=alert]');
    await alert.waitFor({ timeout: 15_000 });
    await expect(alert.textContent()).resolves.toBe('L’e-mail d’invitation à someone@refused.test n’a pas pu être remis. Vérifiez l’adresse, puis renvoyez l’invitation.');
    const entry = anna.locator('.invitation', { hasText: 'someone@refused.test' });
    await entry.and(anna.locator('[data-status=failed]')).waitFor({ timeout: 15_000 });
    await expect(entry.locator('.invitation-status').textContent()).resolves.toMatch(/^non remise \(.*550.*\)$/);
    smtp.refuseDomain = null;
    await entry.locator('button.resend').click();
    await anna.locator('members-panel [role=status]', { hasText: 'Nouvelle invitation envoyée à someone@refused.test' }).waitFor({ timeout: 15_000 });
    await entry.and(anna.locator('[data-status=sent]')).waitFor({ timeout: 15_000 });
    await expect(entry.locator('.invitation-status').textContent()).resolves.toMatch(/^envoyée, valable jusqu’au /);
    const mail = await smtp.next('someone@refused.test', /register\?token=/);
    expect(linkIn(mail, `${node.config.publicUrl}/register?token=`)).toMatch(/token=[\w-]{43}$/);
  });

  it('a moderator removes the guest with ×: the guest leaves the room at once, its account remains', async () => {
    anna.once('dialog', (dialog) => void dialog.accept());
    await anna.locator('members-panel button.remove[aria-label="Retirer gaston@exemple.fr du salon"]').click();
    await anna.locator('members-panel .member', { hasText: 'gaston' }).waitFor({ state: 'detached', timeout: 15_000 });
    // The guest's client is told why, at once, and can no longer write there.
    const banner = guest.locator('room-view .error.banner');
    await banner.waitFor({ timeout: 15_000 });
    await expect(banner.textContent()).resolves.toContain('Vous n’êtes plus dans ce salon : As a guest you can only be in the rooms you were invited to');
    await guest.locator('#composer-field[disabled]').waitFor({ timeout: 15_000 });
    expect(await node.services.repos.accounts.get(guestAccount.id)).toBeDefined();
    expect(await node.services.rooms.isMember(room, guestAccount)).toBe(false);
  });
});
