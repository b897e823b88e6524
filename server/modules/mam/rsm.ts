// XEP-0059: Result Set Management, as MAM uses it (XEP-0313 §4.2).
// https://xmpp.org/extensions/xep-0059.html

import { AppError } from '../../core/errors.js';
import { NS_RSM } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

export const DEFAULT_MAX = 50;
export const MAX_CAP = 250;

export interface RsmRequest {
  /** Page size after the server cap; 0 asks only for the count (XEP-0059 §2.6). */
  max: number;
  after?: string;
  before?: string;
  /** An empty <before/>: the last page. */
  last: boolean;
}

/** Reads <set xmlns='http://jabber.org/protocol/rsm'/>; throws bad-request or feature-not-implemented. */
export function parseRsm(set: Element | undefined): RsmRequest {
  const request: RsmRequest = { max: DEFAULT_MAX, last: false };
  if (!set) return request;
  const max = set.getChild('max');
  if (max) {
    const text = max.getText().trim();
    if (!/^\d{1,9}$/.test(text)) throw new AppError('bad-request', '<max/> must be a non-negative integer');
    request.max = Math.min(Number(text), MAX_CAP);
  }
  const after = set.getChild('after');
  if (after) {
    const id = after.getText().trim();
    if (id === '') throw new AppError('bad-request', '<after/> must name a message id');
    request.after = id;
  }
  const before = set.getChild('before');
  if (before) {
    const id = before.getText().trim();
    if (id === '') request.last = true;
    else request.before = id;
  }
  if (set.getChild('index')) throw new AppError('feature-not-implemented', 'Paging by <index/> is not supported; use <after/> or <before/>');
  return request;
}

export interface RsmPage {
  firstId?: string;
  /** Position of the first item in the whole result set, when known. */
  firstIndex?: number;
  lastId?: string;
  count?: number;
}

/** The <set/> of a reply: first/last only for a non-empty page (XEP-0059 §2.5). */
export function renderRsm(page: RsmPage): Element {
  const set = el('set', { xmlns: NS_RSM });
  if (page.firstId !== undefined && page.lastId !== undefined) {
    set.cnode(el('first', page.firstIndex === undefined ? null : { index: String(page.firstIndex) }, page.firstId));
    set.cnode(el('last', null, page.lastId));
  }
  if (page.count !== undefined) set.cnode(el('count', null, String(page.count)));
  return set;
}
