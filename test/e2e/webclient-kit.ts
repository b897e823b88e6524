// Shared setup of the web client end-to-end tests: builds the client when
// its build is missing or older than its sources, launches Debian's
// Chromium through playwright-core, and signs people in.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/webclient unless it is newer than every source file. */
export function ensureWebclientBuilt(): void {
  const built = join(ROOT, 'dist', 'webclient', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'webclient', 'src'))) return;
  execFileSync(process.execPath, ['scripts/build-web.mjs', 'webclient'], { cwd: ROOT, stdio: 'pipe' });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The node's public URL, as people would open it (uploads are served there too). */
export function baseUrl(node: TestNode): string {
  return node.config.publicUrl;
}

export async function openClient(browser: Browser, node: TestNode, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // The test CA is not in Chromium's store; the node's certificate is still the test CA's.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: options.locale ?? 'fr-FR', viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(baseUrl(node));
  return { context, page };
}

export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.locator('#identifier').fill(identifier);
  await page.locator('#password').fill(password);
  await page.locator('form.card button[type=submit]').click();
  await page.locator('connection-status [data-state=online]').waitFor({ timeout: 15_000 });
}

/**
 * With CAUSERIE_SCREENSHOTS=1 the tests also save the screenshots that
 * docs/WEBCLIENT.md shows (docs/screenshots/webclient-<name>.png).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CAUSERIE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `webclient-${name}.png`) });
}

/** Opens a room from the left column and waits until it is joined (composer enabled). */
export async function openRoom(page: Page, name: string): Promise<void> {
  // On a phone the room list slides in from the menu button.
  if (await page.locator('.menu-button').isVisible()) await page.locator('.menu-button').click();
  await page.locator('.room-link', { hasText: name }).click();
  await page.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.locator('#composer-field').fill(text);
  await page.locator('#composer-field').press('Enter');
}

/** A message body in the open room's list, confirmed by the server (not pending). */
export function messageLocator(page: Page, text: string) {
  return page.locator('.message:not(.pending) .body', { hasText: text });
}

/** Clicks one action (data-action) in the toolbar of the message whose text matches (shown on hover). */
export async function messageAction(page: Page, text: string, action: string): Promise<void> {
  const message = page.locator('message-list .message', { hasText: text });
  await message.hover();
  await message.locator(`.message-actions [data-action=${action}]`).click();
}

/**
 * New accounts (password pw-<name>-secret) in a group with TeamChat on (for the
 * test domain too) and its room "TeamChat": the set-up most browser tests share.
 */
export async function groupRoomWith(node: TestNode, names: readonly string[], group = { name: 'Atelier', alias: 'atelier' }): Promise<{ groupId: number; room: Room; ids: number[] }> {
  const ids: number[] = [];
  for (const name of names) {
    await node.createUser(name);
    const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
    if (!account) throw new Error(`no account ${name}`);
    ids.push(account.id);
  }
  const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
  if (!domain) throw new Error('no test domain');
  await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
  const created = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, ...group });
  for (const accountId of ids) await node.services.groups.addMember(SYSTEM_ACTOR, created.id, { type: 'account', accountId });
  const room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, created.id, true))[0] as Room;
  return { groupId: created.id, room, ids };
}

/** A browser context per person, signed in with pw-<name>-secret. */
export async function signedIn(browser: Browser, node: TestNode, people: ReadonlyArray<{ name: string; locale?: string }>): Promise<Page[]> {
  const pages: Page[] = [];
  for (const person of people) pages.push((await openClient(browser, node, person.locale ? { locale: person.locale } : {})).page);
  for (const [i, person] of people.entries()) await signIn(pages[i] as Page, person.name, `pw-${person.name}-secret`);
  return pages;
}

/** signedIn, then the room open for everyone. */
export async function signedInInRoom(browser: Browser, node: TestNode, people: ReadonlyArray<{ name: string; locale?: string }>, room = 'TeamChat'): Promise<Page[]> {
  const pages = await signedIn(browser, node, people);
  for (const page of pages) await openRoom(page, room);
  return pages;
}
