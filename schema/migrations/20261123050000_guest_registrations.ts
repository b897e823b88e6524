// Guest self-registration (issue 5): a registration waits here between the
// form (names, password already turned into SCRAM secrets) and the click on
// the email-verification link; the guest account is created only then.
// The verification token is stored hashed (SHA-256), like invitation tokens.
import type { Knex } from 'knex';
import { LEN, humanText, reference, tableDefaults, timestamp, unique } from '../migration-helpers.js';

function scramColumns(t: Knex.CreateTableBuilder, prefix: string): void {
  t.string(`${prefix}_salt`, 128).notNullable();
  t.integer(`${prefix}_iterations`).unsigned().notNullable();
  t.string(`${prefix}_stored_key`, 128).notNullable();
  t.string(`${prefix}_server_key`, 128).notNullable();
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('guest_registrations', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'guest_registrations', 'invitation_id', 'invitations', 'CASCADE');
    t.string('token_hash', LEN.token).notNullable();
    humanText(t, 'first_name').notNullable();
    humanText(t, 'last_name').notNullable();
    t.string('language', LEN.language).nullable();
    scramColumns(t, 'scram_sha1');
    scramColumns(t, 'scram_sha256');
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'expires_at').notNullable();
    timestamp(t, 'used_at').nullable();
    unique(t, 'guest_registrations', ['token_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('guest_registrations');
}
