// Domain administration for the WebAdmin: create domains, edit their
// description and GroupWare/WebDAV/TeamChat switches (the dependency rule
// lives in policies.ts), and name their administrators.

import { AppError } from '../core/errors.js';
import type { Domain, DomainKind, FeaturePolicy, Repositories } from '../store/types.js';
import type { Actor } from './actor.js';
import { isDomainAdmin, requireServerAdmin } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { DomainsService } from './domains.js';
import type { PoliciesService } from './policies.js';
import type { DomainEvents } from './domain-events.js';

export type DomainAdmin = ReturnType<typeof createDomainAdmin>;

export function createDomainAdmin(deps: { repos: Repositories; audit: AuditTrail; events: DomainEvents; domains: DomainsService; policies: PoliciesService }) {
  const { repos, audit, events, domains, policies } = deps;

  /** The domain if the actor administers it; others are reported missing. */
  async function require(actor: Actor, name: string): Promise<Domain> {
    const domain = await domains.get(name);
    if (!domain || !isDomainAdmin(actor, domain.id)) throw new AppError('item-not-found', `No domain ${name} among yours`);
    return domain;
  }

  return {
    require,

    async list(actor: Actor): Promise<Domain[]> {
      return (await domains.list()).filter((d) => isDomainAdmin(actor, d.id));
    },

    async create(actor: Actor, input: { name: string; kind?: DomainKind; description?: string | null }): Promise<Domain> {
      requireServerAdmin(actor);
      if (await domains.get(input.name)) throw new AppError('conflict', `The domain ${input.name.toLowerCase()} already exists`);
      let domain = await domains.create(input.name, input.kind ?? 'regular');
      if (input.description) domain = (await repos.domains.update(domain.id, { description: input.description })) as Domain;
      await audit(actor, 'domain.create', { type: 'domain', id: domain.name }, { kind: domain.kind });
      return domain;
    },

    async update(actor: Actor, name: string, patch: Partial<FeaturePolicy> & { description?: string | null }): Promise<Domain> {
      const domain = await require(actor, name);
      const { description, ...switches } = patch;
      if (Object.keys(switches).length > 0) await policies.setDomainPolicy(actor, domain.id, switches);
      if (description !== undefined) {
        await repos.domains.update(domain.id, { description });
        await audit(actor, 'domain.update', { type: 'domain', id: domain.name }, { description });
        await events.publish('domain-changed', { domainId: domain.id, name: domain.name });
      }
      return (await repos.domains.get(domain.id)) as Domain;
    },

    admins: (domain: Domain): Promise<number[]> => repos.domainAdmins.adminsOf(domain.id),

    async setAdmin(actor: Actor, name: string, accountId: number, admin: boolean): Promise<void> {
      // A domain outside the actor's reach is missing (404) before their role is refused (403).
      const domain = await require(actor, name);
      requireServerAdmin(actor);
      const account = await repos.accounts.get(accountId);
      if (!account) throw new AppError('item-not-found', 'No such account');
      if (account.kind === 'guest') throw new AppError('conflict', 'A guest cannot administer a domain');
      const current = await repos.domainAdmins.adminsOf(domain.id);
      if (admin && !current.includes(accountId)) await repos.domainAdmins.add(domain.id, accountId);
      if (!admin && !(await repos.domainAdmins.remove(domain.id, accountId))) throw new AppError('item-not-found', `${account.localpart}@${account.domain} does not administer ${domain.name}`);
      await audit(actor, admin ? 'domain.admin.add' : 'domain.admin.remove', { type: 'domain', id: domain.name }, { account: `${account.localpart}@${account.domain}` });
      await events.publish('domain-changed', { domainId: domain.id, name: domain.name });
    },
  };
}
