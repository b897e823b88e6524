// Serves the built lit UI (dist/admin-console/ui, made by
// scripts/build-web.mjs): hashed assets cached for a year, index.html never
// cached, and index.html for the UI's own client-side paths.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/**
 * dist/admin-console/ui next to the compiled app, or under dist/ when running
 * from source. A built folder has assets/: the source folder admin-console/ui
 * also holds an index.html, an unbuilt template that must never be served.
 */
export function defaultUiDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [resolve(here, 'ui'), resolve(here, '..', 'dist', 'admin-console', 'ui')].find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets')));
}

export function staticUi(uiDir: string | undefined): Router {
  const router = Router();
  if (!uiDir) {
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The WebAdmin interface is not built: run "npm run build". The API answers under /api (see /api/openapi.json).\n');
    });
    return router;
  }
  router.use('/assets', express.static(join(uiDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  const index = join(uiDir, 'index.html');
  router.get(/^\/(?!api(\/|$))[^.]*$/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
