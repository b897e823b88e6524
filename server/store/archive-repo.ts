// Message archive for users and rooms: XEP-0313 (MAM) queries with RSM paging
// (XEP-0059), XEP-0359 stanza ids, full-text search (see archive-search.ts)
// and XEP-0424/0425 retraction tombstones.
// https://xmpp.org/extensions/xep-0313.html — https://xmpp.org/extensions/xep-0059.html
import type { Knex } from 'knex';
import { AppError } from '../core/errors.js';
import type { ArchivedMessage, ArchiveOwner, ArchiveQuery, ArchiveRelation, ArchiveRepo, NewArchivedMessage } from './types.js';
import { createTextSearch, type TextCondition } from './archive-search.js';
import { withDbErrors } from './errors.js';
import { toBool, toDate, toNumber, toNumberOrNull, toStringOrNull, type Row } from './sql-values.js';

// Rows per INSERT: well under SQLite's bound-variable limit (13 columns each).
const INSERT_CHUNK = 250;

function ownerColumns(owner: ArchiveOwner): Row {
  return owner.kind === 'user'
    ? { 'archive_messages.owner_account_id': owner.accountId }
    : { 'archive_messages.owner_room_id': owner.roomId };
}

function toRow(message: NewArchivedMessage): Row {
  return {
    owner_kind: message.owner.kind,
    owner_account_id: message.owner.kind === 'user' ? message.owner.accountId : null,
    owner_room_id: message.owner.kind === 'room' ? message.owner.roomId : null,
    stanza_id: message.stanzaId,
    origin_id: message.originId,
    with_jid: message.withJid,
    from_jid: message.fromJid,
    sender_account_id: message.senderAccountId,
    sender_name: message.senderName,
    body: message.body,
    stanza: message.stanza,
    ts: message.timestamp,
    thread: message.thread ?? null,
    applies_to: message.appliesTo?.stanzaId ?? null,
    applies_kind: message.appliesTo?.kind ?? null,
  };
}

function toMessage(row: Row): ArchivedMessage {
  const owner: ArchiveOwner =
    row.owner_kind === 'room'
      ? { kind: 'room', roomId: toNumber(row.owner_room_id) }
      : { kind: 'user', accountId: toNumber(row.owner_account_id) };
  return {
    id: toNumber(row.id),
    owner,
    stanzaId: String(row.stanza_id),
    originId: toStringOrNull(row.origin_id),
    withJid: String(row.with_jid),
    fromJid: String(row.from_jid),
    senderAccountId: toNumberOrNull(row.sender_account_id),
    senderName: toStringOrNull(row.sender_name),
    body: toStringOrNull(row.body),
    stanza: String(row.stanza),
    timestamp: toDate(row.ts),
    retracted: toBool(row.retracted),
    // Absent rather than null, so rows written without them read back as written.
    ...(row.thread == null ? {} : { thread: String(row.thread) }),
    ...(row.applies_to == null ? {} : { appliesTo: { stanzaId: String(row.applies_to), kind: String(row.applies_kind) as ArchiveRelation } }),
  };
}

