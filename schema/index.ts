// The migration list, imported explicitly (no directory globbing) so the same
// code runs as .ts under vitest/tsx and as compiled .js from dist/.
// Append new migrations at the end; never edit or reorder existing ones.
import type { Knex } from 'knex';
import * as createIdentity from './migrations/20261123000000_create_identity.js';
import * as createGroupsAndRooms from './migrations/20261123000100_create_groups_and_rooms.js';
import * as createArchiveAndFiles from './migrations/20261123000200_create_archive_and_files.js';
import * as createOperations from './migrations/20261123000300_create_operations.js';
import * as archiveMessageRelations from './migrations/20261123010000_archive_message_relations.js';
import * as guestRegistrations from './migrations/20261123050000_guest_registrations.js';
import * as invitationSends from './migrations/20261207000000_invitation_sends.js';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Names as recorded in `knex_migrations` (no extension, so .ts and .js agree). */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261123000000_create_identity', createIdentity],
  ['20261123000100_create_groups_and_rooms', createGroupsAndRooms],
  ['20261123000200_create_archive_and_files', createArchiveAndFiles],
  ['20261123000300_create_operations', createOperations],
  ['20261123010000_archive_message_relations', archiveMessageRelations],
  ['20261123050000_guest_registrations', guestRegistrations],
  ['20261207000000_invitation_sends', invitationSends],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = MIGRATIONS.find(([candidate]) => candidate === name);
    if (found === undefined) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};
