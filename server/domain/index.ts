// The domain layer's front door: builds every service over the repositories.
// Both the XMPP node and the WebAdmin receive the same object.

import type { Repositories } from '../store/types.js';
import { createAccountsService } from './accounts.js';
import { createDomainsService } from './domains.js';
import { DomainEvents } from './domain-events.js';
import { DEFAULT_SCRAM_ITERATIONS } from './scram-keys.js';
import { systemClock } from './ports.js';
import type { Clock, SessionGateway } from './ports.js';

export interface ServiceDeps {
  repos: Repositories;
  clock?: Clock;
  scramIterations?: number;
}

export interface Services {
  repos: Repositories;
  events: DomainEvents;
  clock: Clock;
  /** PBKDF2 iterations for new SCRAM secrets (also shown to unknown users, so they look like real ones). */
  scramIterations: number;
  accounts: ReturnType<typeof createAccountsService>;
  domains: ReturnType<typeof createDomainsService>;
  /** Set by the XMPP node once it runs; absent in an admin-only process. */
  setSessionGateway(gateway: SessionGateway): void;
  /** The online sessions of this process, when it runs an XMPP node. */
  sessionGateway(): SessionGateway | undefined;
}

export function createServices(deps: ServiceDeps): Services {
  const events = new DomainEvents(deps.repos.events);
  const clock = deps.clock ?? systemClock;
  let gateway: SessionGateway | undefined;
  const accounts = createAccountsService({
    repos: deps.repos,
    events,
    clock,
    scramIterations: deps.scramIterations ?? DEFAULT_SCRAM_ITERATIONS,
  });
  const scramIterations = deps.scramIterations ?? DEFAULT_SCRAM_ITERATIONS;
  return {
    repos: deps.repos,
    events,
    clock,
    scramIterations,
    accounts,
    domains: createDomainsService({ repos: deps.repos, events }),
    setSessionGateway(value) {
      gateway = value;
    },
    sessionGateway: () => gateway,
  };
}

export type { SessionGateway, Clock } from './ports.js';
export { bareOf } from './accounts.js';
