// Keyboard use of the web client in real Chromium against a real node:
// Shift+Enter adds a line to a message (Enter sends it), Alt+↓/↑ move to
// the next/previous room.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { eventually } from '../helpers/eventually.js';
import { ensureWebclientBuilt, launchBrowser, messageLocator, groupRoomWith, signedInInRoom } from './webclient-kit.js';

describe('web client keyboard (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let anna: Page;
  let bob: Page;

  beforeAll(async () => {
    ensureWebclientBuilt();
    node = await startTestNode();
    browser = await launchBrowser();
    const { groupId } = await groupRoomWith(node, ['anna', 'bob']);
    await node.services.rooms.addGroupRoom(SYSTEM_ACTOR, groupId, 'Annonces');
    [anna, bob] = (await signedInInRoom(browser, node, [{ name: 'anna' }, { name: 'bob' }])) as [Page, Page];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('Shift+Enter adds a line; Enter sends the message with its lines', async () => {
    await anna.locator('#composer-field').click();
    await anna.keyboard.type('première ligne');
    await anna.keyboard.press('Shift+Enter');
    await anna.keyboard.type('deuxième ligne');
    expect(await anna.locator('#composer-field').inputValue()).toBe('première ligne\ndeuxième ligne');
    expect(await anna.locator('.message .body', { hasText: 'première ligne' }).count()).toBe(0);
    await anna.keyboard.press('Enter');
    const body = messageLocator(bob, 'deuxième ligne');
    await body.waitFor({ timeout: 15_000 });
    expect(await body.innerText()).toBe('première ligne\ndeuxième ligne');
    expect(await anna.locator('#composer-field').inputValue()).toBe('');
  });

  it('Alt+↓ and Alt+↑ move to the next and previous room', async () => {
    const title = () => anna.locator('#room-title').textContent();
    await anna.locator('#composer-field').focus();
    const first = await title();
    await anna.keyboard.press('Alt+ArrowDown');
    await eventually(async () => expect(await title()).not.toBe(first));
    const second = await title();
    expect([first, second].sort()).toEqual(['# Annonces', '# TeamChat']);
    await anna.locator('#composer-field:not([disabled])').waitFor({ timeout: 15_000 });
    await anna.keyboard.press('Alt+ArrowUp');
    await eventually(async () => expect(await title()).toBe(first));
    // With two rooms, moving on from the last room wraps round to the first.
    await anna.keyboard.press('Alt+ArrowDown');
    await anna.keyboard.press('Alt+ArrowDown');
    await eventually(async () => expect(await title()).toBe(first));
  });
});
