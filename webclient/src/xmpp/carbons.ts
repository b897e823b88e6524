// XEP-0280 Message Carbons: switched on after sign-in so that the person's
// other sessions stay in step (what they send and receive is copied here),
// and copies unwrapped only when they come from the own account.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { bareJid } from './jid.js';

export const NS_CARBONS = 'urn:xmpp:carbons:2';

export async function enableCarbons(conn: Connection): Promise<void> {
  await conn.iq(x('iq', { type: 'set' }, x('enable', { xmlns: NS_CARBONS })));
}

export interface Carbon {
  /** 'sent' by another session of mine, or 'received' by another session of mine. */
  kind: 'sent' | 'received';
  message: XmlElement;
}

/** The copied message, if the stanza is a carbon from my own bare JID (XEP-0280 §11: others could forge one). */
export function unwrapCarbon(stanza: XmlElement, myJid: string): Carbon | undefined {
  if (stanza.name !== 'message') return undefined;
  for (const kind of ['sent', 'received'] as const) {
    const message = stanza.child(kind, NS_CARBONS)?.child('forwarded', NS.FORWARD)?.child('message');
    if (!message) continue;
    const from = stanza.attrs.from;
    if (from !== undefined && from !== bareJid(myJid)) return undefined;
    return { kind, message };
  }
  return undefined;
}
