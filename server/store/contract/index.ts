// Every repository contract, run against one database: the SQLite unit test
// and the MariaDB/MySQL integration test both call describeAllRepos.
import { afterAll, describe } from 'vitest';
import { describeAccountsRepo } from './accounts-repo.contract.js';
import { describeAccountsScope, describeAdminSessionsRepo, describeApiTokensRepo, describeDiscoveryRepo } from './admin-repos.contract.js';
import { describeArchiveRepo } from './archive-repo.contract.js';
import { describeDomainsRepo } from './domains-repo.contract.js';
import { describeFilesRepo, describeRoomEventsRepo } from './files-events-repos.contract.js';
import { describeAuditRepo, describeEventsRepo } from './events-audit-repos.contract.js';
import type { MakeStore, StoreHandle } from './fixtures.js';
import { describeOfflineRepo } from './offline-repo.contract.js';
import { describePepRepo } from './pep-repo.contract.js';
import { describePinsRepo } from './pins-repo.contract.js';
import { describeInvitationsRepo } from './invitations-repo.contract.js';
import { describeGroupsRepo } from './groups-repo.contract.js';
import { describeDomainAdminsRepo, describeRightsRepo, describeRoomsRepo } from './rooms-rights-repos.contract.js';
import { describeRosterRepo } from './roster-repo.contract.js';
import { describeBlocklistRepo, describeSettingsRepo, describeVcardRepo } from './small-repos.contract.js';

export type { MakeStore, StoreHandle } from './fixtures.js';

/**
 * Runs every contract suite on one freshly migrated database made by `make`.
 * The suites share it (each uses its own domains and accounts), which keeps
 * server databases to one migration per run.
 */
export function describeAllRepos(name: string, make: MakeStore): void {
  describe(name, () => {
    let shared: Promise<StoreHandle> | undefined;
    const sharedMake: MakeStore = async () => {
      shared ??= make();
      const handle = await shared;
      return { ...handle, close: async () => {} };
    };
    afterAll(async () => {
      if (shared !== undefined) await (await shared).close();
    });

    describeDomainsRepo(sharedMake);
    describeAccountsRepo(sharedMake);
    describeRosterRepo(sharedMake);
    describeOfflineRepo(sharedMake);
    describeArchiveRepo(sharedMake);
    describePepRepo(sharedMake);
    describePinsRepo(sharedMake);
    describeVcardRepo(sharedMake);
    describeBlocklistRepo(sharedMake);
    describeSettingsRepo(sharedMake);
    describeEventsRepo(sharedMake);
    describeAuditRepo(sharedMake);
    describeGroupsRepo(sharedMake);
    describeRoomsRepo(sharedMake);
    describeRightsRepo(sharedMake);
    describeDomainAdminsRepo(sharedMake);
    describeAdminSessionsRepo(sharedMake);
    describeApiTokensRepo(sharedMake);
    describeDiscoveryRepo(sharedMake);
    describeAccountsScope(sharedMake);
    describeFilesRepo(sharedMake);
    describeRoomEventsRepo(sharedMake);
    describeInvitationsRepo(sharedMake);
  });
}
