// What a room message does besides being posted, decided before it is
// archived: the right it needs, how its archive row is filed (search text,
// XEP-0201 thread, the message it acts on) and what must change in the
// archive once it is committed (a corrected search text, a tombstone…).

import { AppError } from '../../core/errors.js';
import type { ArchivedMessage, ArchiveOwner, ArchiveRelation, ArchiveRepo } from '../../store/types.js';
import type { RightName } from '../../store/teamchat-types.js';

export interface MessagePlan {
  /** The right the sender needs (already checked when the plan is returned). */
  right: RightName;
  /** Text full-text search sees for this row; undefined means the body. */
  searchBody?: string | null;
  thread?: string | null;
  appliesTo?: { stanzaId: string; kind: ArchiveRelation };
  /** Runs once the message is committed, before it is broadcast; gets its stanza id. */
  afterCommit?: (stanzaId: string) => Promise<void>;
}

export function requireRight(rights: Record<RightName, boolean>, right: RightName, text: string): void {
  if (!rights[right]) throw new AppError('forbidden', text);
}

/** A non-empty `id` attribute, or bad-request naming the element. */
export function idOf(element: { attrs: Record<string, string | undefined> }, what: string): string {
  const id = element.attrs.id?.trim();
  if (!id) throw new AppError('bad-request', `${what} needs the id of the message it applies to`);
  if (id.length > 255) throw new AppError('bad-request', `${what}: the id is too long`);
  return id;
}

/** A live message of the room archive by its room stanza id, or item-not-found. */
export async function liveTarget(archive: ArchiveRepo, owner: ArchiveOwner, stanzaId: string): Promise<ArchivedMessage> {
  const target = await archive.getByStanzaId(owner, stanzaId);
  if (!target || target.retracted) throw new AppError('item-not-found', 'There is no such message in this room');
  return target;
}

/**
 * The sender's own message named by `id`: the sender's message id or origin-id
 * (XEP-0308 names the original that way) or the room's stanza id (XEP-0424 in
 * rooms). A correction named instead of its original leads to the original.
 * Someone else's message is forbidden; an unknown or retracted one item-not-found.
 */
export async function ownTarget(archive: ArchiveRepo, owner: ArchiveOwner, accountId: number, id: string, action: string): Promise<ArchivedMessage> {
  let target = (await archive.findByOriginId(owner, id, accountId)) ?? (await archive.getByStanzaId(owner, id)) ?? (await archive.findByOriginId(owner, id));
  if (target?.appliesTo?.kind === 'correction') target = await archive.getByStanzaId(owner, target.appliesTo.stanzaId);
  if (!target || target.retracted) throw new AppError('item-not-found', 'There is no such message in this room');
  if (target.senderAccountId !== accountId) throw new AppError('forbidden', `You can only ${action} your own messages`);
  return target;
}
