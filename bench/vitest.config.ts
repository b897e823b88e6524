// Unit tests of the benchmark harness, kept out of `npm test` (DESIGN.md: bench/ is not
// part of it). Run: npx vitest run --config bench/vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bench',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
