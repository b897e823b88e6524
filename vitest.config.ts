import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests beside the code, integration tests that
// start real servers (MariaDB, the node, SMTP, Chromium), and the web client.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'admin-console/**/*.test.ts', 'certs/**/*.test.ts', 'schema/**/*.test.ts', 'webclient/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup-tls.ts', 'test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
