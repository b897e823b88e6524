// The web client's lit components rendered in real Chromium (no server):
// message text (links, no HTML injection), the composer (Enter sends,
// Shift+Enter adds a line, pasted files are uploaded), the connection state
// (states and ARIA), the modal question dialog (focus kept inside, Escape),
// the endpoints (host-meta first, /config.json, defaults) and the room
// header's video call button.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inPage, startComponentBrowser } from './harness.js';
import type { ComponentBrowser } from './harness.js';

const ROOM = 'atelier@conference.example.org';

/** A joined room in the page's store, online, and the session's calls ('send', or a part's: 'files.upload') recorded in kit.calls instead of sent. */
async function joinedRoom(page: Page, ...methods: string[]): Promise<void> {
  await inPage(
    page,
    `kit.store.set({ connection: 'online', jid: 'anna@example.org' });
     kit.store.room(${JSON.stringify(ROOM)}, () => ({ name: 'Atelier', joined: true, nick: 'Anna' }));
     for (const path of ${JSON.stringify(methods)}) {
       const keys = path.split('.');
       const name = keys.pop();
       const owner = keys.reduce((o, k) => o[k], kit.session);
       owner[name] = (...args) => { kit.calls.push([name, ...args.map((a) => (a instanceof File ? a.name : a))]); return Promise.resolve(); };
     }`,
  );
}

