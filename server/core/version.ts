// The product's name and version, read once from package.json (the node and
// the WebAdmin both report it).

import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'causerie' && parsed.version) return parsed.version;
    } catch {
      // try the next location: sources run from server/core/, builds from dist/server/core/
    }
  }
  return '0.0.0';
}

export const PRODUCT_NAME = 'Causerie';
export const PRODUCT_VERSION = readVersion();
