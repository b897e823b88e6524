// Account administration for the WebAdmin and its API (DESIGN.md roles):
// the same account operations as the `causerie account` command, but done
// by an Actor, checked against their domains, and written to the audit log.

import { AppError } from '../core/errors.js';
import { parseJid } from '../core/jid.js';
import type { Account, AccountKind, Repositories, Tristate } from '../store/types.js';
import type { Actor } from './actor.js';
import { isDomainAdmin, requireDomainAdmin, requireServerAdmin } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { AccountsService } from './accounts.js';
import type { PoliciesService } from './policies.js';

export interface AccountEdit {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  description?: string | null;
  email?: string | null;
  language?: string | null;
  disabled?: boolean;
  serverAdmin?: boolean;
  groupware?: Tristate;
  webdav?: Tristate;
  teamchat?: Tristate;
  /** Upload quota in bytes; null = the configured default (limits.defaultQuotaBytes). */
  quotaBytes?: number | null;
}

/** The largest quota one may set: 1 TiB. */
export const MAX_QUOTA_BYTES = 2 ** 40;

export function checkQuota(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_QUOTA_BYTES) {
    throw new AppError('bad-request', `The upload quota is a whole number of bytes from 0 to ${MAX_QUOTA_BYTES} (1 TiB), or null for the default`, { details: { field: 'quotaBytes' } });
  }
  return value;
}

export interface AccountQuery {
  domain?: string;
  search?: string;
  kind?: AccountKind;
  limit: number;
  offset: number;
}

const PROFILE_FIELDS = ['displayName', 'firstName', 'lastName', 'description', 'email', 'language'] as const;

export type AccountAdmin = ReturnType<typeof createAccountAdmin>;

export function createAccountAdmin(deps: { repos: Repositories; audit: AuditTrail; accounts: AccountsService; policies: PoliciesService }) {
  const { repos, audit, accounts, policies } = deps;
  const jidOf = (account: Account): string => `${account.localpart}@${account.domain}`;

  /** The domains whose accounts the actor may list: administered ones, plus those of groups they manage (to pick members). */
  async function listableDomains(actor: Actor): Promise<number[] | undefined> {
    if (actor.serverAdmin) return undefined;
    const managed = await Promise.all(actor.managerOf.map((id) => repos.groups.get(id)));
    return [...new Set([...actor.domainAdminOf, ...managed.flatMap((g) => (g ? [g.domainId] : []))])];
  }

  async function require(actor: Actor, id: number): Promise<Account> {
    const account = await repos.accounts.get(id);
    // Accounts of other domains are reported missing, not forbidden: their existence is not the actor's business.
    if (!account || !isDomainAdmin(actor, account.domainId)) throw new AppError('item-not-found', 'No such account');
    return account;
  }

  function notSelf(actor: Actor, account: Account, what: string): void {
    if (actor.accountId === account.id) throw new AppError('conflict', `You cannot ${what} your own account here: ask another administrator`, { appCondition: 'own-account' });
  }

  return {
    require,

    async list(actor: Actor, query: AccountQuery): Promise<{ items: Account[]; total: number }> {
      const scope = await listableDomains(actor);
      let domainIds = scope;
      if (query.domain !== undefined) {
        const domain = await repos.domains.getByName(query.domain.toLowerCase());
        if (!domain || (scope && !scope.includes(domain.id))) throw new AppError('item-not-found', `No domain ${query.domain} among yours`);
        domainIds = [domain.id];
      }
      const filter = { ...(domainIds ? { domainIds } : {}), ...(query.search ? { search: query.search } : {}), ...(query.kind ? { kind: query.kind } : {}) };
      const [items, total] = await Promise.all([accounts.list({ ...filter, limit: query.limit, offset: query.offset }), accounts.count(filter)]);
      return { items, total };
    },

    async create(actor: Actor, input: { jid: string; password: string; serverAdmin?: boolean } & Omit<AccountEdit, 'disabled' | 'serverAdmin'>): Promise<Account> {
      const jid = parseJid(input.jid);
      const domain = await repos.domains.getByName(jid.domain);
      if (!domain) throw new AppError('item-not-found', `Unknown domain ${jid.domain}: create it first`, { details: { field: 'jid' } });
      requireDomainAdmin(actor, domain.id);
      if (input.serverAdmin) requireServerAdmin(actor);
      const created = await accounts.create({ jid: jid.bare, password: input.password, displayName: input.displayName ?? null, email: input.email ?? null, serverAdmin: input.serverAdmin ?? false });
      const names = { firstName: input.firstName ?? null, lastName: input.lastName ?? null };
      const account = names.firstName !== null || names.lastName !== null ? ((await repos.accounts.update(created.id, names)) as Account) : created;
      await audit(actor, 'account.create', { type: 'account', id: jid.bare }, { serverAdmin: account.serverAdmin });
      return account;
    },

    async update(actor: Actor, id: number, edit: AccountEdit): Promise<Account> {
      const account = await require(actor, id);
      const profile: Record<string, string | boolean | number | null> = Object.fromEntries(PROFILE_FIELDS.filter((f) => edit[f] !== undefined).map((f) => [f, edit[f] ?? null]));
      if (edit.quotaBytes !== undefined) profile.quotaBytes = checkQuota(edit.quotaBytes);
      if (edit.serverAdmin !== undefined) {
        requireServerAdmin(actor);
        if (!edit.serverAdmin) notSelf(actor, account, 'remove the server administrator role from');
        if (account.kind === 'guest' && edit.serverAdmin) throw new AppError('conflict', 'A guest cannot be a server administrator');
        profile.serverAdmin = edit.serverAdmin;
      }
      if (Object.keys(profile).length > 0) {
        await repos.accounts.update(id, profile);
        await audit(actor, 'account.update', { type: 'account', id: jidOf(account) }, profile);
      }
      const policy = Object.fromEntries((['groupware', 'webdav', 'teamchat'] as const).filter((f) => edit[f] !== undefined).map((f) => [f, edit[f]]));
      if (Object.keys(policy).length > 0) await policies.setAccountPolicy(actor, id, policy);
      if (edit.disabled !== undefined && edit.disabled !== account.disabled) {
        if (edit.disabled) notSelf(actor, account, 'disable');
        await accounts.setDisabled(jidOf(account), edit.disabled);
        if (edit.disabled) await repos.adminSessions.deleteForAccount(account.id);
        await audit(actor, edit.disabled ? 'account.disable' : 'account.enable', { type: 'account', id: jidOf(account) });
      }
      return (await repos.accounts.get(id)) as Account;
    },

    async setPassword(actor: Actor, id: number, password: string): Promise<void> {
      const account = await require(actor, id);
      await accounts.setPassword(jidOf(account), password);
      // Whoever knew the old password is signed out of the WebAdmin too (unless it is the actor's own session).
      if (actor.accountId !== account.id) await repos.adminSessions.deleteForAccount(account.id);
      await audit(actor, 'account.password', { type: 'account', id: jidOf(account) });
    },

    async delete(actor: Actor, id: number): Promise<void> {
      const account = await require(actor, id);
      notSelf(actor, account, 'delete');
      await accounts.delete(jidOf(account));
      await audit(actor, 'account.delete', { type: 'account', id: jidOf(account) });
    },

    effective: (account: Account) => policies.effectiveFor(account),
  };
}
