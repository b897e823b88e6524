// Roster items on the wire and their validation (RFC 6121 §2.1, §2.3).
// https://www.rfc-editor.org/rfc/rfc6121#section-2.1
// Pure functions: no I/O, so every validation rule has a unit test.

import { AppError } from '../../core/errors.js';
import { tryParseJid } from '../../core/jid.js';
import type { Jid } from '../../core/jid.js';
import type { RosterItem, Subscription } from '../../store/types.js';
import { NS_ROSTER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

/** Longest item name or group name we store (characters). */
export const MAX_NAME_LENGTH = 1023;
/** Most groups one item may belong to. */
export const MAX_GROUPS_PER_ITEM = 64;
/** Most items one roster may hold (RFC 6121 §2.3.3: "server-configured limit"). */
export const MAX_ROSTER_ITEMS = 2000;

const SUBSCRIPTION_VALUES = new Set(['none', 'to', 'from', 'both', 'remove']);

/** The user receives the contact's presence (RFC 6121 §2.1.2.5: "to" or "both"). */
export function hasTo(subscription: Subscription): boolean {
  return subscription === 'to' || subscription === 'both';
}

/** The contact receives the user's presence ("from" or "both"). */
export function hasFrom(subscription: Subscription): boolean {
  return subscription === 'from' || subscription === 'both';
}

/** A new, empty roster item for `jid`. */
export function blankItem(jid: string): RosterItem {
  return { jid, name: null, subscription: 'none', askOut: false, pendingIn: false, approved: false, groups: [] };
}

/**
 * True for a row kept only to remember an inbound subscription request the
 * user has not answered ("None + Pending In", RFC 6121 §3.1.3). Such a
 * contact is not in the user's roster yet: it is neither listed nor pushed
 * (as in Prosody and ejabberd). The store has no "in roster" flag, so an
 * item the user added with no name and no group, then received a request
 * from, is hidden too until the request is answered.
 */
export function isPendingOnly(item: RosterItem): boolean {
  return item.pendingIn && item.subscription === 'none' && !item.askOut && !item.approved && item.name === null && item.groups.length === 0;
}

/** True when the row carries nothing at all and can be deleted. */
export function isEmpty(item: RosterItem): boolean {
  return item.subscription === 'none' && !item.askOut && !item.pendingIn && !item.approved && item.name === null && item.groups.length === 0;
}

export function isVisible(item: RosterItem | undefined): item is RosterItem {
  return item !== undefined && !isPendingOnly(item);
}

export function sameItem(a: RosterItem | undefined, b: RosterItem | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.jid === b.jid && a.name === b.name && a.subscription === b.subscription && a.askOut === b.askOut &&
    a.pendingIn === b.pendingIn && a.approved === b.approved &&
    a.groups.length === b.groups.length && a.groups.every((g, i) => g === b.groups[i])
  );
}

/** The <item/> element of a roster result or push (§2.1.2). */
export function itemElement(item: RosterItem): Element {
  const attrs: Record<string, string> = { jid: item.jid, subscription: item.subscription };
  if (item.name !== null) attrs.name = item.name;
  if (item.askOut) attrs.ask = 'subscribe';
  if (item.approved) attrs.approved = 'true';
  return el('item', attrs, ...item.groups.map((group) => el('group', null, group)));
}

/** The <item subscription='remove'/> of a push announcing a deletion (§2.5.2). */
export function removedItemElement(jid: string): Element {
  return el('item', { jid, subscription: 'remove' });
}

export function rosterQuery(items: RosterItem[], ver: string | undefined): Element {
  return el('query', { xmlns: NS_ROSTER, ver }, ...items.map(itemElement));
}

export type RosterSetRequest =
  | { kind: 'update'; jid: Jid; name: string | null; groups: string[] }
  | { kind: 'remove'; jid: Jid };

/**
 * Validates a roster set (§2.3.2, errors §2.3.3) sent by `owner`; throws
 * AppError with a text saying what is wrong.
 *
 * Deliberate leniency: §2.1.2.5 says the server MUST ignore a 'subscription'
 * value other than "remove" in a roster set, and real clients (slixmpp)
 * send the current state there, so "none", "to", "from" and "both" are
 * ignored; only values outside the protocol are refused. 'ask' and
 * 'approved' are ignored too (the server owns them).
 */
export function parseRosterSet(query: Element, owner: Jid): RosterSetRequest {
  const items = query.getChildElements();
  if (items.length !== 1 || items[0]?.name !== 'item') {
    throw new AppError('bad-request', 'A roster set carries exactly one <item/>');
  }
  const item = items[0];
  const rawJid = item.attrs.jid;
  if (rawJid === undefined || rawJid === '') throw new AppError('bad-request', 'The roster item has no jid attribute');
  const jid = tryParseJid(rawJid);
  if (!jid) throw new AppError('bad-request', `The roster item's JID "${rawJid.slice(0, 100)}" is malformed`);
  if (!jid.isBare) throw new AppError('bad-request', 'A roster item is a bare JID (name@domain), without a resource');
  if (jid.bare === owner.bare) throw new AppError('not-acceptable', 'You cannot add your own address to your roster');
  const subscription = item.attrs.subscription;
  if (subscription !== undefined && !SUBSCRIPTION_VALUES.has(subscription)) {
    throw new AppError('bad-request', `Unknown subscription value "${subscription.slice(0, 40)}"`);
  }
  if (subscription === 'remove') return { kind: 'remove', jid };
  const rawName = item.attrs.name;
  const name = rawName === undefined || rawName === '' ? null : rawName;
  if (name !== null && name.length > MAX_NAME_LENGTH) throw new AppError('not-acceptable', `The item name is longer than ${MAX_NAME_LENGTH} characters`);
  const groups: string[] = [];
  for (const child of item.getChildElements()) {
    if (child.name !== 'group') continue;
    const group = child.getText();
    if (group === '') throw new AppError('not-acceptable', 'A roster group name cannot be empty');
    if (group.length > MAX_NAME_LENGTH) throw new AppError('not-acceptable', `A group name is longer than ${MAX_NAME_LENGTH} characters`);
    if (groups.includes(group)) throw new AppError('bad-request', `The group "${group.slice(0, 100)}" is listed twice`);
    groups.push(group);
  }
  if (groups.length > MAX_GROUPS_PER_ITEM) throw new AppError('not-acceptable', `An item belongs to at most ${MAX_GROUPS_PER_ITEM} groups`);
  return { kind: 'update', jid, name, groups };
}
