// Everything a WebAdmin request handler needs: the configuration, the
// domain services (the WebAdmin's own instance, over its own database
// connection), the WebAdmin-only services and the login throttle.

import type { NodeConfig } from '../server/config.js';
import type { Logger } from '../server/core/logger.js';
import type { Services } from '../server/domain/index.js';
import { createAuditTrail, type AuditTrail } from '../server/domain/audit.js';
import { createAdminAccess, type AdminAccess } from '../server/domain/admin-access.js';
import { createAccountAdmin, type AccountAdmin } from '../server/domain/account-admin.js';
import { createDomainAdmin, type DomainAdmin } from '../server/domain/domain-admin.js';
import { createDiscoveryService, type DiscoveryService, type UrlChecker } from '../server/domain/discovery.js';
import { LoginThrottle } from './http/login-throttle.js';

export interface AdminContext {
  config: NodeConfig;
  services: Services;
  log: Logger;
  audit: AuditTrail;
  access: AdminAccess;
  accountAdmin: AccountAdmin;
  domainAdmin: DomainAdmin;
  discovery: DiscoveryService;
  /** Failed sign-ins per account (5 free) and per IP (20 free: several people may share one address). */
  throttle: { account: LoginThrottle; ip: LoginThrottle };
  /** Ports the node listens on, when it runs in this process (the dashboard shows them). */
  nodePorts?: { c2s: number; directTls: number; https: number } | undefined;
  /** Online XMPP sessions of the node in this process, when there is one. */
  onlineSessions?: (() => number) | undefined;
}

export function createAdminContext(options: { config: NodeConfig; services: Services; log: Logger; checkUrl: UrlChecker; throttle?: AdminContext['throttle']; nodePorts?: AdminContext['nodePorts']; onlineSessions?: AdminContext['onlineSessions'] }): AdminContext {
  const { services, config, log } = options;
  const audit = createAuditTrail(services.repos);
  return {
    config,
    services,
    log,
    audit,
    access: createAdminAccess({ repos: services.repos, clock: services.clock, audit, scramIterations: services.scramIterations }),
    accountAdmin: createAccountAdmin({ repos: services.repos, audit, accounts: services.accounts, policies: services.policies }),
    domainAdmin: createDomainAdmin({ repos: services.repos, audit, events: services.events, domains: services.domains, policies: services.policies }),
    discovery: createDiscoveryService({ repos: services.repos, audit, checkUrl: options.checkUrl }),
    throttle: options.throttle ?? { account: new LoginThrottle({ freeAttempts: 5 }), ip: new LoginThrottle({ freeAttempts: 20 }) },
    nodePorts: options.nodePorts,
    onlineSessions: options.onlineSessions,
  };
}
