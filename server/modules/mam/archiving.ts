// What goes into a user's archive and how: XEP-0313 §"User Archives"
// (chat/normal messages with a body), XEP-0359 stanza ids assigned by the
// archive owner, XEP-0334 storage hints.
// https://xmpp.org/extensions/xep-0313.html#business-storeret-user-archives
// https://xmpp.org/extensions/xep-0359.html — https://xmpp.org/extensions/xep-0334.html

import { randomBytes } from 'node:crypto';
import type { NewArchivedMessage } from '../../store/types.js';
import { NS_HINTS, NS_MESSAGE_RETRACT, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

const ID_BYTES = 12;
// Every archived message takes two ids: one CSPRNG call per 512 ids instead
// of one per id (it showed in chat profiles). Each byte is used once.
const POOL_BYTES = ID_BYTES * 512;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** A new XEP-0359 stanza id: 96 random bits, URL-safe, unguessable. */
export function newStanzaId(): string {
  if (poolOffset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return id;
}

export function hasHint(stanza: Element, hint: 'store' | 'no-store' | 'no-permanent-store' | 'no-copy'): boolean {
  return stanza.getChild(hint, NS_HINTS) !== undefined;
}

/**
 * True for messages a user archive keeps: chat or normal with a body, or a
 * retraction (so MAM replays it), or any chat/normal message hinted <store/>;
 * never when hinted <no-store/> or <no-permanent-store/>. Errors, headlines,
 * groupchat (rooms keep their own archive) and bare chat states are not kept.
 */
export function isArchivable(stanza: Element): boolean {
  if (stanza.name !== 'message') return false;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return false;
  if (hasHint(stanza, 'no-store') || hasHint(stanza, 'no-permanent-store')) return false;
  return stanza.getChild('body') !== undefined || hasHint(stanza, 'store') || stanza.getChild('retract', NS_MESSAGE_RETRACT) !== undefined;
}

/** Adds <stanza-id by id/>, replacing any earlier one from the same archive. */
export function stampStanzaId(stanza: Element, by: string, id: string): void {
  stanza.children = stanza.children.filter((child) => typeof child === 'string' || !(child.name === 'stanza-id' && child.attrs.xmlns === NS_SID && child.attrs.by === by));
  stanza.cnode(el('stanza-id', { xmlns: NS_SID, by, id }));
}

export function originIdOf(stanza: Element): string | null {
  const origin = stanza.getChild('origin-id', NS_SID);
  const id = origin?.attrs.id;
  return id !== undefined && id !== '' ? id.slice(0, 255) : null;
}

export interface UserArchiveEntry {
  ownerAccountId: number;
  stanzaId: string;
  /** The copy as the owner sees it (carries the owner's stanza-id). */
  stanza: Element;
  /** Bare JID of the other party (the owner's own for notes to self). */
  withJid: string;
  senderAccountId: number | null;
  at: Date;
}

export function userArchiveRow(entry: UserArchiveEntry): NewArchivedMessage {
  return {
    owner: { kind: 'user', accountId: entry.ownerAccountId },
    stanzaId: entry.stanzaId,
    originId: originIdOf(entry.stanza),
    withJid: entry.withJid,
    fromJid: entry.stanza.attrs.from ?? '',
    senderAccountId: entry.senderAccountId,
    senderName: null,
    body: entry.stanza.getChildText('body'),
    stanza: entry.stanza.toString(),
    timestamp: entry.at,
  };
}
