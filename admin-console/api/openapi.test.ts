// The OpenAPI document and the express routes describe the same API: every
// route is documented and every documented operation has a route.
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { openApiDocument } from './openapi.js';
import { createAdminApp } from '../app.js';
import type { AdminContext } from '../context.js';
import { createLogger } from '../../server/core/logger.js';

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string' && layer.route.path.startsWith('/api/')) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

describe('OpenAPI document', () => {
  it('documents exactly the routes the app serves', () => {
    // Building the app calls no service: a stand-in that answers every property with itself suffices.
    const stub: object = new Proxy({}, { get: (_target, key) => (key === 'log' ? createLogger('error') : stub) });
    const app = createAdminApp(stub as AdminContext);
    const served = new Set(routesOf(app));
    const documented = new Set(Object.entries(openApiDocument.paths).flatMap(([path, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((method) => `${method.toUpperCase()} ${path}`)));
    expect([...served].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it('resolves every schema reference', () => {
    const refs = JSON.stringify(openApiDocument).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) expect(openApiDocument.components.schemas, ref).toHaveProperty(ref.split('/').pop() as string);
  });
});
