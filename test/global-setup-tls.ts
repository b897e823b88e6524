// One development CA for the whole test run. Every node a test starts gets
// a server certificate from it, and every client trusts it through
// NODE_EXTRA_CA_CERTS, which the test workers (forked processes) read at
// start: certificates are verified for real, never switched off.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevCa } from '../certs/dev-ca.js';

let dir: string | undefined;

export function setup(): void {
  dir = mkdtempSync(join(tmpdir(), 'causerie-test-ca-'));
  const ca = createDevCa({ hostname: 'tests' });
  writeFileSync(join(dir, 'ca.pem'), ca.certPem, { mode: 0o644 });
  writeFileSync(join(dir, 'ca-key.pem'), ca.keyPem, { mode: 0o600 });
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'ca.pem');
  process.env.CAUSERIE_TEST_CA_DIR = dir;
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
