// XEP-0313 archive queries with XEP-0059 paging, on a room or the own
// account, optionally full-text (XEP-0431 field {urn:xmpp:fulltext:0}fulltext).

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { submitForm } from './forms.js';

export interface ArchiveQuery {
  /** Archive owner: a room JID (undefined: the own archive). */
  archive?: string;
  max?: number;
  /** RSM before: '' for the last page, an id for the page before it. */
  before?: string;
  after?: string;
  fulltext?: string;
  ids?: string[];
  /** Other form fields (Causerie's thread filter). */
  extra?: Record<string, string>;
}

export interface ArchiveItem {
  id: string;
  stamp?: string;
  message: XmlElement;
}

export interface ArchivePage {
  items: ArchiveItem[];
  complete: boolean;
  first?: string;
  last?: string;
}

export async function queryArchive(conn: Connection, query: ArchiveQuery): Promise<ArchivePage> {
  const queryid = conn.nextId('mam');
  const items: ArchiveItem[] = [];
  const stop = conn.onStanza((stanza) => {
    const result = stanza.name === 'message' ? stanza.child('result', NS.MAM) : undefined;
    if (!result || result.attrs.queryid !== queryid) return;
    const forwarded = result.child('forwarded', NS.FORWARD);
    const message = forwarded?.child('message');
    if (!message || !result.attrs.id) return;
    items.push({ id: result.attrs.id, stamp: forwarded?.child('delay', NS.DELAY)?.attrs.stamp, message });
  });
  const fields: Record<string, string | string[] | undefined> = {};
  if (query.fulltext) fields[`{${NS.FULLTEXT}}fulltext`] = query.fulltext;
  if (query.ids) fields.ids = query.ids;
  Object.assign(fields, query.extra);
  const set = x('set', { xmlns: NS.RSM }, x('max', {}, String(query.max ?? 50)));
  if (query.before !== undefined) set.append(x('before', {}, query.before || undefined));
  if (query.after !== undefined) set.append(x('after', {}, query.after));
  try {
    const iq = await conn.iq(x('iq', { type: 'set', to: query.archive }, x('query', { xmlns: NS.MAM, queryid }, submitForm(NS.MAM, fields), set)));
    const fin = iq.child('fin', NS.MAM);
    const rsm = fin?.child('set', NS.RSM);
    return { items, complete: fin?.attrs.complete === 'true', first: rsm?.childText('first'), last: rsm?.childText('last') };
  } finally {
    stop();
  }
}
