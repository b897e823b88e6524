// XEP-0402 bookmarks (PEP node urn:xmpp:bookmarks:1): the server pushes
// group rooms there; the client reads them and follows notifications.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';

export interface Bookmark {
  jid: string;
  name?: string;
  autojoin: boolean;
}

function read(item: XmlElement): Bookmark | undefined {
  const conference = item.child('conference', NS.BOOKMARKS);
  if (!item.attrs.id || !conference) return undefined;
  return { jid: item.attrs.id, name: conference.attrs.name || undefined, autojoin: conference.attrs.autojoin === 'true' || conference.attrs.autojoin === '1' };
}

export async function fetchBookmarks(conn: Connection): Promise<Bookmark[]> {
  try {
    const iq = await conn.iq(x('iq', { type: 'get' }, x('pubsub', { xmlns: NS.PUBSUB }, x('items', { node: NS.BOOKMARKS }))));
    const items = iq.child('pubsub', NS.PUBSUB)?.child('items')?.childrenNamed('item') ?? [];
    return items.map(read).filter((b): b is Bookmark => b !== undefined);
  } catch {
    return []; // item-not-found: no bookmarks yet
  }
}

/** A PEP notification on the bookmarks node: added/changed and retracted rooms. */
export function readBookmarkEvent(stanza: XmlElement): { added: Bookmark[]; removed: string[] } | undefined {
  const items = stanza.child('event', NS.PUBSUB_EVENT)?.child('items');
  if (!items || items.attrs.node !== NS.BOOKMARKS) return undefined;
  return {
    added: items.childrenNamed('item').map(read).filter((b): b is Bookmark => b !== undefined),
    removed: items.childrenNamed('retract').map((r) => r.attrs.id ?? '').filter(Boolean),
  };
}
