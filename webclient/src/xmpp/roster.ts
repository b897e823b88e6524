// RFC 6121 roster and contact presence: the roster get (§2.1.3), roster
// pushes (§2.1.6, answered with a result), and the presence of contacts
// (not of room occupants, which carry a muc#user element).

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { bareJid, resourceOf } from './jid.js';

export const NS_ROSTER = 'jabber:iq:roster';

export interface Contact {
  jid: string;
  name?: string;
  subscription: string;
}

function readItem(item: XmlElement): Contact | undefined {
  const jid = item.attrs.jid;
  if (!jid) return undefined;
  return { jid: bareJid(jid), name: item.attrs.name || undefined, subscription: item.attrs.subscription ?? 'none' };
}

export async function fetchRoster(conn: Connection): Promise<Contact[]> {
  const iq = await conn.iq(x('iq', { type: 'get' }, x('query', { xmlns: NS_ROSTER })));
  return (iq.child('query', NS_ROSTER)?.childrenNamed('item') ?? []).map(readItem).filter((c): c is Contact => c !== undefined);
}

/** A roster push from our own account: the changed items (subscription 'remove' for removed ones). */
export function readRosterPush(iq: XmlElement, ownJid: string): Contact[] | undefined {
  if (iq.attrs.type !== 'set') return undefined;
  const query = iq.child('query', NS_ROSTER);
  // §2.1.6: a push from anyone but our own account (or the server) is ignored.
  if (!query || (iq.attrs.from && bareJid(iq.attrs.from) !== bareJid(ownJid))) return undefined;
  return query.childrenNamed('item').map(readItem).filter((c): c is Contact => c !== undefined);
}

export interface ContactPresence {
  jid: string;
  resource: string;
  /** 'online', 'away', 'xa', 'dnd', 'chat', or 'offline' when unavailable. */
  show: string;
}

/** Presence of a contact (or of my other resources); undefined for room presence and subscription stanzas. */
export function readContactPresence(stanza: XmlElement): ContactPresence | undefined {
  const type = stanza.attrs.type;
  if (stanza.name !== 'presence' || !stanza.attrs.from || stanza.child('x', NS.MUC_USER)) return undefined;
  if (type !== undefined && type !== 'unavailable') return undefined;
  return { jid: bareJid(stanza.attrs.from), resource: resourceOf(stanza.attrs.from), show: type === 'unavailable' ? 'offline' : (stanza.childText('show') ?? 'online') };
}
