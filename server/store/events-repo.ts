// The append-only events table every node follows to learn about changes made
// elsewhere (WebAdmin, other nodes). Followers keep the last id they saw.
// An id is allocated when a transaction inserts, not when it commits, so a
// follower may see id n+1 before a slow writer commits n; append() is a
// single short auto-committed insert to keep that window tiny.
import type { Knex } from 'knex';
import type { EventsRepo } from './types.js';
import { insertedId, toDate, toNumber, type Row } from './sql-values.js';

export function createEventsRepo(knex: Knex): EventsRepo {
  return {
    async append(type, payload) {
      return insertedId(await knex('events').insert({ type, payload, created_at: new Date() }));
    },

    async after(id, limit) {
      const rows = (await knex('events').where('id', '>', id).orderBy('id').limit(limit)) as Row[];
      return rows.map((row) => ({
        id: toNumber(row.id),
        type: String(row.type),
        payload: String(row.payload),
        createdAt: toDate(row.created_at),
      }));
    },

    async lastId() {
      const row = (await knex('events').max({ id: 'id' }).first()) as Row | undefined;
      return row?.id === null || row?.id === undefined ? 0 : toNumber(row.id);
    },

    async prune(before) {
      return knex('events').where('created_at', '<', before).delete();
    },
  };
}