export function createArchiveRepo(knex: Knex): ArchiveRepo {
  const textSearch = createTextSearch(knex);

  /** Internal id of a message named in an RSM after/before; unknown ids are item-not-found (XEP-0313 §5.1.2). */
  const internalId = async (owner: ArchiveOwner, stanzaId: string): Promise<number> => {
    const row = (await knex('archive_messages').where(ownerColumns(owner)).where({ stanza_id: stanzaId }).first('id')) as
      | Row
      | undefined;
    if (row === undefined) throw new AppError('item-not-found', 'No archived message with this id');
    return toNumber(row.id);
  };

  /** The query's filters, without paging. Not async: a knex builder is thenable. */
  const filtered = (query: ArchiveQuery, text: TextCondition | undefined): Knex.QueryBuilder => {
    const builder = knex('archive_messages').where(ownerColumns(query.owner));
    if (query.withJid !== undefined) builder.where('archive_messages.with_jid', query.withJid);
    if (query.start !== undefined) builder.where('archive_messages.ts', '>=', query.start);
    if (query.end !== undefined) builder.where('archive_messages.ts', '<=', query.end);
    if (query.ids !== undefined) builder.whereIn('archive_messages.stanza_id', query.ids);
    if (query.thread !== undefined) builder.where('archive_messages.thread', query.thread);
    if (text !== undefined) builder.where('archive_messages.retracted', false).whereRaw(text.sql, text.bindings);
    return builder;
  };

  return {
    async insertMany(messages) {
      if (messages.length === 0) return;
      // One statement is atomic on its own: a batch that fits one INSERT
      // skips the transaction (BEGIN/COMMIT through knex cost more than the
      // insert itself for the small batches of the group commit).
      if (messages.length <= INSERT_CHUNK) {
        await withDbErrors('Archived message', () => knex('archive_messages').insert(messages.map(toRow)));
        return;
      }
      await withDbErrors('Archived message', () =>
        knex.transaction(async (trx) => {
          for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
            await trx('archive_messages').insert(messages.slice(i, i + INSERT_CHUNK).map(toRow));
          }
        }),
      );
    },

    async query(query) {
      const after = query.afterId === undefined ? undefined : await internalId(query.owner, query.afterId);
      const before = query.beforeId === undefined ? undefined : await internalId(query.owner, query.beforeId);
      let text: TextCondition | undefined;
      if (query.text !== undefined && query.text.trim() !== '') {
        text = await textSearch.condition(query.text);
        if (text === undefined) return { messages: [], complete: true, count: 0 };
      }
      const page = filtered(query, text);

      // RSM: <before/> (with or without an id) pages backwards from the end,
      // unless an <after/> id fixes the start.
      const backward = (query.beforeId !== undefined || query.last === true) && query.afterId === undefined;
      if (after !== undefined) page.where('archive_messages.id', '>', after);
      if (before !== undefined) page.where('archive_messages.id', '<', before);
      const limit = Math.max(0, Math.floor(query.limit));
      // One extra row tells whether the page reaches the end.
      const rows = (await page.orderBy('archive_messages.id', backward ? 'desc' : 'asc').limit(limit + 1)) as Row[];
      const complete = rows.length <= limit;
      const pageRows = rows.slice(0, limit);
      if (backward) pageRows.reverse();

      const countRow = (await filtered(query, text).count({ n: '*' }).first()) as Row | undefined;
      return { messages: pageRows.map(toMessage), complete, count: toNumber(countRow?.n ?? 0) };
    },

    async getByStanzaId(owner, stanzaId) {
      const row = (await knex('archive_messages').where(ownerColumns(owner)).where({ stanza_id: stanzaId }).first()) as
        | Row
        | undefined;
      return row === undefined ? undefined : toMessage(row);
    },

    async markRetracted(owner, stanzaId, tombstone) {
      // Clearing the body also takes it out of the full-text index (InnoDB
      // index maintenance, FTS5 via the update trigger).
      const changed = await knex('archive_messages')
        .where(ownerColumns(owner))
        .where({ stanza_id: stanzaId })
        .update({ retracted: true, body: null, stanza: tombstone });
      return changed > 0;
    },

    async findByOriginId(owner, originId, senderAccountId) {
      const builder = knex('archive_messages').where(ownerColumns(owner)).where({ origin_id: originId });
      if (senderAccountId !== undefined) builder.where({ sender_account_id: senderAccountId });
      const row = (await builder.orderBy('id', 'desc').first()) as Row | undefined;
      return row === undefined ? undefined : toMessage(row);
    },

    async replaceSearchBody(owner, stanzaId, body) {
      // The FTS5 update trigger and InnoDB's index follow the column.
      const changed = await knex('archive_messages').where(ownerColumns(owner)).where({ stanza_id: stanzaId, retracted: false }).update({ body });
      return changed > 0;
    },

    async findApplying(owner, stanzaId, kind, senderAccountId) {
      const builder = knex('archive_messages').where(ownerColumns(owner)).where({ applies_to: stanzaId, applies_kind: kind });
      if (senderAccountId !== undefined) builder.where({ sender_account_id: senderAccountId });
      return ((await builder.orderBy('id', 'asc')) as Row[]).map(toMessage);
    },

    async deleteApplying(owner, stanzaId, kind, senderAccountId, keepStanzaId) {
      const keep = (await knex('archive_messages').where(ownerColumns(owner)).where({ stanza_id: keepStanzaId }).first('id')) as Row | undefined;
      if (keep === undefined) return 0;
      // Only older rows: a newer set committed meanwhile must survive this clean-up.
      return knex('archive_messages')
        .where(ownerColumns(owner))
        .where({ applies_to: stanzaId, applies_kind: kind, sender_account_id: senderAccountId })
        .where('id', '<', toNumber(keep.id))
        .delete();
    },

    async deleteOwner(owner) {
      await knex('archive_messages').where(ownerColumns(owner)).delete();
    },
  };
}
