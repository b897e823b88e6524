// Shared setup of the web client end-to-end tests: builds the client when
// its build is missing or older than its sources, launches Debian's
// Chromium through playwright-core, and signs people in.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
