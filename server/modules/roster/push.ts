// Roster pushes (RFC 6121 §2.1.6): every change of an item is sent to each
// "interested resource" of the account, i.e. every session that requested
// the roster — including the one whose request caused the change.
// https://www.rfc-editor.org/rfc/rfc6121#section-2.1.6

import { randomBytes } from 'node:crypto';
import type { RosterItem } from '../../store/types.js';
import { NS_ROSTER } from '../../xmpp/namespaces.js';
import { cloneElement, el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import { itemElement, removedItemElement } from './roster-items.js';

/** The push announcing `item` (or its removal when `item` is a bare JID string). */
export function pushQuery(item: RosterItem | string, ver: string): Element {
  return el('query', { xmlns: NS_ROSTER, ver }, typeof item === 'string' ? removedItemElement(item) : itemElement(item));
}

/** Sends the push to every interested session of `bare`; returns how many got it. */
export function pushToInterested(sessions: SessionRegistry, bare: string, query: Element): number {
  let count = 0;
  for (const session of sessions.sessionsOf(bare)) {
    if (!session.rosterRequested || !session.jid) continue;
    // From the account's bare JID: clients must ignore pushes from anyone else (§2.1.6).
    session.send(el('iq', { type: 'set', id: `push-${randomBytes(6).toString('base64url')}`, from: bare, to: session.jid.full }, cloneElement(query)));
    count += 1;
  }
  return count;
}
