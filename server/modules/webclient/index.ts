// Serves the web client (webclient/, built by scripts/build-web.mjs) at the
// node's HTTPS root, and /config.json: the endpoints and domains the client
// needs before it connects (XEP-0156 host-meta gives only the WebSocket).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Request, Response } from 'express';
import { defineModule } from '../../core/module.js';
import { websocketUrl } from '../../http/host-meta.js';
import { webclientDir } from './locate.js';
import { webclientCsp } from './csp.js';

export const webclient = defineModule({
  name: 'webclient',
  setup(ctx) {
    const { config } = ctx;
    // Read per request: the node fills in publicUrl's port once it listens (port 0 in tests).
    const csp = (): string => webclientCsp(config.publicUrl);
    const clientConfig = (): string =>
      JSON.stringify({
        websocketUrl: websocketUrl(config.publicUrl),
        domain: config.domain,
        guestDomain: config.guestDomain,
        conferenceDomain: config.conferenceDomain,
        uploadDomain: config.uploadDomain,
      });
    ctx.addHttpRoutes((app) => {
      app.get('/config.json', (_req: Request, res: Response) => {
        res.set('Cache-Control', 'no-cache');
        res.type('application/json').send(clientConfig());
      });
      const dir = webclientDir();
      if (!dir) {
        ctx.log.warn('web client not built (run npm run build): / answers 503');
        app.get('/', (_req: Request, res: Response) => {
          res.status(503).type('text/plain').send('The web client is not built. Run "npm run build" on the server.\n');
        });
        return;
      }
      // Read once: the page is tiny and changes only with a new build (restart).
      const page = readFileSync(join(dir, 'index.html'));
      const sendPage = (_req: Request, res: Response): void => {
        res.set({ 'Content-Security-Policy': csp(), 'Cache-Control': 'no-cache' });
        res.type('text/html').send(page);
      };
      app.get('/', sendPage);
      app.get('/index.html', sendPage);
      app.use(
        '/assets',
        express.static(join(dir, 'assets'), {
          immutable: true,
          maxAge: '365d',
          index: false,
          fallthrough: true,
          setHeaders: (res) => res.setHeader('Content-Security-Policy', csp()),
        }),
      );
    });
  },
});
