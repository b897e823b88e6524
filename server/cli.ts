// The `causerie` command: start the node, manage accounts, certificates and
// configuration. Account commands call the same domain services the
// WebAdmin uses (server/domain), on the configured database.

import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import type { NodeConfig } from './config.js';
import { startCauserie } from './main.js';
import { isAppError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { openDatabase, migrateToLatest, createRepositories } from './store/index.js';
import { createServices } from './domain/index.js';
import type { Services } from './domain/index.js';
import { runCertsCommand } from '../certs/cli.js';
import { PRODUCT_VERSION } from './core/version.js';
import { createAdminConsole } from '../admin-console/server.js';

const USAGE = `Usage: causerie <command> [options]

Commands:
  start                               start the XMPP node (and its HTTPS side and the WebAdmin)
  admin serve                         run only the WebAdmin (on listen.adminPort) over the configured database
  account create <jid> [--password P] [--name NAME] [--admin]
                                      create an account (a password is generated when omitted)
  account list [--domain D] [--search TEXT] [--limit N]
  account passwd <jid> [--password P]  set a new password (generated when omitted)
  account delete <jid>                delete an account; its sessions end at once
  certs print-ca|generate|show …      development certificates (see docs/CERTIFICATES.md)
  config check                        validate the configuration and print it
  version                             print the version

Options for every command:
  --config FILE   configuration file (default: $CAUSERIE_CONFIG, else ./causerie.json if present)
`;

type Out = (line: string) => void;

export async function main(argv: string[], out: Out = (l) => process.stdout.write(l + '\n'), err: Out = (l) => process.stderr.write(l + '\n')): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        admin: { type: 'boolean' },
        domain: { type: 'string' },
        search: { type: 'string' },
        limit: { type: 'string' },
        dir: { type: 'string' },
        file: { type: 'string' },
        subdomain: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err((error as Error).message);
    err(USAGE);
    return 2;
  }
  const [command, sub, target] = parsed.positionals;
  const { values } = parsed;
  if (!command || values.help) {
    out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'version') {
    out(PRODUCT_VERSION);
    return 0;
  }
  if (command === 'certs') return runCertsCommand(argv.slice(1), out, err);
  try {
    const config = loadConfig(configFile(values.config) ? { file: configFile(values.config) as string } : {});
    switch (command) {
      case 'start':
        return await start(config, out);
      case 'config':
        if (sub !== 'check') break;
        out(JSON.stringify({ ...config, database: config.database.client === 'mysql' ? { ...config.database, password: '***' } : config.database }, null, 2));
        return 0;
      case 'admin':
        if (sub !== 'serve') break;
        return await serveAdmin(config, out);
      case 'account':
        return await withServices(config, (services) => account(services, sub, target, values, out, err));
      default:
        break;
    }
    err(`Unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
    err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 78; // EX_CONFIG
    }
    if (isAppError(error)) {
      err(`Error: ${error.text ?? error.condition}`);
      return 1;
    }
    throw error;
  }
}

function configFile(flag: string | undefined): string | undefined {
  if (flag) return flag;
  if (process.env.CAUSERIE_CONFIG) return process.env.CAUSERIE_CONFIG;
  return existsSync('causerie.json') ? 'causerie.json' : undefined;
}

async function start(config: NodeConfig, out: Out): Promise<number> {
  const running = await startCauserie(config, { log: createLogger(config.log.level) });
  if (running.firstAdmin) {
    out('');
    out('First start: a server administrator was created. Its password is shown only this once:');
    out(`  account:  ${running.firstAdmin.jid}`);
    out(`  password: ${running.firstAdmin.password}`);
    out('Change it with: causerie account passwd ' + running.firstAdmin.jid);
    out('');
  }
  if (running.tls.selfIssued) {
    out(`Certificates are self-issued by a development CA; trust it on your devices: causerie certs print-ca --dir ${config.dataDir}/certs`);
  }
  out(`Causerie ${PRODUCT_VERSION} serves ${config.domain}: XMPP on ${running.ports.c2s} (STARTTLS) and ${running.ports.directTls} (direct TLS), HTTPS and WebSocket on ${running.ports.https}`);
  if (running.ports.admin !== undefined) out(`WebAdmin: https://${config.domain}:${running.ports.admin}/ (sign in with an administrator account)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      out('Stopping…');
      void running.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

async function serveAdmin(config: NodeConfig, out: Out): Promise<number> {
  const admin = await createAdminConsole(config, { log: createLogger(config.log.level, 'webadmin') });
  out(`WebAdmin: https://${config.domain}:${admin.port}/ (sign in with an administrator account)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      out('Stopping…');
      void admin.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

async function withServices(config: NodeConfig, run: (services: Services) => Promise<number>): Promise<number> {
  const knex = await openDatabase(config.database);
  try {
    await migrateToLatest(knex);
    const services = createServices({ repos: createRepositories(knex) });
    await services.domains.ensure(config.domain, 'regular');
    await services.domains.ensure(config.guestDomain, 'guest');
    return await run(services);
  } finally {
    await knex.destroy();
  }
}

interface AccountOptions {
  password?: string | undefined;
  name?: string | undefined;
  admin?: boolean | undefined;
  domain?: string | undefined;
  search?: string | undefined;
  limit?: string | undefined;
}

async function account(services: Services, sub: string | undefined, jid: string | undefined, options: AccountOptions, out: Out, err: Out): Promise<number> {
  if (sub === 'list') {
    const domain = options.domain ? await services.domains.get(options.domain) : undefined;
    if (options.domain && !domain) {
      err(`Unknown domain ${options.domain}`);
      return 1;
    }
    const limit = options.limit ? Number(options.limit) : 100;
    if (!Number.isInteger(limit) || limit <= 0) {
      err('--limit must be a positive whole number');
      return 2;
    }
    const filter = { ...(domain ? { domainId: domain.id } : {}), ...(options.search ? { search: options.search } : {}) };
    const accounts = await services.accounts.list({ ...filter, limit });
    for (const a of accounts) {
      const flags = [a.kind, a.serverAdmin ? 'server-admin' : '', a.disabled ? 'disabled' : ''].filter(Boolean).join(',');
      out(`${a.localpart}@${a.domain}\t${flags}\t${a.displayName ?? ''}\t${a.lastLoginAt?.toISOString() ?? 'never'}`);
    }
    out(`${accounts.length} of ${await services.accounts.count(filter)} accounts`);
    return 0;
  }
  if (!jid || !['create', 'passwd', 'delete'].includes(sub ?? '')) {
    err(USAGE);
    return 2;
  }
  const generated = options.password === undefined;
  const password = options.password ?? randomBytes(12).toString('base64url');
  if (sub === 'create') {
    await services.accounts.create({ jid, password, serverAdmin: options.admin ?? false, displayName: options.name ?? null });
    out(`Created ${jid}${generated ? ` with password: ${password}` : ''}`);
  } else if (sub === 'passwd') {
    await services.accounts.setPassword(jid, password);
    out(`Password changed for ${jid}${generated ? `; new password: ${password}` : ''}`);
  } else {
    await services.accounts.delete(jid);
    out(`Deleted ${jid}`);
  }
  return 0;
}
