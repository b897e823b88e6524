// Groups (members: accounts, whole domains or other groups), rooms (group rooms
// and private rooms), room members and rights grants. Everything refers to
// account ids, never names (a re-created account inherits nothing).
import type { Knex } from 'knex';
import {
  LEN, createdUpdated, foreignKeyCheck, humanText, index, oneOf, reference, tableDefaults, timestamp, unique,
} from '../migration-helpers.js';

/** Exactly the column named by `typeColumn` is set among `columns` (one per type value). */
function exactlyOne(typeColumn: string, columns: Record<string, string>): string {
  const all = Object.values(columns);
  return Object.entries(columns)
    .map(([type, column]) => {
      const others = all.filter((c) => c !== column).map((c) => `${c} IS NULL`);
      return `(${typeColumn} = '${type}' AND ${column} IS NOT NULL AND ${others.join(' AND ')})`;
    })
    .join(' OR ');
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('groups', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'groups', 'domain_id', 'domains', 'CASCADE', { indexed: false });
    humanText(t, 'name').notNullable();
    t.string('alias', LEN.name).notNullable();
    oneOf(t, 'groups', 'access', ['open', 'restricted', 'private'], 'open');
    t.text('description').nullable();
    t.boolean('teamchat_enabled').notNullable().defaultTo(false);
    createdUpdated(t);
    unique(t, 'groups', ['domain_id', 'alias']);
  });

  await knex.schema.createTable('group_managers', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'group_managers', 'group_id', 'groups', 'CASCADE', { indexed: false });
    reference(t, 'group_managers', 'account_id', 'accounts', 'CASCADE');
    timestamp(t, 'created_at').notNullable();
    unique(t, 'group_managers', ['group_id', 'account_id']);
  });

  await knex.schema.createTable('group_members', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'group_members', 'group_id', 'groups', 'CASCADE', { indexed: false });
    oneOf(t, 'group_members', 'member_type', ['account', 'domain', 'group']);
    reference(t, 'group_members', 'member_account_id', 'accounts', 'CASCADE', { nullable: true });
    reference(t, 'group_members', 'member_domain_id', 'domains', 'CASCADE', { nullable: true });
    reference(t, 'group_members', 'member_group_id', 'groups', 'CASCADE', { nullable: true });
    reference(t, 'group_members', 'added_by', 'accounts', 'SET NULL');
    timestamp(t, 'created_at').notNullable();
    foreignKeyCheck(
      knex,
      t,
      exactlyOne('member_type', { account: 'member_account_id', domain: 'member_domain_id', group: 'member_group_id' }),
      'group_members_member_check',
    );
    // NULLs never collide in a unique index, so one index per member column
    // gives "each member at most once per group" on both dialects.
    unique(t, 'group_members', ['group_id', 'member_account_id']);
    unique(t, 'group_members', ['group_id', 'member_domain_id']);
    unique(t, 'group_members', ['group_id', 'member_group_id']);
  });

  await knex.schema.createTable('group_join_requests', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'group_join_requests', 'group_id', 'groups', 'CASCADE', { indexed: false });
    reference(t, 'group_join_requests', 'account_id', 'accounts', 'CASCADE');
    oneOf(t, 'group_join_requests', 'status', ['pending', 'approved', 'rejected'], 'pending');
    t.text('message').nullable();
    reference(t, 'group_join_requests', 'decided_by', 'accounts', 'SET NULL');
    timestamp(t, 'decided_at').nullable();
    createdUpdated(t);
    index(t, 'group_join_requests', ['group_id', 'status']);
  });

  await knex.schema.createTable('rooms', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'rooms', 'domain_id', 'domains', 'CASCADE', { indexed: false });
    t.string('localpart', LEN.name).notNullable();
    humanText(t, 'name').notNullable();
    t.text('description').nullable();
    t.text('subject').nullable();
    t.string('subject_by', LEN.fullJid).nullable();
    timestamp(t, 'subject_at').nullable();
    oneOf(t, 'rooms', 'kind', ['group', 'private']);
    reference(t, 'rooms', 'group_id', 'groups', 'CASCADE', { nullable: true });
    reference(t, 'rooms', 'created_by', 'accounts', 'SET NULL');
    t.boolean('archived').notNullable().defaultTo(false);
    createdUpdated(t);
    foreignKeyCheck(knex, t, "(kind = 'group' AND group_id IS NOT NULL) OR (kind = 'private' AND group_id IS NULL)", 'rooms_group_check');
    unique(t, 'rooms', ['domain_id', 'localpart']);
  });

  await knex.schema.createTable('room_members', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'room_members', 'room_id', 'rooms', 'CASCADE', { indexed: false });
    reference(t, 'room_members', 'account_id', 'accounts', 'CASCADE');
    reference(t, 'room_members', 'added_by', 'accounts', 'SET NULL');
    timestamp(t, 'created_at').notNullable();
    unique(t, 'room_members', ['room_id', 'account_id']);
  });

  await knex.schema.createTable('rights_grants', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    oneOf(t, 'rights_grants', 'scope', ['group', 'room']);
    // Indexed by the unique (target, grantee) indexes below.
    reference(t, 'rights_grants', 'group_id', 'groups', 'CASCADE', { nullable: true, indexed: false });
    reference(t, 'rights_grants', 'room_id', 'rooms', 'CASCADE', { nullable: true, indexed: false });
    oneOf(t, 'rights_grants', 'grantee_type', ['account', 'group', 'domain']);
    reference(t, 'rights_grants', 'grantee_account_id', 'accounts', 'CASCADE', { nullable: true });
    reference(t, 'rights_grants', 'grantee_group_id', 'groups', 'CASCADE', { nullable: true });
    reference(t, 'rights_grants', 'grantee_domain_id', 'domains', 'CASCADE', { nullable: true });
    for (const right of ['read', 'write', 'modify', 'delete', 'rename', 'invite', 'admin']) {
      t.boolean(`can_${right}`).notNullable().defaultTo(false);
    }
    reference(t, 'rights_grants', 'granted_by', 'accounts', 'SET NULL');
    createdUpdated(t);
    foreignKeyCheck(knex, t, exactlyOne('scope', { group: 'group_id', room: 'room_id' }), 'rights_grants_scope_target_check');
    foreignKeyCheck(
      knex,
      t,
      exactlyOne('grantee_type', { account: 'grantee_account_id', group: 'grantee_group_id', domain: 'grantee_domain_id' }),
      'rights_grants_grantee_target_check',
    );
    // One grant per (target, grantee); see group_members for why one index each.
    for (const target of ['group_id', 'room_id']) {
      for (const grantee of ['grantee_account_id', 'grantee_group_id', 'grantee_domain_id']) {
        unique(t, 'rights_grants', [target, grantee]);
      }
    }
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['rights_grants', 'room_members', 'rooms', 'group_join_requests', 'group_members', 'group_managers', 'groups']) {
    await knex.schema.dropTableIfExists(table);
  }
}
