// Room events (the project's `urn:causerie:events:0`): a title, a start, an
// optional end, description and conference link, attached to one room.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toDateOrNull, toNumber, toNumberOrNull, toStringOrNull } from './sql-values.js';
import type { Row } from './sql-values.js';

export interface RoomEvent {
  id: number;
  roomId: number;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  description: string | null;
  conferenceUrl: string | null;
  /** Null once the creator's account is deleted. */
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRoomEvent {
  roomId: number;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  description: string | null;
  conferenceUrl: string | null;
  createdBy: number;
}

export interface RoomEventsRepo {
  insert(event: NewRoomEvent): Promise<RoomEvent>;
  get(id: number): Promise<RoomEvent | undefined>;
  /** A room's events by start time (earliest first), ties by id. */
  listByRoom(roomId: number): Promise<RoomEvent[]>;
  delete(id: number): Promise<boolean>;
}

function fromRow(row: Row): RoomEvent {
  return {
    id: toNumber(row.id),
    roomId: toNumber(row.room_id),
    title: String(row.title),
    startsAt: toDate(row.starts_at),
    endsAt: toDateOrNull(row.ends_at),
    description: toStringOrNull(row.description),
    conferenceUrl: toStringOrNull(row.conference_url),
    createdBy: toNumberOrNull(row.created_by),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function createRoomEventsRepo(knex: Knex): RoomEventsRepo {
  const get = async (id: number): Promise<RoomEvent | undefined> => {
    const row = (await knex('room_events').where({ id }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  };
  return {
    get,

    async insert(event) {
      const now = new Date();
      const result: unknown = await withDbErrors('Room event', () =>
        knex('room_events').insert({
          room_id: event.roomId,
          title: event.title,
          starts_at: event.startsAt,
          ends_at: event.endsAt,
          description: event.description,
          conference_url: event.conferenceUrl,
          created_by: event.createdBy,
          created_at: now,
          updated_at: now,
        }),
      );
      return (await get(insertedId(result))) as RoomEvent;
    },

    async listByRoom(roomId) {
      const rows = (await knex('room_events').where({ room_id: roomId }).orderBy([{ column: 'starts_at' }, { column: 'id' }])) as Row[];
      return rows.map(fromRow);
    },

    async delete(id) {
      return (await knex('room_events').where({ id }).delete()) > 0;
    },
  };
}
