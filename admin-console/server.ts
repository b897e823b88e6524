// createAdminConsole: the WebAdmin on its own HTTPS port, with its own
// database connection and its own domain services. Its changes reach the
// XMPP nodes through the events table they follow; it follows that table
// too, so changes made elsewhere (CLI, another console) show at once.

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Express } from 'express';
import type { NodeConfig } from '../server/config.js';
import { createLogger, type Logger } from '../server/core/logger.js';
import { createServices } from '../server/domain/index.js';
import { followDomainEvents } from '../server/domain/event-follower.js';
import { createRepositories, migrateToLatest, openDatabase } from '../server/store/index.js';
import { ensureCertificates, loadCertificates } from '../certs/store.js';
import type { TlsMaterial } from '../certs/tls-material.js';
import { checkServiceUrl } from '../certs/url-check.js';
import { createAdminApp } from './app.js';
import { createAdminContext, type AdminContext } from './context.js';
import { defaultUiDir } from './static-ui.js';

export interface AdminConsoleOptions {
  log?: Logger;
  /** The node's certificates when it runs in the same process; loaded like the node does otherwise. */
  tls?: TlsMaterial;
  nodePorts?: AdminContext['nodePorts'];
  onlineSessions?: AdminContext['onlineSessions'];
  scramIterations?: number;
  /** Where the built UI is; defaults to dist/admin-console/ui. */
  uiDir?: string;
  /** Port override (tests); defaults to config.listen.adminPort. */
  port?: number;
}

export interface AdminConsole {
  app: Express;
  server: Server;
  port: number;
  context: AdminContext;
  close(): Promise<void>;
}

async function tlsFor(config: NodeConfig): Promise<TlsMaterial> {
  if (config.tls.certFile && config.tls.keyFile) {
    return loadCertificates({ certFile: config.tls.certFile, keyFile: config.tls.keyFile, ...(config.tls.caFile ? { caFile: config.tls.caFile } : {}) });
  }
  return ensureCertificates({ dir: join(config.dataDir, 'certs'), domains: [config.domain] });
}

export async function createAdminConsole(config: NodeConfig, options: AdminConsoleOptions = {}): Promise<AdminConsole> {
  const log = options.log ?? createLogger(config.log.level, 'webadmin');
  const knex = await openDatabase(config.database);
  try {
    await migrateToLatest(knex);
    const repos = createRepositories(knex);
    const services = createServices({ repos, ...(options.scramIterations ? { scramIterations: options.scramIterations } : {}) });
    // Alone on a fresh database (`causerie admin serve`), the configured domains exist as they would under the node.
    await services.domains.ensure(config.domain, 'regular');
    await services.domains.ensure(config.guestDomain, 'guest');
    const follower = await followDomainEvents(repos.events, services.events, log, config.eventPollMs);
    const tls = options.tls ?? (await tlsFor(config));
    const extraCa = tls.ca ?? (config.tls.caFile ? await readFile(config.tls.caFile, 'utf8') : undefined);
    const context = createAdminContext({ config, services, log, nodePorts: options.nodePorts, onlineSessions: options.onlineSessions, checkUrl: (url) => checkServiceUrl(url, { ca: extraCa, timeoutMs: 5000 }) });
    const app = createAdminApp(context, { uiDir: options.uiDir ?? defaultUiDir() });
    const server = createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, app);
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.listen.adminPort, config.listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const purge = setInterval(() => void context.access.purgeExpired().catch((error: unknown) => log.warn('could not purge expired WebAdmin sessions', { error })), 10 * 60_000);
    purge.unref();
    const port = (server.address() as AddressInfo).port;
    log.info('WebAdmin is running', { port });
    return {
      app,
      server,
      port,
      context,
      async close() {
        clearInterval(purge);
        follower.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await knex.destroy();
      },
    };
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}
