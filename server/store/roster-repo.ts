// Roster items and their groups (RFC 6121 §2). `put` replaces the whole item,
// groups included, in one transaction.
import type { Knex } from 'knex';
import type { RosterItem, RosterRepo, Subscription } from './types.js';
import { withDbErrors } from './errors.js';
import { toBool, toNumber, toStringOrNull, type Row } from './sql-values.js';

const SUBSCRIPTIONS: readonly Subscription[] = ['none', 'to', 'from', 'both'];

function toItem(row: Row, groups: string[]): RosterItem {
  const subscription = SUBSCRIPTIONS.find((s) => s === row.subscription) ?? 'none';
  return {
    jid: String(row.jid),
    name: toStringOrNull(row.name),
    subscription,
    askOut: toBool(row.ask_out),
    pendingIn: toBool(row.pending_in),
    approved: toBool(row.approved),
    groups,
  };
}

async function groupsByItem(knex: Knex, itemIds: number[]): Promise<Map<number, string[]>> {
  const byItem = new Map<number, string[]>();
  if (itemIds.length === 0) return byItem;
  const rows = (await knex('roster_item_groups').whereIn('roster_item_id', itemIds).orderBy('name')) as Row[];
  for (const row of rows) {
    const id = toNumber(row.roster_item_id);
    const list = byItem.get(id) ?? [];
    list.push(String(row.name));
    byItem.set(id, list);
  }
  return byItem;
}

export function createRosterRepo(knex: Knex): RosterRepo {
  return {
    async find(accountId) {
      const rows = (await knex('roster_items').where({ account_id: accountId }).orderBy('jid')) as Row[];
      const groups = await groupsByItem(knex, rows.map((r) => toNumber(r.id)));
      return rows.map((r) => toItem(r, groups.get(toNumber(r.id)) ?? []));
    },

    async get(accountId, jid) {
      const row = (await knex('roster_items').where({ account_id: accountId, jid }).first()) as Row | undefined;
      if (row === undefined) return undefined;
      const groups = await groupsByItem(knex, [toNumber(row.id)]);
      return toItem(row, groups.get(toNumber(row.id)) ?? []);
    },

    async put(accountId, item) {
      await withDbErrors('Roster item', () =>
        knex.transaction(async (trx) => {
          const now = new Date();
          const columns = {
            name: item.name,
            subscription: item.subscription,
            ask_out: item.askOut,
            pending_in: item.pendingIn,
            approved: item.approved,
            updated_at: now,
          };
          const existing = (await trx('roster_items').where({ account_id: accountId, jid: item.jid }).first('id')) as
            | Row
            | undefined;
          let itemId: number;
          if (existing === undefined) {
            const [id] = (await trx('roster_items').insert({
              account_id: accountId, jid: item.jid, ...columns, created_at: now,
            })) as unknown[];
            itemId = toNumber(id);
          } else {
            itemId = toNumber(existing.id);
            await trx('roster_items').where({ id: itemId }).update(columns);
            await trx('roster_item_groups').where({ roster_item_id: itemId }).delete();
          }
          const groups = [...new Set(item.groups)];
          if (groups.length > 0) {
            await trx('roster_item_groups').insert(groups.map((name) => ({ roster_item_id: itemId, name })));
          }
        }),
      );
    },

    async delete(accountId, jid) {
      // roster_item_groups rows go with it (ON DELETE CASCADE).
      return (await knex('roster_items').where({ account_id: accountId, jid }).delete()) > 0;
    },
  };
}
