// Every mail an invitation causes, first send and resends alike, with who
// sent it and when: the per-inviter and per-room rate limits count these
// rows over a rolling hour, so resending a pending invitation (which keeps
// its row in `invitations`) cannot bypass them.
import type { Knex } from 'knex';
import { index, reference, tableDefaults, timestamp } from '../migration-helpers.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invitation_sends', (t) => {
    tableDefaults(knex, t);
    t.increments('id');
    reference(t, 'invitation_sends', 'invitation_id', 'invitations', 'CASCADE');
    reference(t, 'invitation_sends', 'room_id', 'rooms', 'CASCADE', { indexed: false });
    reference(t, 'invitation_sends', 'sender_account_id', 'accounts', 'SET NULL', { indexed: false });
    timestamp(t, 'sent_at').notNullable();
    index(t, 'invitation_sends', ['room_id', 'sent_at']);
    index(t, 'invitation_sends', ['sender_account_id', 'sent_at']);
  });
  // Invitations made before this table existed count as one send each, at their creation.
  await knex.raw(
    'INSERT INTO invitation_sends (invitation_id, room_id, sender_account_id, sent_at) SELECT id, room_id, inviter_account_id, created_at FROM invitations',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('invitation_sends');
}
