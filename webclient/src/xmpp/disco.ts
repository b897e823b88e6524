// XEP-0030 service discovery.

import { x } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';

export async function discoItems(conn: Connection, to: string): Promise<Array<{ jid: string; name?: string }>> {
  const iq = await conn.iq(x('iq', { type: 'get', to }, x('query', { xmlns: NS.DISCO_ITEMS })));
  return (iq.child('query', NS.DISCO_ITEMS)?.childrenNamed('item') ?? []).map((i) => ({ jid: i.attrs.jid ?? '', name: i.attrs.name })).filter((i) => i.jid);
}

export async function discoFeatures(conn: Connection, to?: string): Promise<Set<string>> {
  const iq = await conn.iq(x('iq', { type: 'get', to }, x('query', { xmlns: NS.DISCO_INFO })));
  return new Set((iq.child('query', NS.DISCO_INFO)?.childrenNamed('feature') ?? []).map((f) => f.attrs.var ?? ''));
}

/** The name a room (or service) gives itself in disco#info. */
export async function discoName(conn: Connection, to: string): Promise<string | undefined> {
  const iq = await conn.iq(x('iq', { type: 'get', to }, x('query', { xmlns: NS.DISCO_INFO })));
  return iq.child('query', NS.DISCO_INFO)?.child('identity')?.attrs.name || undefined;
}