describe('web client components (Chromium)', () => {
  let chromium: ComponentBrowser;
  let page: Page;

  beforeAll(async () => {
    chromium = await startComponentBrowser();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
  });

  describe('message text', () => {
    beforeAll(async () => {
      page = await chromium.newPage();
      await inPage(page, `kit.render(kit.messageText('voir https://exemple.fr/a?b=1, www.exemple.org et <img src=x onerror="window.hacked=1"> <b>gras</b> javascript:alert(1)'), stage);`);
    });

    it('makes http(s) and www. links, opened in a new tab without the opener', async () => {
      const links = page.locator('#stage a');
      expect(await links.count()).toBe(2);
      expect(await links.nth(0).getAttribute('href')).toBe('https://exemple.fr/a?b=1');
      expect(await links.nth(0).textContent()).toBe('https://exemple.fr/a?b=1');
      expect(await links.nth(1).getAttribute('href')).toBe('https://www.exemple.org/');
      expect(await links.nth(0).getAttribute('target')).toBe('_blank');
      expect(await links.nth(0).getAttribute('rel')).toContain('noopener');
    });

    it('renders markup as text: no element, no script, no javascript: link', async () => {
      expect(await page.locator('#stage img, #stage b').count()).toBe(0);
      expect(await page.locator('#stage').textContent()).toContain('<img src=x onerror="window.hacked=1"> <b>gras</b>');
      expect(await page.locator('#stage a[href^="javascript"]').count()).toBe(0);
      expect(await inPage(page, 'return window.hacked ?? null;')).toBeNull();
    });
  });

  describe('composer', () => {
    beforeAll(async () => {
      page = await chromium.newPage();
      await joinedRoom(page, 'send', 'files.upload');
      await inPage(page, `kit.render(kit.html\`<message-composer .room=\${${JSON.stringify(ROOM)}}></message-composer>\`, stage);`);
    });

    it('Enter sends the text; Shift+Enter adds a line instead', async () => {
      const field = page.locator('#composer-field');
      await field.click();
      await page.keyboard.type('première ligne');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('deuxième ligne');
      expect(await inPage(page, 'return kit.calls.length;')).toBe(0);
      expect(await field.inputValue()).toBe('première ligne\ndeuxième ligne');
      await page.keyboard.press('Enter');
      expect(await inPage(page, 'return kit.calls;')).toEqual([['send', ROOM, 'première ligne\ndeuxième ligne']]);
      expect(await field.inputValue()).toBe('');
    });

    it('does not send an empty message', async () => {
      await inPage(page, 'kit.calls.length = 0;');
      await page.locator('#composer-field').press('Enter');
      await page.keyboard.type('   ');
      await page.keyboard.press('Enter');
      expect(await inPage(page, 'return kit.calls;')).toEqual([]);
    });

    it('uploads a pasted file instead of pasting it', async () => {
      await inPage(page, 'kit.calls.length = 0; document.getElementById("composer-field").value = "";');
      const prevented = await inPage<boolean>(
        page,
        `const data = new DataTransfer();
         data.items.add(new File(['bonjour'], 'collé.txt', { type: 'text/plain' }));
         const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
         document.getElementById('composer-field').dispatchEvent(paste);
         return paste.defaultPrevented;`,
      );
      expect(prevented).toBe(true);
      expect(await inPage(page, 'return kit.calls;')).toEqual([['upload', ROOM, 'collé.txt']]);
    });

    it('is disabled, with its label, while the room is not joined', async () => {
      expect(await page.getByLabel('Message', { exact: true }).count()).toBe(1);
      await inPage(page, `kit.store.room(${JSON.stringify(ROOM)}, () => ({ joined: false }));`);
      await page.locator('#composer-field[disabled]').waitFor();
      expect(await page.locator('button.send').isDisabled()).toBe(true);
    });
  });

  describe('connection status', () => {
    beforeAll(async () => {
      page = await chromium.newPage();
      await inPage(page, 'kit.render(kit.html`<connection-status></connection-status>`, stage);');
    });

    it('announces each state politely as a status, in words', async () => {
      const status = page.locator('connection-status [role=status]');
      expect(await status.getAttribute('aria-live')).toBe('polite');
      const seen: Record<string, string> = {};
      for (const state of ['connecting', 'online', 'reconnecting', 'offline']) {
        await inPage(page, `kit.store.set({ connection: '${state}' });`);
        await page.locator(`connection-status [data-state=${state}]`).waitFor();
        seen[state] = ((await status.textContent()) ?? '').trim();
        expect(await status.locator('.dot').getAttribute('aria-hidden')).toBe('true');
      }
      expect(new Set(Object.values(seen)).size).toBe(4);
      for (const text of Object.values(seen)) expect(text).not.toBe('');
    });
  });

  describe('question dialog', () => {
    beforeAll(async () => {
      page = await chromium.newPage();
      await inPage(page, 'const button = document.createElement("button"); button.id = "outside"; button.textContent = "Dehors"; stage.append(button);');
    });

    async function ask(): Promise<void> {
      await inPage(page, `window.answer = kit.askChoice({ title: 'Supprimer ?', text: 'Vraiment ?', choices: [{ value: 'no', label: 'Annuler' }, { value: 'keep', label: 'Garder' }, { value: 'yes', label: 'Supprimer', primary: true }] }).then((a) => a ?? 'dismissed');`);
      await page.locator('dialog.choice-dialog[open]').waitFor();
    }

    it('opens as a modal with the first (safe) answer focused, and keeps the focus inside', async () => {
      await ask();
      const dialog = page.getByRole('dialog', { name: 'Supprimer ?' });
      expect(await dialog.count()).toBe(1);
      expect(await page.locator('dialog.choice-dialog button:focus').textContent()).toBe('Annuler');
      const focused = () => page.locator('dialog.choice-dialog button:focus').textContent();
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('Supprimer');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Annuler');
      for (const expected of ['Garder', 'Supprimer', 'Annuler', 'Garder']) {
        await page.keyboard.press('Tab');
        expect(await focused()).toBe(expected);
      }
      // The page behind is inert: a click does not reach it.
      await page.locator('#outside').click({ force: true, timeout: 2_000 }).catch(() => undefined);
      expect(await inPage(page, 'return document.activeElement?.id ?? null;')).not.toBe('outside');
    });

    it('Escape closes it without an answer and removes it', async () => {
      await page.keyboard.press('Escape');
      expect(await inPage(page, 'return window.answer;')).toBe('dismissed');
      expect(await page.locator('dialog.choice-dialog').count()).toBe(0);
    });

    it('resolves with the chosen answer', async () => {
      await ask();
      await page.locator('dialog.choice-dialog button', { hasText: 'Garder' }).click();
      expect(await inPage(page, 'return window.answer;')).toBe('keep');
      expect(await page.locator('dialog.choice-dialog').count()).toBe(0);
    });
  });

  describe('server endpoints', () => {
    const links = (href: string) => JSON.stringify({ links: [{ rel: 'urn:xmpp:alt-connections:websocket', href }] });
    const config = JSON.stringify({ websocketUrl: 'ws://components.test/from-config', domain: 'example.org', guestDomain: 'guests.example.org', conferenceDomain: 'conference.example.org' });

    it('takes the WebSocket from host-meta and the domains from /config.json', async () => {
      page = await chromium.newPage();
      await page.route('**/.well-known/host-meta.json', (route) => route.fulfill({ contentType: 'application/json', body: links('ws://components.test/from-host-meta') }));
      await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: config }));
      expect(await inPage(page, 'return kit.loadServerConfig();')).toEqual({ websocketUrl: 'ws://components.test/from-host-meta', domain: 'example.org', guestDomain: 'guests.example.org', conferenceDomain: 'conference.example.org' });
    });

    it('falls back to /config.json when host-meta is missing, and to the page when both are', async () => {
      page = await chromium.newPage();
      await page.route('**/.well-known/host-meta.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
      await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: config }));
      expect(await inPage(page, 'return (await kit.loadServerConfig()).websocketUrl;')).toBe('ws://components.test/from-config');
      await page.route('**/config.json', (route) => route.abort());
      expect(await inPage(page, 'return kit.loadServerConfig();')).toEqual({ websocketUrl: 'ws://components.test/xmpp-websocket', domain: 'components.test', guestDomain: 'guests.components.test', conferenceDomain: 'conference.components.test' });
    });
  });

  describe('room header', () => {
    it('starts a video call in the open room from its labelled button', async () => {
      page = await chromium.newPage();
      await joinedRoom(page, 'tools.startConference', 'openRoom');
      await inPage(page, `kit.store.set({ active: ${JSON.stringify(ROOM)} }); kit.render(kit.html\`<room-view></room-view>\`, stage);`);
      await page.getByRole('button', { name: 'Lancer une visio' }).click();
      expect(await inPage(page, 'return kit.calls.filter((c) => c[0] === "startConference");')).toEqual([['startConference', ROOM]]);
      await page.getByRole('heading', { name: '# Atelier' }).waitFor();
    });
  });
});
