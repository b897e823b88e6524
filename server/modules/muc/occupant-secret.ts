// The node's secret behind XEP-0421 occupant ids: kept in the data
// directory so ids stay stable across restarts (clients use them to tell
// who is who), never sent anywhere.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadOccupantSecret(dataDir: string): Buffer {
  const path = join(dataDir, 'muc-occupant-id.key');
  if (existsSync(path)) {
    const stored = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32);
  try {
    writeFileSync(path, secret.toString('base64'), { mode: 0o600 });
  } catch {
    // A read-only data directory: ids stay stable for this run only.
  }
  return secret;
}
