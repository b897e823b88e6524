// Guest invitations, SmartDiscover service hosts/URLs, settings, the
// append-only events table every node follows, the audit log, WebAdmin
// sessions and API tokens. Secrets (invitation tokens, session ids, API
// tokens) are stored hashed only.
import type { Knex } from 'knex';
import {
  LEN, createdUpdated, index, oneOf, reference, tableDefaults, timestamp, unique,
} from '../migration-helpers.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invitations', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    t.string('token_hash', LEN.token).notNullable();
    t.string('email', LEN.email).notNullable();
    reference(t, 'invitations', 'room_id', 'rooms', 'CASCADE');
    reference(t, 'invitations', 'inviter_account_id', 'accounts', 'SET NULL');
    t.string('language', LEN.language).nullable();
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'expires_at').notNullable();
    timestamp(t, 'used_at').nullable();
    timestamp(t, 'revoked_at').nullable();
    oneOf(t, 'invitations', 'delivery_status', ['pending', 'sent', 'failed'], 'pending');
    t.text('delivery_error').nullable();
    reference(t, 'invitations', 'guest_account_id', 'accounts', 'SET NULL');
    unique(t, 'invitations', ['token_hash']);
    index(t, 'invitations', ['email']);
  });

  await knex.schema.createTable('service_hosts', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    t.string('service', 32).notNullable(); // smtp, imap, xmpp-client, …
    t.string('host', LEN.name).notNullable();
    t.integer('port').unsigned().notNullable();
    t.string('mode', 16).notNullable(); // plain, starttls, tls
    createdUpdated(t);
    unique(t, 'service_hosts', ['service', 'host', 'port']);
  });

  await knex.schema.createTable('service_urls', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    t.string('name', 64).notNullable(); // webclient, webadmin, teamchat-api, …
    t.string('url', 2048).notNullable();
    createdUpdated(t);
    unique(t, 'service_urls', ['name']);
  });

  await knex.schema.createTable('settings', (t) => {
    tableDefaults(knex, t);
    t.string('key', 191).primary();
    t.text('value', 'mediumtext').notNullable();
    timestamp(t, 'updated_at').notNullable();
  });

  await knex.schema.createTable('events', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    t.string('type', 100).notNullable();
    t.text('payload', 'mediumtext').notNullable(); // JSON
    timestamp(t, 'created_at').notNullable();
    index(t, 'events', ['created_at']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    reference(t, 'audit_log', 'actor_account_id', 'accounts', 'SET NULL', { indexed: false });
    t.string('actor', LEN.fullJid).notNullable(); // kept when the account is gone
    t.string('action', 100).notNullable();
    t.string('target_type', 64).nullable();
    t.string('target_id', LEN.fullJid).nullable();
    t.text('details').nullable(); // JSON, shown, never queried
    t.string('ip', LEN.ip).nullable();
    timestamp(t, 'created_at').notNullable();
    index(t, 'audit_log', ['actor_account_id', 'id']);
    index(t, 'audit_log', ['created_at']);
  });

  await knex.schema.createTable('admin_sessions', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    t.string('id_hash', LEN.token).notNullable();
    reference(t, 'admin_sessions', 'account_id', 'accounts', 'CASCADE');
    t.string('csrf_token', LEN.token).notNullable();
    t.string('ip', LEN.ip).nullable();
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'last_seen_at').notNullable();
    timestamp(t, 'expires_at').notNullable();
    unique(t, 'admin_sessions', ['id_hash']);
    index(t, 'admin_sessions', ['expires_at']);
  });

  await knex.schema.createTable('api_tokens', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'api_tokens', 'account_id', 'accounts', 'CASCADE');
    t.string('token_hash', LEN.token).notNullable();
    t.string('name', LEN.name).notNullable();
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'last_used_at').nullable();
    unique(t, 'api_tokens', ['token_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'api_tokens', 'admin_sessions', 'audit_log', 'events', 'settings', 'service_urls', 'service_hosts', 'invitations',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
