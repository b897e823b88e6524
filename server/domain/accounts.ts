// Accounts: creation, passwords (kept only as SCRAM secrets), deletion,
// listing, and the credential look-ups SASL needs. Shared by the XMPP node,
// the `causerie account` CLI and the WebAdmin.

import { AppError } from '../core/errors.js';
import { parseJid } from '../core/jid.js';
import type { Account, AccountFilter, AccountKind, Repositories, ScramCredentials } from '../store/types.js';
import type { Clock } from './ports.js';
import type { DomainEvents } from './domain-events.js';
import { deriveScramCredentials, passwordMatches } from './scram-keys.js';
import { checkPasswordPolicy } from './password-policy.js';

export interface AccountsDeps {
  repos: Repositories;
  events: DomainEvents;
  clock: Clock;
  scramIterations: number;
}

export interface CreateAccountInput {
  jid: string;
  password: string;
  kind?: AccountKind;
  displayName?: string | null;
  email?: string | null;
  serverAdmin?: boolean;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: AccountsDeps) {
  const { repos, events, clock } = deps;

  async function secretsFor(password: string): Promise<{ scramSha1: ScramCredentials; scramSha256: ScramCredentials }> {
    const [scramSha1, scramSha256] = await Promise.all([
      deriveScramCredentials(password, 'sha1', deps.scramIterations),
      deriveScramCredentials(password, 'sha256', deps.scramIterations),
    ]);
    return { scramSha1, scramSha256 };
  }

  async function requireByJid(jid: string): Promise<Account> {
    const parsed = parseJid(jid);
    const account = await repos.accounts.getByAddress(parsed.local, parsed.domain);
    if (!account) throw new AppError('item-not-found', `No account ${parsed.bare}`);
    return account;
  }

  return {
    /** Creates an account; throws bad-request, item-not-found (domain) or conflict. */
    async create(input: CreateAccountInput): Promise<Account> {
      const jid = parseJid(input.jid);
      if (!jid.local || !jid.isBare) throw new AppError('bad-request', 'An account address looks like name@domain');
      const domain = await repos.domains.getByName(jid.domain);
      if (!domain) throw new AppError('item-not-found', `Unknown domain ${jid.domain}`);
      checkPasswordPolicy(input.password);
      const existing = await repos.accounts.getByAddress(jid.local, jid.domain);
      if (existing) throw new AppError('conflict', `The account ${jid.bare} already exists`);
      const account = await repos.accounts.insert({
        domainId: domain.id,
        localpart: jid.local,
        kind: input.kind ?? (domain.kind === 'guest' ? 'guest' : 'user'),
        displayName: input.displayName ?? null,
        email: input.email ?? null,
        serverAdmin: input.serverAdmin ?? false,
        ...(await secretsFor(input.password)),
      });
      await events.publish('account-created', { accountId: account.id, jid: jid.bare });
      return account;
    },

    /** Sets a new password; throws item-not-found or bad-request (policy). */
    async setPassword(jid: string, password: string): Promise<void> {
      const account = await requireByJid(jid);
      checkPasswordPolicy(password);
      await repos.accounts.update(account.id, await secretsFor(password));
      await events.publish('password-changed', { accountId: account.id, jid: bareOf(account) });
    },

    /** The owner's own change from a logged-in client (XEP-0077); the policy applies. */
    async changeOwnPassword(accountId: number, password: string): Promise<void> {
      const account = await repos.accounts.get(accountId);
      if (!account) throw new AppError('item-not-found', 'No such account');
      checkPasswordPolicy(password);
      await repos.accounts.update(account.id, await secretsFor(password));
      await events.publish('password-changed', { accountId: account.id, jid: bareOf(account), selfService: true });
    },

    /** Deletes the account and everything it owns; its sessions end at once. */
    async delete(jid: string): Promise<void> {
      const account = await requireByJid(jid);
      await repos.accounts.delete(account.id);
      await events.publish('account-deleted', { accountId: account.id, jid: bareOf(account) });
    },

    async setDisabled(jid: string, disabled: boolean): Promise<void> {
      const account = await requireByJid(jid);
      await repos.accounts.update(account.id, { disabled });
      if (disabled) {
        await events.publish('account-disabled', { accountId: account.id, jid: bareOf(account) });
      }
    },

    list(filter: AccountFilter = {}): Promise<Account[]> {
      return repos.accounts.find(filter);
    },

    count(filter: Omit<AccountFilter, 'limit' | 'offset'> = {}): Promise<number> {
      return repos.accounts.count(filter);
    },

    get(id: number): Promise<Account | undefined> {
      return repos.accounts.get(id);
    },

    getByJid(localpart: string, domain: string): Promise<Account | undefined> {
      return repos.accounts.getByAddress(localpart, domain);
    },

    /** SCRAM secrets for SASL, or undefined when the account is unknown or disabled. */
    async scramCredentials(localpart: string, domain: string, hash: 'sha-1' | 'sha-256'): Promise<ScramCredentials | undefined> {
      const account = await repos.accounts.getByAddress(localpart, domain);
      if (!account || account.disabled) return undefined;
      return (hash === 'sha-1' ? account.scramSha1 : account.scramSha256) ?? undefined;
    },

    /** Clear-text check for SASL PLAIN (inside TLS only). */
    async verifyPassword(localpart: string, domain: string, password: string): Promise<Account | undefined> {
      const account = await repos.accounts.getByAddress(localpart, domain);
      if (!account || account.disabled || !account.scramSha256) return undefined;
      return (await passwordMatches(password, account.scramSha256, 'sha256')) ? account : undefined;
    },

    recordLogin(accountId: number, ip: string): Promise<void> {
      return repos.accounts.recordLogin(accountId, clock.now(), ip);
    },
  };
}

export function bareOf(account: Pick<Account, 'localpart' | 'domain'>): string {
  return `${account.localpart}@${account.domain}`;
}
