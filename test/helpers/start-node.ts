// Starts a real Causerie node for a test: temporary data dir, 127.0.0.1,
// free ports, certificates from the test CA, SQLite or a fresh MariaDB
// database. Returns the running node plus helpers to create accounts.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../server/config.js';
import type { NodeConfig } from '../../server/config.js';
import { startCauserie } from '../../server/main.js';
import type { RunningCauserie } from '../../server/main.js';
import { createLogger } from '../../server/core/logger.js';
import type { DatabaseConfig } from '../../server/store/db.js';

export const TEST_DOMAIN = 'causerie.test';

export interface TestNode extends RunningCauserie {
  dataDir: string;
  caPem: string;
  /** Creates an account and returns its credentials. */
  createUser(localpart: string, password?: string): Promise<{ jid: string; username: string; password: string }>;
  websocketUrl: string;
  close(): Promise<void>;
}

export interface StartTestNodeOptions {
  database?: DatabaseConfig;
  limits?: Partial<NodeConfig['limits']>;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** mail.smtpUrl / mail.from (guest invitations); unset = the outbox folder. */
  mail?: { smtpUrl?: string; from?: string };
  /** The guests section (invitation lifetime, rate limits). */
  guests?: { invitationTtlDays?: number; invitationsPerInviterPerHour?: number; invitationsPerRoomPerHour?: number };
}

export async function startTestNode(options: StartTestNodeOptions = {}): Promise<TestNode> {
  const caDir = process.env.CAUSERIE_TEST_CA_DIR;
  if (!caDir) throw new Error('CAUSERIE_TEST_CA_DIR is not set: run integration tests through vitest (test/global-setup-tls.ts)');
  const dataDir = mkdtempSync(join(tmpdir(), 'causerie-node-'));
  mkdirSync(join(dataDir, 'certs'), { recursive: true });
  copyFileSync(join(caDir, 'ca.pem'), join(dataDir, 'certs', 'ca.pem'));
  copyFileSync(join(caDir, 'ca-key.pem'), join(dataDir, 'certs', 'ca-key.pem'));
  const config = validate({
    domain: TEST_DOMAIN,
    dataDir,
    listen: { host: '127.0.0.1', c2sPort: 0, directTlsPort: 0, httpsPort: 0, adminPort: 0 },
    limits: { connectionRatePerIp: 1000, maxConnectionsPerIp: 1000, ...options.limits },
    log: { level: options.logLevel ?? 'warn' },
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.guests ? { guests: options.guests } : {}),
  });
  if (options.database) config.database = options.database;
  const running = await startCauserie(config, { log: createLogger(options.logLevel ?? 'warn', 'test-node'), scramIterations: 4096 });
  return {
    ...running,
    dataDir,
    caPem: readFileSync(join(caDir, 'ca.pem'), 'utf8'),
    websocketUrl: `wss://localhost:${running.ports.https}/xmpp-websocket`,
    async createUser(localpart: string, password = `pw-${localpart}-secret`) {
      const jid = `${localpart}@${TEST_DOMAIN}`;
      await running.services.accounts.create({ jid, password });
      return { jid, username: localpart, password };
    },
    async close() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
