// XEP-0198 §5: when a session ends without being resumed, the messages it
// never acknowledged are not dropped: they go to offline storage (with a
// delay stamp) and reach the user's next session.

import { NS_DELAY } from './namespaces.js';
import { cloneElement, el } from './stanza.js';
import type { Element } from './stanza.js';
import type { XmppNode } from './node.js';

export function isStorableMessage(stanza: Element): boolean {
  if (stanza.name !== 'message') return false;
  const type = stanza.attrs.type ?? 'normal';
  if (type === 'error' || type === 'groupchat' || type === 'headline') return false;
  return stanza.getChild('body') !== undefined;
}

export function withDelay(stanza: Element, from: string, at: Date): Element {
  const copy = cloneElement(stanza);
  if (!copy.getChild('delay', NS_DELAY)) copy.cnode(el('delay', { xmlns: NS_DELAY, from, stamp: at.toISOString() }));
  return copy;
}

export function storeUnackedOffline(node: XmppNode, accountId: number, unacked: Element[]): void {
  const now = new Date();
  const stanzas = unacked.filter(isStorableMessage).map((stanza) => withDelay(stanza, node.defaultDomain, now).toString());
  if (stanzas.length === 0) return;
  node.durable
    .write({ offline: stanzas.map((stanza) => ({ accountId, stanza })) })
    .then(() => node.log.debug('stored unacknowledged messages offline', { accountId, count: stanzas.length }))
    .catch((error: unknown) => node.log.error('could not store unacknowledged messages', { error, accountId }));
}
