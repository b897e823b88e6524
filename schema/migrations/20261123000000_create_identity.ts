// Identity and per-account XMPP state: domains, accounts, domain admins, roster
// (RFC 6121), offline messages, vCards (XEP-0054), PEP (XEP-0163), blocking
// (XEP-0191) and push registrations (XEP-0357).
import type { Knex } from 'knex';
import {
  LEN, createdUpdated, humanText, index, oneOf, reference, tableDefaults, timestamp, unique,
} from '../migration-helpers.js';

function scramColumns(t: Knex.CreateTableBuilder, prefix: string): void {
  // RFC 5802 server secrets, base64; nullable so an account can exist without
  // a password (e.g. a guest before registration completes).
  t.string(`${prefix}_salt`, 128).nullable();
  t.integer(`${prefix}_iterations`).unsigned().nullable();
  t.string(`${prefix}_stored_key`, 128).nullable();
  t.string(`${prefix}_server_key`, 128).nullable();
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('domains', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    t.string('name', LEN.name).notNullable();
    oneOf(t, 'domains', 'kind', ['regular', 'guest'], 'regular');
    t.text('description').nullable();
    t.boolean('groupware').notNullable().defaultTo(true);
    t.boolean('webdav').notNullable().defaultTo(true);
    t.boolean('teamchat').notNullable().defaultTo(true);
    createdUpdated(t);
    unique(t, 'domains', ['name']);
  });

  await knex.schema.createTable('accounts', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'accounts', 'domain_id', 'domains', 'CASCADE', { indexed: false });
    t.string('localpart', LEN.name).notNullable();
    oneOf(t, 'accounts', 'kind', ['user', 'guest'], 'user');
    humanText(t, 'display_name').nullable();
    humanText(t, 'first_name').nullable();
    humanText(t, 'last_name').nullable();
    t.text('description').nullable();
    t.string('email', LEN.email).nullable();
    t.string('language', LEN.language).nullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.boolean('server_admin').notNullable().defaultTo(false);
    // null = inherit the domain's switch
    t.boolean('groupware').nullable();
    t.boolean('webdav').nullable();
    t.boolean('teamchat').nullable();
    t.bigInteger('quota_bytes').unsigned().nullable();
    scramColumns(t, 'scram_sha1');
    scramColumns(t, 'scram_sha256');
    t.bigInteger('roster_version').unsigned().notNullable().defaultTo(0);
    timestamp(t, 'last_login_at').nullable();
    t.string('last_login_ip', LEN.ip).nullable();
    createdUpdated(t);
    unique(t, 'accounts', ['domain_id', 'localpart']);
    index(t, 'accounts', ['email']);
  });

  await knex.schema.createTable('domain_admins', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'domain_admins', 'domain_id', 'domains', 'CASCADE', { indexed: false });
    reference(t, 'domain_admins', 'account_id', 'accounts', 'CASCADE');
    timestamp(t, 'created_at').notNullable();
    unique(t, 'domain_admins', ['domain_id', 'account_id']);
  });

  await knex.schema.createTable('roster_items', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'roster_items', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.string('jid', LEN.bareJid).notNullable();
    humanText(t, 'name', 1023).nullable();
    oneOf(t, 'roster_items', 'subscription', ['none', 'to', 'from', 'both'], 'none');
    t.boolean('ask_out').notNullable().defaultTo(false);
    t.boolean('pending_in').notNullable().defaultTo(false);
    t.boolean('approved').notNullable().defaultTo(false);
    createdUpdated(t);
    unique(t, 'roster_items', ['account_id', 'jid']);
  });

  await knex.schema.createTable('roster_item_groups', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'roster_item_groups', 'roster_item_id', 'roster_items', 'CASCADE', { indexed: false });
    t.string('name', LEN.name).notNullable();
    unique(t, 'roster_item_groups', ['roster_item_id', 'name']);
  });

  await knex.schema.createTable('offline_messages', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    reference(t, 'offline_messages', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.text('stanza', 'mediumtext').notNullable();
    timestamp(t, 'created_at').notNullable();
    index(t, 'offline_messages', ['account_id', 'id']);
  });

  await knex.schema.createTable('vcards', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'vcards', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.text('vcard', 'mediumtext').notNullable();
    createdUpdated(t);
    unique(t, 'vcards', ['account_id']);
  });

  await knex.schema.createTable('pep_nodes', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'pep_nodes', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.string('node', LEN.name).notNullable();
    oneOf(t, 'pep_nodes', 'access_model', ['presence', 'open', 'whitelist', 'roster'], 'presence');
    t.integer('max_items').unsigned().notNullable().defaultTo(1);
    t.boolean('persist_items').notNullable().defaultTo(true);
    createdUpdated(t);
    unique(t, 'pep_nodes', ['account_id', 'node']);
  });

  await knex.schema.createTable('pep_items', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    reference(t, 'pep_items', 'node_id', 'pep_nodes', 'CASCADE', { indexed: false });
    t.string('item_id', LEN.name).notNullable();
    t.text('payload', 'mediumtext').notNullable();
    timestamp(t, 'published_at').notNullable();
    unique(t, 'pep_items', ['node_id', 'item_id']);
    index(t, 'pep_items', ['node_id', 'published_at']);
  });

  await knex.schema.createTable('blocklist_items', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'blocklist_items', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.string('jid', LEN.bareJid).notNullable();
    timestamp(t, 'created_at').notNullable();
    unique(t, 'blocklist_items', ['account_id', 'jid']);
  });

  await knex.schema.createTable('push_registrations', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'push_registrations', 'account_id', 'accounts', 'CASCADE', { indexed: false });
    t.string('service_jid', LEN.name).notNullable();
    t.string('node', LEN.name).notNullable();
    // XEP-0357 §5 publish-options: the `secret` field gets a column; the other
    // fields are only echoed back to the app server, never queried.
    t.string('secret', LEN.name).nullable();
    t.text('publish_options').nullable();
    createdUpdated(t);
    unique(t, 'push_registrations', ['account_id', 'service_jid', 'node']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'push_registrations', 'blocklist_items', 'pep_items', 'pep_nodes', 'vcards', 'offline_messages',
    'roster_item_groups', 'roster_items', 'domain_admins', 'accounts', 'domains',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
