// Creating benchmark accounts on Causerie. The fast way does in one process what
// `causerie account create` does once per process (server/cli.ts withServices +
// accounts.create): load the config, open and migrate the database, ensure the
// domains, create every account through the domain services, close. The slow way,
// used when the built modules do not have that shape, is the CLI per account.
// Both run before the node starts, so the node sees a ready database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { failureSummary, runBounded } from '../load/bounded.js';
import type { BenchUser } from './types.js';

const run = promisify(execFile);

/** The few members of dist/server/* the fast path uses, as server/cli.ts uses them. */
interface CauserieModules {
  loadConfig(options: { file?: string }): { domain: string; guestDomain: string; database: unknown };
  openDatabase(database: unknown): Promise<{ destroy(): Promise<void> }>;
  migrateToLatest(knex: unknown): Promise<void>;
  createRepositories(knex: unknown): unknown;
  createServices(deps: { repos: unknown }): {
    domains: { ensure(name: string, kind: string): Promise<unknown> };
    accounts: { create(input: { jid: string; password: string }): Promise<unknown> };
  };
}

function isFunctionBag(value: unknown, names: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((n) => typeof (value as Record<string, unknown>)[n] === 'function');
}

async function loadModules(distServer: string): Promise<CauserieModules | undefined> {
  try {
    const load = (rel: string): Promise<unknown> => import(pathToFileURL(path.join(distServer, rel)).href);
    const [config, store, domain] = await Promise.all([load('config.js'), load('store/index.js'), load('domain/index.js')]);
    const merged = { ...(config as object), ...(store as object), ...(domain as object) };
    const needed = ['loadConfig', 'openDatabase', 'migrateToLatest', 'createRepositories', 'createServices'];
    return isFunctionBag(merged, needed) ? (merged as CauserieModules) : undefined;
  } catch {
    return undefined;
  }
}

async function createInProcess(m: CauserieModules, configPath: string, users: readonly BenchUser[]): Promise<void> {
  const config = m.loadConfig({ file: configPath });
  const knex = await m.openDatabase(config.database);
  try {
    await m.migrateToLatest(knex);
    const services = m.createServices({ repos: m.createRepositories(knex) });
    await services.domains.ensure(config.domain, 'regular');
    await services.domains.ensure(config.guestDomain, 'guest');
    const results = await runBounded(users.length, 8, (i) => {
      const u = users[i] as BenchUser;
      return services.accounts.create({ jid: `${u.username}@${config.domain}`, password: u.password });
    });
    const failures = failureSummary(results);
    if (failures.length > 0) throw new Error(`causerie accounts.create failed: ${failures.join('; ')}`);
  } finally {
    await knex.destroy();
  }
}

async function createWithCli(
  cli: string,
  configPath: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  domain: string,
  users: readonly BenchUser[],
): Promise<void> {
  const concurrency = Number(process.env.CAUSERIE_BENCH_CREATE_CONCURRENCY ?? 4);
  const results = await runBounded(users.length, concurrency, async (i) => {
    const u = users[i] as BenchUser;
    await run(process.execPath, [cli, 'account', 'create', `${u.username}@${domain}`, '--password', u.password, '--config', configPath], { env, cwd });
  });
  const failures = failureSummary(results);
  if (failures.length > 0) throw new Error(`causerie account create failed: ${failures.join('; ')}`);
}

/** Creates `users`; returns which way was used, for the log. */
export async function createCauserieAccounts(o: {
  cli: string;
  configPath: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  domain: string;
  users: readonly BenchUser[];
}): Promise<'in-process' | 'cli'> {
  const modules = await loadModules(path.dirname(o.cli));
  if (modules) {
    await createInProcess(modules, o.configPath, o.users);
    return 'in-process';
  }
  await createWithCli(o.cli, o.configPath, o.env, o.cwd, o.domain, o.users);
  return 'cli';
}
