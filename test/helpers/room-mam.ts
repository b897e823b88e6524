// A room archive query (XEP-0313 on a room's bare JID) from a test client,
// with the data form, full-text search and RSM paging (XEP-0059): returns
// the forwarded messages and the <fin/> with first, last, count, complete.

import { ask, NS } from './muc-features.js';
import type { Element } from './muc-features.js';
import { xml } from './xmpp-client.js';
import type { TestClient } from './xmpp-client.js';

const NS_RSM = 'http://jabber.org/protocol/rsm';

export interface RoomMamOptions {
  /** Search words: the `{urn:xmpp:fulltext:0}fulltext` field. */
  text?: string;
  max?: number;
  after?: string;
  /** '' asks for the last page (XEP-0059 §2.5). */
  before?: string;
}

export interface RoomMamPage {
  iq: Element;
  items: Array<{ id: string; body: string | undefined; message: Element }>;
  first: string | undefined;
  last: string | undefined;
  count: number | undefined;
  complete: boolean;
}

let counter = 0;

export async function roomMam(client: TestClient, room: string, options: RoomMamOptions = {}): Promise<RoomMamPage> {
  counter += 1;
  const queryid = `room-mam-${counter}`;
  const fields = [xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam))];
  if (options.text !== undefined) fields.push(xml('field', { var: '{urn:xmpp:fulltext:0}fulltext' }, xml('value', {}, options.text)));
  const rsm = xml('set', { xmlns: NS_RSM });
  if (options.max !== undefined) rsm.append(xml('max', {}, String(options.max)));
  if (options.after !== undefined) rsm.append(xml('after', {}, options.after));
  if (options.before !== undefined) rsm.append(xml('before', {}, options.before));
  const iq = await ask(client, xml('iq', { type: 'set', to: room, id: queryid }, xml('query', { xmlns: NS.mam, queryid }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, ...fields), rsm)));
  const items: RoomMamPage['items'] = [];
  for (const s of client.received) {
    const result = s.name === 'message' ? s.getChild('result', NS.mam) : undefined;
    const message = result?.getChild('forwarded', NS.forward)?.getChild('message');
    if (result?.attrs.queryid === queryid && message) items.push({ id: result.attrs.id as string, body: message.getChildText('body') ?? undefined, message });
  }
  const fin = iq.getChild('fin', NS.mam);
  const set = fin?.getChild('set', NS_RSM);
  const count = set?.getChildText('count');
  return {
    iq,
    items,
    first: set?.getChildText('first') ?? undefined,
    last: set?.getChildText('last') ?? undefined,
    count: count ? Number(count) : undefined,
    complete: fin?.attrs.complete === 'true',
  };
}
