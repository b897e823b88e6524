// Pinned room messages (`urn:causerie:pins:0`, see docs/XMPP.md "Pins"): one
// row per room and message stanza id.
import type { Knex } from 'knex';
import type { Pin, PinsRepo } from './types.js';
import { withDbErrors } from './errors.js';
import { toDate, toNumber, toNumberOrNull, type Row } from './sql-values.js';

function toPin(row: Row): Pin {
  return { roomId: toNumber(row.room_id), stanzaId: String(row.stanza_id), pinnedBy: toNumberOrNull(row.pinned_by), createdAt: toDate(row.created_at) };
}

export function createPinsRepo(knex: Knex): PinsRepo {
  return {
    async add(pin) {
      // A second pin keeps the first one's author and time; the rooms service
      // pins one at a time per room, and the unique key settles any other race.
      const before = (await knex('pins').where({ room_id: pin.roomId, stanza_id: pin.stanzaId }).first('id')) as Row | undefined;
      if (before !== undefined) return false;
      await withDbErrors('Pin', () =>
        knex('pins')
          .insert({ room_id: pin.roomId, stanza_id: pin.stanzaId, pinned_by: pin.pinnedBy, created_at: pin.createdAt })
          .onConflict(['room_id', 'stanza_id'])
          .ignore(),
      );
      return true;
    },

    async remove(roomId, stanzaId) {
      return (await knex('pins').where({ room_id: roomId, stanza_id: stanzaId }).delete()) > 0;
    },

    async list(roomId) {
      return ((await knex('pins').where({ room_id: roomId }).orderBy('id', 'asc')) as Row[]).map(toPin);
    },
  };
}
