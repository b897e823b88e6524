// Composition root: the only file that wires every layer together.
// db → repositories → services → XMPP node (+ modules) → listeners.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:net';
import type { Knex } from 'knex';
import type { NodeConfig } from './config.js';
import { createLogger } from './core/logger.js';
import type { Logger } from './core/logger.js';
import { openDatabase, migrateToLatest, createRepositories } from './store/index.js';
import { createServices } from './domain/index.js';
import type { Services } from './domain/index.js';
import { DurableWriter } from './domain/durable-writer.js';
import { XmppNode } from './xmpp/node.js';
import { closeServer, secureContextFor, startC2sListener, startDirectTlsListener } from './xmpp/listeners.js';
import { startHttpsServer } from './http/https-server.js';
import { defaultModules } from './modules/index.js';
import type { ModuleDefinition } from './core/module.js';
import { ensureCertificates, loadCertificates } from '../certs/store.js';
import { expiryWarning } from '../certs/check.js';
import type { TlsMaterial } from '../certs/tls-material.js';
import { createAdminConsole } from '../admin-console/server.js';

export interface RunningCauserie {
  config: NodeConfig;
  services: Services;
  node: XmppNode;
  tls: TlsMaterial;
  /** `admin` is the WebAdmin's port, absent when it was not started. */
  ports: { c2s: number; directTls: number; https: number; admin?: number };
  /** Set on the very first start: the generated server administrator and its password. */
  firstAdmin: { jid: string; password: string } | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  modules?: ModuleDefinition[];
  /** Lower SCRAM iterations speed up tests that create many accounts. */
  scramIterations?: number;
  /** Start the WebAdmin beside the node (default true); it has its own port, connection and services. */
  adminConsole?: boolean;
}

export async function startCauserie(config: NodeConfig, options: StartOptions = {}): Promise<RunningCauserie> {
  const log = options.log ?? createLogger(config.log.level);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
  const knex = await openDatabase(config.database);
  const closers: Array<() => Promise<void>> = [() => knex.destroy()];
  try {
    await migrateToLatest(knex);
    const repos = createRepositories(knex);
    const services = createServices({ repos, ...(options.scramIterations ? { scramIterations: options.scramIterations } : {}) });
    await services.domains.ensure(config.domain, 'regular');
    await services.domains.ensure(config.guestDomain, 'guest');
    const firstAdmin = await ensureServerAdmin(services, config.domain);
    const tls = await loadTls(config);
    const warning = expiryWarning(tls, new Date());
    if (warning) log.warn(warning);
    const durable = new DurableWriter(repos, services.clock);
    const node = new XmppNode({ config, services, durable, log, modules: options.modules ?? defaultModules });
    await node.start();
    closers.unshift(() => node.stop());
    const keys = { cert: tls.cert, key: tls.key };
    const { host } = config.listen;
    const c2s = await startC2sListener(node, secureContextFor(keys), host, config.listen.c2sPort);
    closers.unshift(() => closeServer(c2s));
    const directTls = await startDirectTlsListener(node, keys, host, config.listen.directTlsPort);
    closers.unshift(() => closeServer(directTls));
    const https = await startHttpsServer({ node, keys, publicUrl: config.publicUrl, log: log.child('http'), mount: (app) => node.host.mountHttp(app) }, host, config.listen.httpsPort);
    closers.unshift(() => closeServer(https));
    // Port 0 (tests) binds a free port: URLs given to clients (uploads) must carry the bound one.
    if (new URL(config.publicUrl).port === '0') config.publicUrl = config.publicUrl.replace(/:0(?=\/|$)/, `:${portOf(https)}`);
    const ports: RunningCauserie['ports'] = { c2s: portOf(c2s), directTls: portOf(directTls), https: portOf(https) };
    if (options.adminConsole !== false) {
      const admin = await createAdminConsole(config, { log: log.child('webadmin'), tls, nodePorts: { ...ports }, onlineSessions: () => node.sessions.onlineCount(), ...(options.scramIterations ? { scramIterations: options.scramIterations } : {}) });
      closers.unshift(() => admin.close());
      ports.admin = admin.port;
    }
    log.info('Causerie is running', { domain: config.domain, ...ports, database: config.database.client });
    return { config, services, node, tls, ports, firstAdmin, stop: () => runClosers(closers) };
  } catch (error) {
    await runClosers(closers);
    throw error;
  }
}

async function runClosers(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers.splice(0)) await close().catch(() => undefined);
}

async function loadTls(config: NodeConfig): Promise<TlsMaterial> {
  if (config.tls.certFile && config.tls.keyFile) {
    return loadCertificates({ certFile: config.tls.certFile, keyFile: config.tls.keyFile, ...(config.tls.caFile ? { caFile: config.tls.caFile } : {}) });
  }
  return ensureCertificates({ dir: join(config.dataDir, 'certs'), domains: [config.domain] });
}

const INITIALISED_KEY = 'node.initialised-at';

/** First start: a server administrator with a random password, shown once. */
async function ensureServerAdmin(services: Services, domain: string): Promise<{ jid: string; password: string } | undefined> {
  if (await services.repos.settings.get(INITIALISED_KEY)) return undefined;
  const jid = `admin@${domain}`;
  const password = randomBytes(12).toString('base64url');
  if (!(await services.accounts.getByJid('admin', domain))) {
    await services.accounts.create({ jid, password, serverAdmin: true, displayName: 'Administrator' });
  }
  await services.repos.settings.put(INITIALISED_KEY, new Date().toISOString());
  return { jid, password };
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

export type { Knex };
