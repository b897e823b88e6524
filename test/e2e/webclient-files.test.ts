// Files in the web client, in real Chromium against a real node: deleting
// one's own message that shared an upload offers to delete the file too
// (urn:causerie:files:0); files reach the room by paste and drop; a large
// upload shows its progress.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { eventually } from '../helpers/eventually.js';
import { ensureWebclientBuilt, launchBrowser, messageAction, groupRoomWith, signedInInRoom } from './webclient-kit.js';

/** The confirmed message of the open room that shares a file of this name. */
const sharedFile = (page: Page, name: string) => page.locator('.message:not(.pending) a.attachment.file', { hasText: name });

describe('web client files (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let anna: Page;
  let bob: Page;
  let room: Room;

  beforeAll(async () => {
    ensureWebclientBuilt();
    node = await startTestNode();
    browser = await launchBrowser();
    ({ room } = await groupRoomWith(node, ['anna', 'bob']));
    [anna, bob] = (await signedInInRoom(browser, node, [{ name: 'anna' }, { name: 'bob', locale: 'en-GB' }])) as [Page, Page];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  async function share(name: string, text: string): Promise<string> {
    await anna.locator('#composer-file').setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
    const link = sharedFile(bob, name);
    await link.waitFor({ timeout: 15_000 });
    const url = (await link.getAttribute('href')) as string;
    expect((await bob.request.get(url)).status()).toBe(200);
    return url;
  }

  it('deleting a message that shared my file asks whether to delete the file, and deletes it', async () => {
    const url = await share('brouillon.txt', 'version 1');
    await messageAction(anna, 'brouillon.txt', 'delete');
    const dialog = anna.locator('dialog.choice-dialog[open]');
    await dialog.locator('#choice-text', { hasText: 'Supprimer aussi le fichier « brouillon.txt » ?' }).waitFor();
    // The safe answer has the focus.
    expect(await dialog.locator('button:focus').textContent()).toBe('Annuler');
    await dialog.locator('button', { hasText: 'Supprimer aussi le fichier' }).click();
    await eventually(async () => expect(await sharedFile(bob, 'brouillon.txt').count()).toBe(0), 15_000);
    await bob.locator('.message .body.retracted').waitFor({ timeout: 15_000 });
    await eventually(async () => expect((await bob.request.get(url)).status()).toBe(404), 15_000);
    expect(await anna.locator('dialog.choice-dialog').count()).toBe(0);
  });

  it('keeps the file when asked to, and Escape deletes nothing', async () => {
    const url = await share('à garder.txt', 'gardé');
    await messageAction(anna, 'à garder.txt', 'delete');
    await anna.locator('dialog.choice-dialog[open]').waitFor();
    await anna.keyboard.press('Escape');
    await eventually(async () => expect(await anna.locator('dialog.choice-dialog').count()).toBe(0));
    expect(await sharedFile(anna, 'à garder.txt').count()).toBe(1);

    const retracted = await bob.locator('.message .body.retracted').count();
    await messageAction(anna, 'à garder.txt', 'delete');
    await anna.locator('dialog.choice-dialog[open] button', { hasText: 'Garder le fichier' }).click();
    await eventually(async () => expect(await bob.locator('.message .body.retracted').count()).toBe(retracted + 1), 15_000);
    expect(await sharedFile(bob, 'à garder.txt').count()).toBe(0);
    const download = await bob.request.get(url);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('gardé');
  });

  it('uploads a file pasted into the composer', async () => {
    await anna.locator('#composer-field').focus();
    await anna.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['collé depuis le presse-papiers'], 'collé.txt', { type: 'text/plain' }));
      document.getElementById('composer-field').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    const link = sharedFile(bob, 'collé.txt');
    await link.waitFor({ timeout: 15_000 });
    expect(await (await bob.request.get((await link.getAttribute('href')) as string)).text()).toBe('collé depuis le presse-papiers');
    // The file was sent, not pasted as text.
    expect(await anna.locator('#composer-field').inputValue()).toBe('');
  });

  it('uploads a file dropped onto the room, with a drop hint while dragging', async () => {
    await anna.evaluate(`(() => {
      window.dropped = new DataTransfer();
      window.dropped.items.add(new File(['déposé'], 'déposé.txt', { type: 'text/plain' }));
      document.querySelector('section.room').dispatchEvent(new DragEvent('dragover', { dataTransfer: window.dropped, bubbles: true, cancelable: true }));
    })()`);
    await anna.locator('.drop-hint').waitFor();
    await anna.evaluate(`document.querySelector('section.room').dispatchEvent(new DragEvent('drop', { dataTransfer: window.dropped, bubbles: true, cancelable: true }))`);
    const link = sharedFile(bob, 'déposé.txt');
    await link.waitFor({ timeout: 15_000 });
    expect(await (await bob.request.get((await link.getAttribute('href')) as string)).text()).toBe('déposé');
    expect(await anna.locator('.drop-hint').count()).toBe(0);
  });

  it('shows the progress of a large upload while it runs', async () => {
    // Slow the upload down (4 MB at 2 MB/s) so that its progress can be watched.
    const cdp = await anna.context().newCDPSession(anna);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
    try {
      await anna.locator('#composer-file').setInputFiles([{ name: 'gros fichier.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(4 * 1024 * 1024, 7) }]);
      const progress = anna.getByRole('progressbar', { name: 'Envoi de gros fichier.bin' });
      await progress.waitFor({ timeout: 10_000 });
      const seen: number[] = [];
      await eventually(async () => {
        seen.push(await progress.evaluate((el) => (el as unknown as { value: number }).value));
        expect(seen.some((value) => value > 0 && value < 1)).toBe(true);
      }, 15_000);
      await sharedFile(bob, 'gros fichier.bin').waitFor({ timeout: 30_000 });
      expect(await progress.count()).toBe(0);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
  });

  it('keeps the file when the room refuses the retraction', async () => {
    const url = await share('archivé.txt', 'toujours là');
    await node.services.rooms.setArchived(SYSTEM_ACTOR, room.id, true);
    await messageAction(anna, 'archivé.txt', 'delete');
    await anna.locator('dialog.choice-dialog[open] button', { hasText: 'Supprimer aussi le fichier' }).click();
    await anna.locator('.error.banner[role=alert]').waitFor({ timeout: 15_000 });
    expect(await sharedFile(bob, 'archivé.txt').count()).toBe(1);
    expect((await bob.request.get(url)).status()).toBe(200);
  });
});
