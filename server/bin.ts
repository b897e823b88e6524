#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of the `causerie` command (see cli.ts).

import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps running until a signal stops it; other commands exit with their status.
    if (process.argv[2] !== 'start' || code !== 0) process.exit(code);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  },
);
