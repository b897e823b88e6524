// Runs one MAM page against the archive repository: combines the form's
// id filters (XEP-0313 "before-id", "after-id", "ids") with RSM paging
// (XEP-0059 after / before / empty before = last page).
// https://xmpp.org/extensions/xep-0313.html#query-limit-id
//
// The form's after-id / before-id bound the result set; RSM's after /
// before page through it. Both name positions in the same archive order,
// so when both are given the tighter bound wins. The one combination the
// repository cannot express directly (a lower bound from after-id while
// paging backwards from the end) is done by paging backwards and dropping
// what falls below the bound.

import { AppError } from '../../core/errors.js';
import type { ArchivedMessage, ArchiveOwner, ArchiveQuery, ArchiveRepo } from '../../store/types.js';
import type { MamFilters } from './query-form.js';
import type { RsmRequest } from './rsm.js';

export interface MamPage {
  messages: ArchivedMessage[];
  complete: boolean;
  /** Size of the whole result set; omitted when id filters make it unknown. */
  count?: number;
  firstIndex?: number;
}

type Repo = Pick<ArchiveRepo, 'query' | 'getByStanzaId'>;

async function positionOf(repo: Repo, owner: ArchiveOwner, stanzaId: string): Promise<number> {
  const message = await repo.getByStanzaId(owner, stanzaId);
  if (!message) throw new AppError('item-not-found', `No archived message has the id ${stanzaId.slice(0, 100)}`);
  return message.id;
}

/** Of two ids naming positions, the later one (for lower bounds) or the earlier one (for upper bounds). */
async function tighter(repo: Repo, owner: ArchiveOwner, a: string | undefined, b: string | undefined, pick: 'later' | 'earlier'): Promise<string | undefined> {
  if (a === undefined || b === undefined || a === b) return a ?? b;
  const [pa, pb] = await Promise.all([positionOf(repo, owner, a), positionOf(repo, owner, b)]);
  return (pick === 'later' ? pa >= pb : pa <= pb) ? a : b;
}

async function checkIds(repo: Repo, owner: ArchiveOwner, ids: string[]): Promise<void> {
  const found = await repo.query({ owner, ids, limit: ids.length });
  if (found.count >= ids.length) return;
  const present = new Set(found.messages.map((m) => m.stanzaId));
  const missing = ids.find((id) => !present.has(id)) ?? ids[0] ?? '';
  throw new AppError('item-not-found', `No archived message has the id ${missing.slice(0, 100)}`);
}

/** Throws AppError item-not-found for ids not in the archive (XEP-0313 §4.1.3, §4.2.2). */
export async function queryArchive(repo: Repo, owner: ArchiveOwner, filters: MamFilters, rsm: RsmRequest): Promise<MamPage> {
  if (filters.ids) await checkIds(repo, owner, filters.ids);
  const base: ArchiveQuery = { owner, limit: rsm.max };
  if (filters.with) base.withJid = filters.with.bare;
  if (filters.start) base.start = filters.start;
  if (filters.end) base.end = filters.end;
  if (filters.text !== undefined) base.text = filters.text;
  if (filters.ids) base.ids = filters.ids;
  if (filters.thread !== undefined) base.thread = filters.thread;
  const idBounded = filters.afterId !== undefined || filters.beforeId !== undefined;
  const backward = rsm.last || rsm.before !== undefined;

  const beforeId = await tighter(repo, owner, rsm.before, filters.beforeId, 'earlier');
  if (backward && rsm.after === undefined && filters.afterId !== undefined) {
    const floor = await positionOf(repo, owner, filters.afterId);
    const page = await repo.query({ ...base, ...(beforeId === undefined ? { last: true } : { beforeId }) });
    const messages = page.messages.filter((m) => m.id > floor);
    return { messages, complete: page.complete || messages.length < page.messages.length };
  }

  const afterId = await tighter(repo, owner, rsm.after, filters.afterId, 'later');
  const query: ArchiveQuery = { ...base };
  if (afterId !== undefined) query.afterId = afterId;
  if (beforeId !== undefined) query.beforeId = beforeId;
  else if (rsm.last) query.last = true;
  const page = await repo.query(query);
  if (idBounded) return { messages: page.messages, complete: page.complete };
  const result: MamPage = { messages: page.messages, complete: page.complete, count: page.count };
  if (afterId === undefined && beforeId === undefined) result.firstIndex = rsm.last ? Math.max(0, page.count - page.messages.length) : 0;
  return result;
}
