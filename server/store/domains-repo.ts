// Domains and their GroupWare / WebDAV / TeamChat policy switches.
import type { Knex } from 'knex';
import type { Domain, DomainsRepo, NewDomain } from './types.js';
import { withDbErrors } from './errors.js';
import { insertedId, toBool, toDate, toStringOrNull, type Row } from './sql-values.js';

function toDomain(row: Row): Domain {
  return {
    id: Number(row.id),
    name: String(row.name),
    kind: row.kind === 'guest' ? 'guest' : 'regular',
    description: toStringOrNull(row.description),
    groupware: toBool(row.groupware),
    webdav: toBool(row.webdav),
    teamchat: toBool(row.teamchat),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function policyColumns(patch: Partial<NewDomain>): Row {
  const row: Row = {};
  if (patch.description !== undefined) row.description = patch.description;
  if (patch.groupware !== undefined) row.groupware = patch.groupware;
  if (patch.webdav !== undefined) row.webdav = patch.webdav;
  if (patch.teamchat !== undefined) row.teamchat = patch.teamchat;
  return row;
}

export function createDomainsRepo(knex: Knex): DomainsRepo {
  const get = async (id: number): Promise<Domain | undefined> => {
    const row = (await knex('domains').where({ id }).first()) as Row | undefined;
    return row === undefined ? undefined : toDomain(row);
  };

  return {
    get,

    async getByName(name) {
      const row = (await knex('domains').where({ name }).first()) as Row | undefined;
      return row === undefined ? undefined : toDomain(row);
    },

    async find() {
      const rows = (await knex('domains').orderBy('name')) as Row[];
      return rows.map(toDomain);
    },

    async insert(domain) {
      const now = new Date();
      const id = await withDbErrors('Domain', async () =>
        insertedId(
          await knex('domains').insert({
            name: domain.name,
            kind: domain.kind ?? 'regular',
            ...policyColumns(domain),
            created_at: now,
            updated_at: now,
          }),
        ),
      );
      const inserted = await get(id);
      if (inserted === undefined) throw new Error(`Domain ${id} vanished after insert`);
      return inserted;
    },

    async update(id, patch) {
      const changed = await withDbErrors('Domain', () =>
        knex('domains').where({ id }).update({ ...policyColumns(patch), updated_at: new Date() }),
      );
      return changed === 0 ? undefined : get(id);
    },

    async delete(id) {
      return (await knex('domains').where({ id }).delete()) > 0;
    },
  };
}
