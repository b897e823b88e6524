// The built UI: hashed assets cached for a year, index.html for the UI's own
// paths and never cached, the API left to the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticUi } from './static-ui.js';

describe('staticUi', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causerie-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>WebAdmin</title>');
    writeFileSync(join(dir, 'assets', 'main-AB12.js'), 'console.log(1)');
    const app = express();
    app.use(staticUi(dir));
    app.use((_req, res) => res.status(404).send('api or missing'));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves assets with a one-year immutable cache and index.html uncached for UI paths', async () => {
    const asset = await fetch(`${base}/assets/main-AB12.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/accounts/12', '/groups']) {
      const page = await fetch(`${base}${path}`);
      expect(await page.text()).toContain('<title>WebAdmin</title>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${base}/api/whatever`)).text()).toBe('api or missing');
  });
});
