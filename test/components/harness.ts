// Component tests: real lit components of the web client rendered in
// Debian's Chromium. esbuild bundles the components with the page's store
// and session into one script, served from memory on a made-up origin (a
// real origin, so localStorage works); tests drive the page with locators
// and run set-up code in it through inPage().

import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/webclient-kit.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ORIGIN = 'http://components.test';

// What the page exposes as window.kit: the store and session every component
// reads, lit's html/render, and the template functions and helpers under test.
const ENTRY = `
import { html, render } from 'lit';
import { styles } from './webclient/src/styles.ts';
import { store, session } from './webclient/src/context.ts';
import { messageText } from './webclient/src/components/message-text.ts';
import { askChoice } from './webclient/src/components/modal-dialog.ts';
import { loadServerConfig } from './webclient/src/server-config.ts';
import './webclient/src/components/message-composer.ts';
import './webclient/src/components/connection-status.ts';
import './webclient/src/components/room-view.ts';
document.adoptedStyleSheets = [styles];
window.kit = { html, render, store, session, messageText, askChoice, loadServerConfig, calls: [] };
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'component-page.ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    tsconfig: resolve(ROOT, 'tsconfig.web.json'),
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no component page script');
  return output.text;
}

export interface ComponentBrowser {
  browser: Browser;
  /** A fresh page with the components defined and an empty #stage, in French. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startComponentBrowser(): Promise<ComponentBrowser> {
  const [script, browser] = await Promise.all([bundle(), launchBrowser()]);
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/kit.js') return route.fulfill({ contentType: 'text/javascript', body: script });
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><main id="stage"></main><script type="module" src="/kit.js"></script></body></html>' });
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction('window.kit !== undefined').catch(() => {
        throw new Error(`the component page did not start: ${errors.join('; ')}`);
      });
      return page;
    },
    close: () => browser.close(),
  };
}

/**
 * Runs code in the page with `kit` (window.kit) and `stage` (#stage) in
 * scope, and returns its (serialisable) result. Code is a string because the
 * node-side tests are compiled without the DOM types.
 */
export function inPage<T>(page: Page, code: string): Promise<T> {
  return page.evaluate(`(async (kit, stage) => { ${code} })(window.kit, document.getElementById('stage'))`) as Promise<T>;
}
