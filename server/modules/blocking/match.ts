// XEP-0191 §3.4 defers JID matching to XEP-0016 §2.1: an item blocks the
// exact full JID, the bare JID (all resources), the domain (every entity
// there) or domain/resource.
// https://xmpp.org/extensions/xep-0191.html#block  https://xmpp.org/extensions/xep-0016.html#protocol-items

import { AppError } from '../../core/errors.js';
import { parseJid } from '../../core/jid.js';
import type { Jid } from '../../core/jid.js';

/** Longest item we store (the column holds 512 characters). */
const MAX_ITEM_LENGTH = 512;

/** True when an item of `blocked` matches `jid`. */
export function isBlockedBy(blocked: ReadonlySet<string>, jid: Jid): boolean {
  if (blocked.size === 0) return false;
  if (blocked.has(jid.full) || blocked.has(jid.domain)) return true;
  if (jid.local) return blocked.has(jid.bare);
  // <domain/resource> matches only that exact server-side entity (XEP-0016 §2.1 rule 3).
  return false;
}

/** True when the blocklist item (a normalised JID) covers the account `bare` (used to find affected contacts). */
export function itemCoversAccount(item: string, bare: string): boolean {
  if (item === bare) return true;
  if (item.startsWith(`${bare}/`)) return true;
  const domain = bare.slice(bare.indexOf('@') + 1);
  return item === domain;
}

/** Normalises one item's JID (RFC 7622); throws jid-malformed. */
export function normaliseItem(input: string | undefined): string {
  if (input === undefined || input === '') throw new AppError('jid-malformed', 'Each item needs a jid attribute');
  const jid = parseJid(input);
  if (jid.full.length > MAX_ITEM_LENGTH) throw new AppError('jid-malformed', 'The address is too long');
  return jid.full;
}
