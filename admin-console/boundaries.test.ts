// The WebAdmin reaches the node only through the shared layers (DESIGN.md):
// server/domain, server/core, server/store, server/config.ts and certs/;
// never server/xmpp, server/modules or server/http.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ALLOWED = [/^server\/(domain|core|store)\//, /^server\/config\.ts$/, /^certs\//, /^admin-console\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'ui' ? [] : files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('admin-console imports', () => {
  it('imports only the shared layers of the server', () => {
    const offending: string[] = [];
    for (const file of files(join(ROOT, 'admin-console'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = relative(ROOT, resolve(file, '..', (match[1] as string).replace(/\.js$/, '.ts')));
        if (!ALLOWED.some((rule) => rule.test(target))) offending.push(`${relative(ROOT, file)} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
