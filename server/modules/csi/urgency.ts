// Which stanzas must reach an inactive client at once (XEP-0352 §4 leaves
// this to the server): anything a person waits for. Presence updates and
// bare chat states can wait until the client is active again.

import type { Element } from '../../xmpp/stanza.js';
import { NS_CHAT_STATES } from '../../xmpp/namespaces.js';

export function isUrgent(stanza: Element): boolean {
  if (stanza.name === 'iq') return true;
  if (stanza.name === 'presence') {
    const type = stanza.attrs.type;
    // Subscription requests and errors are user-visible; availability changes are not.
    return type === 'subscribe' || type === 'error';
  }
  if (stanza.name !== 'message') return true;
  if (stanza.getChild('body')) return true;
  const children = stanza.getChildElements();
  const onlyChatState = children.length > 0 && children.every((child) => child.attrs.xmlns === NS_CHAT_STATES || child.name === 'thread' || child.attrs.xmlns === 'urn:xmpp:hints');
  return !onlyChatState;
}
