// vitest globalSetup of the `integration` project: one MariaDB server for the
// whole run (each test file creates its own databases on it), stopped at the
// end. A missing MariaDB is a failure, never a skip. Set
// CAUSERIE_TEST_MYSQL_URL=mysql://admin:password@host:port/ to use an existing
// MySQL 8 / MariaDB server instead (e.g. a CI service container).
import type { TestProject } from 'vitest/node';
import { startMariaDb, type MariaDbServer } from './helpers/mariadb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

let server: MariaDbServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.CAUSERIE_TEST_MYSQL_URL;
  if (url === undefined || url === '') {
    server = await startMariaDb();
    url = server.url;
  }
  // provide/inject is the supported channel to test workers; the variable is
  // also set for child processes tests may spawn (a server under test).
  project.provide('mysqlUrl', url);
  process.env.CAUSERIE_TEST_MYSQL_URL = url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
