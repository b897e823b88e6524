// Test kit for the TeamChat domain services: createServices over real
// repositories on a fresh, migrated SQLite file, plus builders for domains,
// accounts and actors. Test-only (excluded from the build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { migrateToLatest, openDatabase } from '../store/db.js';
import { createRepositories } from '../store/index.js';
import type { Account, Domain, NewAccount, NewDomain, Repositories } from '../store/types.js';
import { createServices, type Services } from '../domain/index.js';
import type { Actor } from '../domain/actor.js';
import { AppError } from '../core/errors.js';

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}x${Math.random().toString(36).slice(2, 7)}`;
}

const SCRAM = { salt: 'c2FsdA==', iterations: 4096, storedKey: 'c3RvcmVk', serverKey: 'c2VydmVy' };

export interface TeamChatKit {
  knex: Knex;
  repos: Repositories;
  services: Services;
  /** Another set of services over the same database (another process). */
  freshServices(): Services;
  domain(extra?: Partial<NewDomain>): Promise<Domain>;
  account(domainId: number, extra?: Partial<NewAccount>): Promise<Account>;
  /** The actor an account acts as (roles read from the database). */
  actor(account: Account): Promise<Actor>;
  /** Re-reads an account (after policy changes). */
  reload(account: Account): Promise<Account>;
  close(): Promise<void>;
}

export async function openTeamChatKit(): Promise<TeamChatKit> {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-teamchat-'));
  const knex = await openDatabase({ client: 'sqlite', filename: join(dir, 'causerie.db') });
  await migrateToLatest(knex);
  const repos = createRepositories(knex);
  const services = createServices({ repos, scramIterations: 4096 });
  return {
    knex,
    repos,
    services,
    freshServices: () => createServices({ repos, scramIterations: 4096 }),
    domain: (extra = {}) => repos.domains.insert({ name: `${unique('d')}.example`, ...extra }),
    account: (domainId, extra = {}) => repos.accounts.insert({ domainId, localpart: unique('u'), scramSha1: SCRAM, scramSha256: SCRAM, ...extra }),
    actor: (account) => services.actorFor(account),
    async reload(account) {
      const fresh = await repos.accounts.get(account.id);
      if (!fresh) throw new Error(`account ${account.id} vanished`);
      return fresh;
    },
    async close() {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves to the AppError a promise rejects with (throws otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection');
}
