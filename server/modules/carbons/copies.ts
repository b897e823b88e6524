// XEP-0280: Message Carbons — which messages are copied and how the copies
// look. https://xmpp.org/extensions/xep-0280.html#which-messages
// The message module calls these when it delivers; the carbons module only
// switches `session.carbons` on and off.

import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { NS_CARBONS, NS_CHAT_MARKERS, NS_CLIENT, NS_FORWARD, NS_HINTS, NS_MUC_USER, NS_RECEIPTS } from '../../xmpp/namespaces.js';
import { cloneElement, el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

/**
 * XEP-0280 §6 suggested rules: chat messages, normal messages with a body,
 * plus normal messages carrying a delivery receipt or a chat marker (they
 * belong to a conversation and other devices need them to update read
 * state). Never groupchat, headline or error, nor MUC private messages.
 */
export function isCarbonEligible(stanza: Element): boolean {
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return false;
  if (stanza.getChild('x', NS_MUC_USER)) return false;
  if (type === 'chat') return true;
  if (stanza.getChild('body')) return true;
  return stanza.getChild('received', NS_RECEIPTS) !== undefined || stanza.getChildElements().some((child) => child.attrs.xmlns === NS_CHAT_MARKERS);
}

/** <private xmlns='urn:xmpp:carbons:2'/> (§7) or the XEP-0334 <no-copy/> hint. */
export function isPrivate(stanza: Element): boolean {
  return stanza.getChild('private', NS_CARBONS) !== undefined || stanza.getChild('no-copy', NS_HINTS) !== undefined;
}

/** Removes <private/> before delivery to the recipient (§7: SHOULD). */
export function withoutPrivate(stanza: Element): Element {
  if (!stanza.getChild('private', NS_CARBONS)) return stanza;
  const copy = cloneElement(stanza);
  copy.children = copy.children.filter((child) => typeof child === 'string' || !(child.name === 'private' && child.attrs.xmlns === NS_CARBONS));
  return copy;
}

/** The wrapper a carbons-enabled resource receives (§5, §6). */
export function carbonCopy(direction: 'sent' | 'received', original: Element, ownerBare: string, toFull: string): Element {
  const forwarded = cloneElement(original);
  forwarded.attrs.xmlns = NS_CLIENT;
  return el(
    'message',
    { from: ownerBare, to: toFull, type: original.attrs.type ?? 'normal' },
    el(direction, { xmlns: NS_CARBONS }, el('forwarded', { xmlns: NS_FORWARD }, forwarded)),
  );
}

/**
 * Sends `original` as a carbon to every carbons-enabled session of the
 * owner except `except` (the sending session, or the resources that
 * received the original).
 */
export function sendCarbons(direction: 'sent' | 'received', original: Element, owner: { bare: string; sessions: ClientSession[] }, except: ReadonlySet<ClientSession>): number {
  let sent = 0;
  for (const session of owner.sessions) {
    if (!session.carbons || except.has(session) || !session.jid) continue;
    session.send(carbonCopy(direction, original, owner.bare, session.jid.full));
    sent += 1;
  }
  return sent;
}
