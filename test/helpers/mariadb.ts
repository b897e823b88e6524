// Starts a throwaway MariaDB server for the integration tests: Debian's
// mariadbd as our own child process, on a temporary datadir, listening on
// 127.0.0.1 and a free port, with a real password-protected admin user.
// Settings trade durability for speed (tests only): small buffer pool, no
// doublewrite, log flushed once a second.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

export interface MariaDbServer {
  /** Admin URL without a database: mysql://user:password@127.0.0.1:port/ */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const ADMIN_USER = 'causerie_admin';

const INSTALL_HINT =
  'Install them with scripts/install-test-deps.sh (Debian/Ubuntu: apt-get install mariadb-server), ' +
  'or point CAUSERIE_TEST_MYSQL_URL at an existing server (mysql://admin:password@host:port/).';

function findBinary(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`MariaDB is required for the integration tests, but ${name} was not found. ${INSTALL_HINT}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no error log)';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until root can log in over the socket; rejects if the server exits first. */
async function waitReady(child: ChildProcess, socketPath: string, errorLog: string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`mariadbd ${exited}:\n${logTail(errorLog)}`);
    try {
      const connection = await createConnection({ socketPath, user: 'root' });
      await connection.end();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`mariadbd did not become ready within ${START_TIMEOUT_MS / 1000}s:\n${logTail(errorLog)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function startMariaDb(): Promise<MariaDbServer> {
  const mariadbd = findBinary('mariadbd');
  const installDb = findBinary('mariadb-install-db');
  const dir = mkdtempSync(join(tmpdir(), 'causerie-mariadb-'));
  const datadir = join(dir, 'data');
  const socketPath = join(dir, 'mysqld.sock');
  const errorLog = join(dir, 'error.log');
  const user = userInfo().username;

  // On a loaded machine the bootstrap can overrun its time-out and leave a
  // half-made system schema: start again once from an empty data directory.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await promisify(execFile)(
        installDb,
        ['--no-defaults', `--datadir=${datadir}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'],
        { timeout: 120_000 },
      );
      break;
    } catch (error) {
      rmSync(datadir, { recursive: true, force: true });
      if (attempt < 2) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mariadb-install-db failed: ${String(error)}`, { cause: error });
    }
  }

  // The free port may be taken between probing and binding: retry a few times.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      mariadbd,
      [
        '--no-defaults', `--datadir=${datadir}`, `--socket=${socketPath}`, `--port=${port}`, '--bind-address=127.0.0.1',
        `--user=${user}`, `--pid-file=${join(dir, 'mariadbd.pid')}`, `--log-error=${errorLog}`, `--tmpdir=${dir}`,
        '--skip-name-resolve', '--skip-log-bin', '--performance-schema=OFF', '--innodb-buffer-pool-size=64M',
        '--innodb-flush-log-at-trx-commit=2', '--innodb-doublewrite=0', '--innodb-use-native-aio=0',
        '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--max-connections=300',
      ],
      { stdio: 'ignore' },
    );
    // Never leave a server behind if the test process dies without teardown.
    const killOnExit = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    try {
      await waitReady(child, socketPath, errorLog);
    } catch (error) {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      if (attempt < 3 && /address already in use/i.test(String(error))) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }

    const password = randomBytes(18).toString('base64url');
    const root = await createConnection({ socketPath, user: 'root' });
    try {
      await root.query(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [ADMIN_USER, password]);
      await root.query(`GRANT ALL PRIVILEGES ON *.* TO ?@'127.0.0.1' WITH GRANT OPTION`, [ADMIN_USER]);
    } finally {
      await root.end();
    }

    const host = '127.0.0.1';
    return {
      url: `mysql://${ADMIN_USER}:${encodeURIComponent(password)}@${host}:${port}/`,
      host,
      port,
      async stop() {
        await stopChild(child);
        process.removeListener('exit', killOnExit);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

function adminConnectionOptions(url: string): { host: string; port: number; user: string; password: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/** Creates a uniquely named, empty database on the server at the admin `url`; returns its URL. */
export async function createTestDatabase(url: string): Promise<string> {
  const name = `causerie_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const connection = await createConnection(adminConnectionOptions(url));
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await connection.end();
  }
  const result = new URL(url);
  result.pathname = `/${name}`;
  return result.toString();
}

/** Drops a database made by createTestDatabase (matters on long-lived external servers). */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^causerie_test_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop ${name}: not a test database`);
  const connection = await createConnection(adminConnectionOptions(databaseUrl));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
