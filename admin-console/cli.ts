#!/usr/bin/env node
// Entry point of the `causerie-admin` command (package.json "bin"); the
// commands are in cli/run.ts.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAdminCli } from './cli/run.js';

export { runAdminCli };

function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  runAdminCli(process.argv.slice(2), (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(70);
    },
  );
}
