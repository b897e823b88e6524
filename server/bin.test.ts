// The node's V8 flags are set once, in package.json "config.nodeFlags", and
// every way of starting the node must pass them (docs/CONFIGURATION.md).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { config: { nodeFlags: string }; scripts: Record<string, string> };

describe('node launch flags', () => {
  it('keep the young generation small (memory per idle connection)', () => {
    expect(pkg.config.nodeFlags).toMatch(/--max-semi-space-size=\d+/);
  });

  it('are in the causerie command shebang', () => {
    expect(read('server/bin.ts').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${pkg.config.nodeFlags}`);
  });

  it('are used by npm start and scripts/start.sh', () => {
    expect(pkg.scripts.start).toContain('node $npm_package_config_nodeFlags dist/server/bin.js start');
    const startScript = read('scripts/start.sh');
    expect(startScript).toContain(`flags=$(node -p 'require("./package.json").config.nodeFlags')`);
    expect(startScript).toContain('exec node $flags dist/server/bin.js start "$@"');
  });
});
