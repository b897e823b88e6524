// Message archive (XEP-0313 MAM for users and rooms, XEP-0359 stanza ids) with
// the dialect's own full-text engine, room pins and events, and HTTP upload
// slots (XEP-0363).
// SQLite FTS5 external content tables: https://www.sqlite.org/fts5.html#external_content_tables
// InnoDB FULLTEXT: https://mariadb.com/kb/en/full-text-index-overview/
import type { Knex } from 'knex';
import {
  LEN, foreignKeyCheck, humanText, index, isMysql, oneOf, reference, tableDefaults, timestamp, unique, TEXT_COLLATION,
} from '../migration-helpers.js';

// Standard external-content triggers: every row is in the index (a NULL body
// indexes no word), so FTS5 'delete' always receives what was indexed and
// 'integrity-check' holds. Retracted messages have their body cleared, and
// queries also filter on `retracted`.
const SQLITE_FTS = [
  `CREATE VIRTUAL TABLE archive_messages_fts USING fts5(
     body, content='archive_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER archive_messages_fts_insert AFTER INSERT ON archive_messages BEGIN
     INSERT INTO archive_messages_fts(rowid, body) VALUES (new.id, new.body);
   END`,
  `CREATE TRIGGER archive_messages_fts_delete AFTER DELETE ON archive_messages BEGIN
     INSERT INTO archive_messages_fts(archive_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
   END`,
  `CREATE TRIGGER archive_messages_fts_update AFTER UPDATE OF body ON archive_messages BEGIN
     INSERT INTO archive_messages_fts(archive_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
     INSERT INTO archive_messages_fts(rowid, body) VALUES (new.id, new.body);
   END`,
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('archive_messages', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    oneOf(t, 'archive_messages', 'owner_kind', ['user', 'room']);
    reference(t, 'archive_messages', 'owner_account_id', 'accounts', 'CASCADE', { nullable: true, indexed: false });
    reference(t, 'archive_messages', 'owner_room_id', 'rooms', 'CASCADE', { nullable: true, indexed: false });
    t.string('stanza_id', LEN.token).notNullable();
    t.string('origin_id', LEN.name).nullable();
    t.string('with_jid', LEN.bareJid).notNullable();
    t.string('from_jid', LEN.fullJid).notNullable();
    // Authorship survives the author: the message stays, the link goes.
    reference(t, 'archive_messages', 'sender_account_id', 'accounts', 'SET NULL');
    humanText(t, 'sender_name', 1023).nullable();
    t.text('body', 'mediumtext').collate(TEXT_COLLATION).nullable();
    t.text('stanza', 'mediumtext').notNullable();
    timestamp(t, 'ts').notNullable();
    t.boolean('retracted').notNullable().defaultTo(false);
    foreignKeyCheck(
      knex,
      t,
      "(owner_kind = 'user' AND owner_account_id IS NOT NULL AND owner_room_id IS NULL)" +
        " OR (owner_kind = 'room' AND owner_room_id IS NOT NULL AND owner_account_id IS NULL)",
      'archive_messages_owner_check',
    );
    unique(t, 'archive_messages', ['owner_account_id', 'stanza_id']);
    unique(t, 'archive_messages', ['owner_room_id', 'stanza_id']);
    // Paging walks ids within one owner; time ranges and `with` filters narrow it.
    index(t, 'archive_messages', ['owner_account_id', 'id']);
    index(t, 'archive_messages', ['owner_room_id', 'id']);
    index(t, 'archive_messages', ['owner_account_id', 'ts']);
    index(t, 'archive_messages', ['owner_room_id', 'ts']);
    index(t, 'archive_messages', ['owner_account_id', 'with_jid', 'id']);
  });

  if (isMysql(knex)) {
    // Stopwords are fixed when the index is built: without this, InnoDB's
    // default list ("about", "will", "the"…) could never be searched. The
    // session variable applies to this migration's connection only.
    await knex.raw('SET SESSION innodb_ft_enable_stopword = 0');
    await knex.raw('ALTER TABLE archive_messages ADD FULLTEXT INDEX archive_messages_body_idx (body)');
  } else {
    for (const statement of SQLITE_FTS) await knex.raw(statement);
  }

  await knex.schema.createTable('pins', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'pins', 'room_id', 'rooms', 'CASCADE', { indexed: false });
    t.string('stanza_id', LEN.token).notNullable();
    reference(t, 'pins', 'pinned_by', 'accounts', 'SET NULL');
    timestamp(t, 'created_at').notNullable();
    unique(t, 'pins', ['room_id', 'stanza_id']);
  });

  await knex.schema.createTable('room_events', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'room_events', 'room_id', 'rooms', 'CASCADE', { indexed: false });
    humanText(t, 'title').notNullable();
    timestamp(t, 'starts_at').notNullable();
    timestamp(t, 'ends_at').nullable();
    t.text('description').nullable();
    t.string('conference_url', 2048).nullable();
    reference(t, 'room_events', 'created_by', 'accounts', 'SET NULL');
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'updated_at').notNullable();
    index(t, 'room_events', ['room_id', 'starts_at']);
  });

  await knex.schema.createTable('files', (t) => {
    tableDefaults(knex, t);
    t.bigIncrements('id');
    reference(t, 'files', 'owner_account_id', 'accounts', 'CASCADE', { indexed: false });
    t.string('slot_token', LEN.token).notNullable();
    humanText(t, 'filename').notNullable();
    t.string('content_type', LEN.name).nullable();
    t.bigInteger('size').unsigned().notNullable();
    t.string('storage_path', 1024).notNullable();
    oneOf(t, 'files', 'status', ['pending', 'complete'], 'pending');
    reference(t, 'files', 'room_id', 'rooms', 'SET NULL');
    timestamp(t, 'created_at').notNullable();
    timestamp(t, 'completed_at').nullable();
    unique(t, 'files', ['slot_token']);
    // Quota sums and the per-account file list.
    index(t, 'files', ['owner_account_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('files');
  await knex.schema.dropTableIfExists('room_events');
  await knex.schema.dropTableIfExists('pins');
  if (!isMysql(knex)) await knex.raw('DROP TABLE IF EXISTS archive_messages_fts');
  await knex.schema.dropTableIfExists('archive_messages'); // its triggers go with it
}
