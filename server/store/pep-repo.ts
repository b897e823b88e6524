// Personal Eventing Protocol nodes and items (XEP-0163 over XEP-0060 storage):
// one row per node with its configuration, items trimmed to max_items newest.
import type { Knex } from 'knex';
import type { PepItem, PepNodeConfig, PepRepo } from './types.js';
import { withDbErrors } from './errors.js';
import { insertedId, toBool, toDate, toNumber, type Row } from './sql-values.js';

const ACCESS_MODELS: ReadonlyArray<PepNodeConfig['accessModel']> = ['presence', 'open', 'whitelist', 'roster'];

function toConfig(row: Row): PepNodeConfig {
  return {
    accessModel: ACCESS_MODELS.find((m) => m === row.access_model) ?? 'presence',
    maxItems: toNumber(row.max_items),
    persistItems: toBool(row.persist_items),
  };
}

function configColumns(config: PepNodeConfig): Row {
  return { access_model: config.accessModel, max_items: config.maxItems, persist_items: config.persistItems };
}

function toItem(row: Row): PepItem {
  return { node: String(row.node), itemId: String(row.item_id), payload: String(row.payload), publishedAt: toDate(row.published_at) };
}

export function createPepRepo(knex: Knex): PepRepo {
  const nodeRow = async (db: Knex, accountId: number, node: string): Promise<Row | undefined> =>
    (await db('pep_nodes').where({ account_id: accountId, node }).first()) as Row | undefined;

  return {
    async getNode(accountId, node) {
      const row = await nodeRow(knex, accountId, node);
      return row === undefined ? undefined : toConfig(row);
    },

    async putNode(accountId, node, config) {
      await withDbErrors('PEP node', () =>
        knex.transaction(async (trx) => {
          const now = new Date();
          const existing = await nodeRow(trx, accountId, node);
          if (existing === undefined) {
            await trx('pep_nodes').insert({ account_id: accountId, node, ...configColumns(config), created_at: now, updated_at: now });
          } else {
            await trx('pep_nodes').where({ id: existing.id }).update({ ...configColumns(config), updated_at: now });
          }
        }),
      );
    },

    async deleteNode(accountId, node) {
      return (await knex('pep_nodes').where({ account_id: accountId, node }).delete()) > 0;
    },

    async listNodes(accountId) {
      const rows = (await knex('pep_nodes').where({ account_id: accountId }).orderBy('node').select('node')) as Row[];
      return rows.map((row) => String(row.node));
    },

    async findItems(accountId, node, limit, itemIds) {
      const query = knex({ i: 'pep_items' })
        .join({ n: 'pep_nodes' }, 'n.id', 'i.node_id')
        .where({ 'n.account_id': accountId, 'n.node': node })
        .select('i.item_id', 'i.payload', 'i.published_at', 'n.node')
        .orderBy([{ column: 'i.published_at', order: 'desc' }, { column: 'i.id', order: 'desc' }]);
      if (itemIds !== undefined) query.whereIn('i.item_id', itemIds);
      if (limit !== undefined) query.limit(limit);
      return ((await query) as Row[]).map(toItem);
    },

    async putItem(accountId, item, maxItems) {
      await withDbErrors('PEP item', () =>
        knex.transaction(async (trx) => {
          const now = new Date();
          const node = await nodeRow(trx, accountId, item.node);
          // XEP-0163 §3: publishing to a missing node auto-creates it with defaults.
          const nodeId =
            node === undefined
              ? insertedId(
                  await trx('pep_nodes').insert({
                    account_id: accountId,
                    node: item.node,
                    ...configColumns({ accessModel: 'presence', maxItems, persistItems: true }),
                    created_at: now,
                    updated_at: now,
                  }),
                )
              : toNumber(node.id);
          const values = { payload: item.payload, published_at: item.publishedAt };
          const replaced = await trx('pep_items').where({ node_id: nodeId, item_id: item.itemId }).update(values);
          if (replaced === 0) await trx('pep_items').insert({ node_id: nodeId, item_id: item.itemId, ...values });

          // MySQL refuses LIMIT inside an IN subquery: select the surplus, then delete it.
          const surplus = (await trx('pep_items')
            .where({ node_id: nodeId })
            .orderBy([{ column: 'published_at', order: 'desc' }, { column: 'id', order: 'desc' }])
            .limit(Number.MAX_SAFE_INTEGER)
            .offset(Math.max(0, maxItems))
            .select('id')) as Row[];
          if (surplus.length > 0) await trx('pep_items').whereIn('id', surplus.map((r) => toNumber(r.id))).delete();
        }),
      );
    },

    async deleteItem(accountId, node, itemId) {
      const owned = knex('pep_nodes').where({ account_id: accountId, node }).select('id');
      return (await knex('pep_items').whereIn('node_id', owned).where({ item_id: itemId }).delete()) > 0;
    },
  };
}
