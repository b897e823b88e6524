// Domains the node serves: account domains (regular) and guest domains.

import { AppError } from '../core/errors.js';
import { parseJid } from '../core/jid.js';
import type { Domain, DomainKind, Repositories } from '../store/types.js';
import type { DomainEvents } from './domain-events.js';

export type DomainsService = ReturnType<typeof createDomainsService>;

export function createDomainsService(deps: { repos: Repositories; events: DomainEvents }) {
  const { repos, events } = deps;
  return {
    list(): Promise<Domain[]> {
      return repos.domains.find();
    },

    get(name: string): Promise<Domain | undefined> {
      return repos.domains.getByName(name.toLowerCase());
    },

    /** Creates a domain; throws bad-request for a malformed name, conflict when it exists. */
    async create(name: string, kind: DomainKind = 'regular'): Promise<Domain> {
      const jid = parseJid(name);
      if (jid.local || jid.resource) throw new AppError('bad-request', `"${name}" is not a domain name`);
      const domain = await repos.domains.insert({ name: jid.domain, kind, groupware: true, webdav: true, teamchat: true });
      await events.publish('domain-changed', { domainId: domain.id, name: domain.name });
      return domain;
    },

    /** Creates the domain if missing (first start); returns it either way. */
    async ensure(name: string, kind: DomainKind): Promise<Domain> {
      return (await repos.domains.getByName(name)) ?? this.create(name, kind);
    },
  };
}
