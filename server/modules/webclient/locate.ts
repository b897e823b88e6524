// Finds the built web client (scripts/build-web.mjs output): dist/webclient
// beside the sources when running from TypeScript, or the sibling of the
// compiled server when running from dist/.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function webclientDir(): string | undefined {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const candidates = [join(root, 'dist', 'webclient'), join(root, 'webclient')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets')));
}
