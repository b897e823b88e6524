// Rooms (group rooms and private rooms) and their explicit members.

import type { Knex } from 'knex';
import type { NewRoom, Room, RoomsRepo } from './teamchat-types.js';
import { withDbErrors } from './errors.js';
import { insertedId, toBool, toDate, toDateOrNull, toNumberOrNull, toStringOrNull, type Row } from './sql-values.js';

function toRoom(row: Row): Room {
  return {
    id: Number(row.id),
    domainId: Number(row.domain_id),
    domain: String(row.domain_name),
    localpart: String(row.localpart),
    name: String(row.name),
    description: toStringOrNull(row.description),
    subject: toStringOrNull(row.subject),
    subjectBy: toStringOrNull(row.subject_by),
    subjectAt: toDateOrNull(row.subject_at),
    kind: row.kind === 'group' ? 'group' : 'private',
    groupId: toNumberOrNull(row.group_id),
    createdBy: toNumberOrNull(row.created_by),
    archived: toBool(row.archived),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function createRoomsRepo(knex: Knex): RoomsRepo {
  const base = (): Knex.QueryBuilder => knex('rooms').join('domains', 'domains.id', 'rooms.domain_id').select('rooms.*', 'domains.name as domain_name');
  const get = async (id: number): Promise<Room | undefined> => {
    const row = (await base().where('rooms.id', id).first()) as Row | undefined;
    return row ? toRoom(row) : undefined;
  };

  return {
    get,

    async getByAddress(domainId, localpart) {
      const row = (await base().where({ 'rooms.domain_id': domainId, 'rooms.localpart': localpart }).first()) as Row | undefined;
      return row ? toRoom(row) : undefined;
    },

    async find(filter = {}) {
      const query = base().orderBy('rooms.name').orderBy('rooms.id');
      if (filter.domainId !== undefined) query.where('rooms.domain_id', filter.domainId);
      if (filter.groupId !== undefined) query.where('rooms.group_id', filter.groupId);
      if (filter.kind !== undefined) query.where('rooms.kind', filter.kind);
      if (filter.ids !== undefined) {
        if (filter.ids.length === 0) return [];
        query.whereIn('rooms.id', filter.ids);
      }
      return ((await query) as Row[]).map(toRoom);
    },

    async insert(room: NewRoom) {
      const now = new Date();
      const id = await withDbErrors('Room', async () =>
        insertedId(
          await knex('rooms').insert({
            domain_id: room.domainId,
            localpart: room.localpart,
            name: room.name,
            description: room.description ?? null,
            kind: room.kind,
            group_id: room.groupId ?? null,
            created_by: room.createdBy ?? null,
            archived: false,
            created_at: now,
            updated_at: now,
          }),
        ),
      );
      const inserted = await get(id);
      if (!inserted) throw new Error(`Room ${id} vanished after insert`);
      return inserted;
    },

    async update(id, patch) {
      const row: Row = { updated_at: new Date() };
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.description !== undefined) row.description = patch.description;
      if (patch.subject !== undefined) row.subject = patch.subject;
      if (patch.subjectBy !== undefined) row.subject_by = patch.subjectBy;
      if (patch.subjectAt !== undefined) row.subject_at = patch.subjectAt;
      if (patch.archived !== undefined) row.archived = patch.archived;
      const changed = await withDbErrors('Room', () => knex('rooms').where({ id }).update(row));
      return changed === 0 ? undefined : get(id);
    },

    async delete(id) {
      return (await knex('rooms').where({ id }).delete()) > 0;
    },

    async members(roomId) {
      const rows = (await knex('room_members').where({ room_id: roomId }).orderBy('id')) as Row[];
      return rows.map((row) => Number(row.account_id));
    },

    async roomsWithMember(accountId) {
      const rows = (await knex('room_members').where({ account_id: accountId })) as Row[];
      return rows.map((row) => Number(row.room_id));
    },

    async addMember(roomId, accountId, addedBy) {
      await withDbErrors('Room member', () => knex('room_members').insert({ room_id: roomId, account_id: accountId, added_by: addedBy, created_at: new Date() }));
    },

    async removeMember(roomId, accountId) {
      return (await knex('room_members').where({ room_id: roomId, account_id: accountId }).delete()) > 0;
    },
  };
}
