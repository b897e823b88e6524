// Feature policies (DESIGN.md "Identity and policies"): GroupWare, WebDAV and
// TeamChat switches per domain, inherited or overridden per account, the rule
// that TeamChat needs GroupWare and WebDAV (refused with a clear message,
// never silently fixed), and the server-wide TeamChat service toggle.

import { AppError } from '../core/errors.js';
import type { Account, Domain, FeaturePolicy, Repositories, Tristate } from '../store/types.js';
import type { Actor } from './actor.js';
import { requireDomainAdmin, requireServerAdmin } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { DomainEvents } from './domain-events.js';

const SERVICE_KEY = 'teamchat.running';

export type Feature = keyof FeaturePolicy;
export type AccountPolicyPatch = Partial<Record<Feature, Tristate>>;

/** Why TeamChat is not available to an account, in words the user can act on; undefined when it is. */
export type TeamChatDenial = { reason: 'service-stopped' | 'domain-policy' | 'account-policy' | 'account-disabled'; text: string };

function dependencyError(): AppError {
  return new AppError('not-acceptable', 'TeamChat needs GroupWare and WebDAV: turn both on before TeamChat, and turn TeamChat off before either of them.', {
    appCondition: 'teamchat-requires-groupware-webdav',
  });
}

/** TeamChat on requires GroupWare and WebDAV on. */
function checkDependencies(policy: FeaturePolicy): void {
  if (policy.teamchat && (!policy.groupware || !policy.webdav)) throw dependencyError();
}

export function effectivePolicy(account: Pick<Account, Feature>, domain: FeaturePolicy): FeaturePolicy {
  const groupware = account.groupware ?? domain.groupware;
  const webdav = account.webdav ?? domain.webdav;
  const teamchat = (account.teamchat ?? domain.teamchat) && groupware && webdav;
  return { groupware, webdav, teamchat };
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;

export function createPoliciesService(deps: { repos: Repositories; events: DomainEvents; audit: AuditTrail }) {
  const { repos, events, audit } = deps;
  let running: boolean | undefined;
  events.hook('teamchat-service-changed', ({ running: value }) => {
    running = value;
  });

  async function isServiceRunning(): Promise<boolean> {
    if (running === undefined) running = (await repos.settings.get(SERVICE_KEY)) !== 'false';
    return running;
  }

  async function domainOf(account: Account): Promise<Domain> {
    const domain = await repos.domains.get(account.domainId);
    if (!domain) throw new AppError('item-not-found', `Unknown domain of ${account.localpart}`);
    return domain;
  }

  return {
    isServiceRunning,

    /** Starts or stops TeamChat for the whole server; every node reacts within seconds. */
    async setServiceRunning(actor: Actor, value: boolean): Promise<void> {
      requireServerAdmin(actor);
      await repos.settings.put(SERVICE_KEY, value ? 'true' : 'false');
      running = value;
      await audit(actor, value ? 'teamchat.start' : 'teamchat.stop', null);
      await events.publish('teamchat-service-changed', { running: value });
    },

    async effectiveFor(account: Account): Promise<FeaturePolicy> {
      return effectivePolicy(account, await domainOf(account));
    },

    /** Why `account` may not use TeamChat now, or undefined when it may. */
    async teamChatDenial(account: Account): Promise<TeamChatDenial | undefined> {
      if (account.disabled) return { reason: 'account-disabled', text: 'Your account is disabled.' };
      if (!(await isServiceRunning())) return { reason: 'service-stopped', text: 'TeamChat is stopped on this server for now.' };
      const domain = await domainOf(account);
      const domainPolicy = effectivePolicy({ groupware: null, webdav: null, teamchat: null }, domain);
      if (!domainPolicy.teamchat) return { reason: 'domain-policy', text: `TeamChat is turned off for ${domain.name}.` };
      if (!effectivePolicy(account, domain).teamchat) return { reason: 'account-policy', text: 'TeamChat is turned off for your account.' };
      return undefined;
    },

    /** Changes a domain's switches; refuses a state where TeamChat lacks GroupWare or WebDAV. */
    async setDomainPolicy(actor: Actor, domainId: number, patch: Partial<FeaturePolicy>): Promise<Domain> {
      requireDomainAdmin(actor, domainId);
      const domain = await repos.domains.get(domainId);
      if (!domain) throw new AppError('item-not-found', 'No such domain');
      checkDependencies({ groupware: patch.groupware ?? domain.groupware, webdav: patch.webdav ?? domain.webdav, teamchat: patch.teamchat ?? domain.teamchat });
      const updated = (await repos.domains.update(domainId, patch)) as Domain;
      await audit(actor, 'domain.policy', { type: 'domain', id: domain.name }, patch);
      await events.publish('policy-changed', { domainId, accountId: null });
      return updated;
    },

    /** Overrides (true/false) or inherits (null) an account's switches, with the same dependency rule. */
    async setAccountPolicy(actor: Actor, accountId: number, patch: AccountPolicyPatch): Promise<Account> {
      const account = await repos.accounts.get(accountId);
      if (!account) throw new AppError('item-not-found', 'No such account');
      requireDomainAdmin(actor, account.domainId);
      const next = { groupware: patch.groupware !== undefined ? patch.groupware : account.groupware, webdav: patch.webdav !== undefined ? patch.webdav : account.webdav, teamchat: patch.teamchat !== undefined ? patch.teamchat : account.teamchat };
      const domain = await domainOf(account);
      const resulting = { groupware: next.groupware ?? domain.groupware, webdav: next.webdav ?? domain.webdav, teamchat: next.teamchat ?? domain.teamchat };
      // An explicit "on" for TeamChat must be satisfiable; an inherited one follows the domain.
      if (next.teamchat === true) checkDependencies(resulting);
      const updated = (await repos.accounts.update(accountId, next)) as Account;
      await audit(actor, 'account.policy', { type: 'account', id: `${account.localpart}@${account.domain}` }, patch);
      await events.publish('policy-changed', { domainId: account.domainId, accountId });
      return updated;
    },
  };
}
