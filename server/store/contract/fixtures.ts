// Shared plumbing for the repository contract suites: how a suite gets a
// store, unique names so suites can share one database, and small builders.
import { afterAll, beforeAll } from 'vitest';
import type { Knex } from 'knex';
import { AppError } from '../../core/errors.js';
import type { Account, Domain, NewAccount, Repositories, ScramCredentials } from '../types.js';

export interface StoreHandle {
  repos: Repositories;
  /** For seeding rows that no repository owns yet (rooms). */
  knex: Knex;
  close(): Promise<void>;
}

export type MakeStore = () => Promise<StoreHandle>;

/** Opens the store before the suite's tests and closes it after; call inside describe(). */
export function useStore(make: MakeStore): () => StoreHandle {
  let handle: StoreHandle | undefined;
  beforeAll(async () => {
    handle = await make();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (handle === undefined) throw new Error('store not open yet');
    return handle;
  };
}

let counter = 0;
/** A name no other test (or suite sharing the database) uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}x${Math.random().toString(36).slice(2, 8)}`;
}

export function scram(tag: string): ScramCredentials {
  return { salt: `c2FsdC0${tag}`, iterations: 4096, storedKey: `c3RvcmVk${tag}==`, serverKey: `c2VydmVy${tag}==` };
}

export async function createDomain(repos: Repositories, name = `${uniqueName('d')}.example`): Promise<Domain> {
  return repos.domains.insert({ name });
}

export async function createAccount(
  repos: Repositories,
  domainId: number,
  extra: Partial<NewAccount> = {},
): Promise<Account> {
  return repos.accounts.insert({
    domainId,
    localpart: uniqueName('u'),
    scramSha1: scram('1'),
    scramSha256: scram('256'),
    ...extra,
  });
}

/** Rooms have no repository yet: seed the row directly. */
export async function createRoom(knex: Knex, domainId: number): Promise<number> {
  const now = new Date();
  const [id] = (await knex('rooms').insert({
    domain_id: domainId, localpart: uniqueName('room'), name: 'Room', kind: 'private', created_at: now, updated_at: now,
  })) as unknown[];
  return Number(id);
}

/** Resolves to the AppError a promise rejects with (fails the test otherwise). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection');
}
