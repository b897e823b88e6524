// Room message features on the archive: the XEP-0201 thread a message belongs
// to (comment threads, fetched through MAM) and the message another one acts
// on (an XEP-0308 correction, XEP-0424/0425 retraction or XEP-0444 reaction
// set), so a retraction can tombstone the corrections of a message and a new
// reaction set can replace the previous one.
import type { Knex } from 'knex';
import { LEN, indexName } from '../migration-helpers.js';

const THREAD_INDEX = ['owner_room_id', 'thread', 'id'];
const APPLIES_INDEX = ['owner_room_id', 'applies_to'];
const ORIGIN_INDEX = ['owner_room_id', 'origin_id'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('archive_messages', (t) => {
    t.string('thread', LEN.name).nullable();
    t.string('applies_to', LEN.token).nullable();
    t.string('applies_kind', 16).nullable();
    t.index(THREAD_INDEX, indexName('archive_messages', THREAD_INDEX));
    t.index(APPLIES_INDEX, indexName('archive_messages', APPLIES_INDEX));
    // Corrections name the original by the sender's own id (XEP-0308).
    t.index(ORIGIN_INDEX, indexName('archive_messages', ORIGIN_INDEX));
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('archive_messages', (t) => {
    t.dropIndex(THREAD_INDEX, indexName('archive_messages', THREAD_INDEX));
    t.dropIndex(APPLIES_INDEX, indexName('archive_messages', APPLIES_INDEX));
    t.dropIndex(ORIGIN_INDEX, indexName('archive_messages', ORIGIN_INDEX));
    t.dropColumn('thread');
    t.dropColumn('applies_to');
    t.dropColumn('applies_kind');
  });
}
