// The store's entry point: every repository over one knex instance.
import type { Knex } from 'knex';
import type { Repositories } from './types.js';
import { createAccountsRepo } from './accounts-repo.js';
import { createArchiveRepo } from './archive-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createBlocklistRepo } from './blocklist-repo.js';
import { createDomainsRepo } from './domains-repo.js';
import { createEventsRepo } from './events-repo.js';
import { createOfflineRepo } from './offline-repo.js';
import { createPepRepo } from './pep-repo.js';
import { createPinsRepo } from './pins-repo.js';
import { createRosterRepo } from './roster-repo.js';
import { createSettingsRepo } from './settings-repo.js';
import { createVcardsRepo } from './vcards-repo.js';
import { createGroupsRepo } from './groups-repo.js';
import { createRoomsRepo } from './rooms-repo.js';
import { createRightsRepo } from './rights-repo.js';
import { createDomainAdminsRepo } from './domain-admins-repo.js';
import { createFilesRepo } from './files-repo.js';
import { createRoomEventsRepo } from './room-events-repo.js';
import { createAdminSessionsRepo } from './admin-sessions-repo.js';
import { createApiTokensRepo } from './api-tokens-repo.js';
import { createDiscoveryRepo } from './discovery-repo.js';
import { createInvitationsRepo } from './invitations-repo.js';

export type { DatabaseConfig } from './db.js';
export { migrateToLatest, openDatabase, parseDatabaseUrl } from './db.js';

export function createRepositories(knex: Knex): Repositories {
  return {
    domains: createDomainsRepo(knex),
    accounts: createAccountsRepo(knex),
    roster: createRosterRepo(knex),
    offline: createOfflineRepo(knex),
    archive: createArchiveRepo(knex),
    pins: createPinsRepo(knex),
    pep: createPepRepo(knex),
    vcards: createVcardsRepo(knex),
    blocklist: createBlocklistRepo(knex),
    settings: createSettingsRepo(knex),
    events: createEventsRepo(knex),
    audit: createAuditRepo(knex),
    groups: createGroupsRepo(knex),
    rooms: createRoomsRepo(knex),
    rights: createRightsRepo(knex),
    domainAdmins: createDomainAdminsRepo(knex),
    files: createFilesRepo(knex),
    roomEvents: createRoomEventsRepo(knex),
    adminSessions: createAdminSessionsRepo(knex),
    apiTokens: createApiTokensRepo(knex),
    discovery: createDiscoveryRepo(knex),
    invitations: createInvitationsRepo(knex),
  };
}
