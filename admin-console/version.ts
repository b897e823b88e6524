// The package version the WebAdmin reports (dashboard, OpenAPI info), read
// once from package.json; the console does not import the node's modules.

import { readFileSync } from 'node:fs';

function readVersion(): string {
  // Sources run from admin-console/, builds from dist/admin-console/.
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'causerie' && parsed.version) return parsed.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const ADMIN_VERSION = readVersion();
