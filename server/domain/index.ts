// The domain layer's front door: builds every service over the repositories.
// Both the XMPP node and the WebAdmin receive the same object.

import type { Repositories } from '../store/types.js';
import { createAccountsService } from './accounts.js';
import { createDomainsService } from './domains.js';
import { DomainEvents } from './domain-events.js';
import { DEFAULT_SCRAM_ITERATIONS } from './scram-keys.js';
import { systemClock } from './ports.js';
import { createAuditTrail } from './audit.js';
import { createPoliciesService } from './policies.js';
import { createGroupsService } from './groups.js';
import { createRoomsService } from './rooms.js';
import { createRightsService } from './rights.js';
import { createGuestsService } from './guests.js';
import { MembershipCache } from './membership-cache.js';
import { RoomAccess } from './room-access.js';
import { actorFor } from './actors.js';
import type { Actor } from './actor.js';
import type { Account } from '../store/types.js';
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
  policies: ReturnType<typeof createPoliciesService>;
  groups: ReturnType<typeof createGroupsService>;
  rooms: ReturnType<typeof createRoomsService>;
  rights: ReturnType<typeof createRightsService>;
  /** Guest accounts, administrator side (list, edit, reset password, delete): see guests.ts. */
  guests: ReturnType<typeof createGuestsService>;
  /** The actor (roles included) an account acts as. */
  actorFor(account: Account, ip?: string | null): Promise<Actor>;
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
  const audit = createAuditTrail(deps.repos);
  const memberships = new MembershipCache(deps.repos, events);
  const access = new RoomAccess(deps.repos, memberships, events);
  const policies = createPoliciesService({ repos: deps.repos, events, audit });
  return {
    repos: deps.repos,
    events,
    clock,
    scramIterations,
    accounts,
    domains: createDomainsService({ repos: deps.repos, events }),
    policies,
    groups: createGroupsService({ repos: deps.repos, events, audit, memberships, clock }),
    rooms: createRoomsService({ repos: deps.repos, events, audit, access, policies }),
    rights: createRightsService({ repos: deps.repos, events, audit, access }),
    guests: createGuestsService({ repos: deps.repos, events, audit, accounts, sessions: () => gateway }),
    actorFor: (account, ip = null) => actorFor(deps.repos, account, ip),
    setSessionGateway(value) {
      gateway = value;
    },
    sessionGateway: () => gateway,
  };
}

export type { SessionGateway, Clock } from './ports.js';
export { bareOf } from './accounts.js';
export type { Actor } from './actor.js';
export { SYSTEM_ACTOR, CLI_ACTOR } from './actor.js';
