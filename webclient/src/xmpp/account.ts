// The own account: display name (vCard FN + PEP nick), password change
// (XEP-0077 §3.3), and whether the server offers it.

import { x } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { domainOf, localOf } from './jid.js';

export async function fetchDisplayName(conn: Connection): Promise<string | undefined> {
  try {
    const iq = await conn.iq(x('iq', { type: 'get' }, x('vCard', { xmlns: NS.VCARD })));
    return iq.child('vCard', NS.VCARD)?.childText('FN') || iq.child('vCard', NS.VCARD)?.childText('NICKNAME') || undefined;
  } catch {
    return undefined;
  }
}

export async function saveDisplayName(conn: Connection, name: string): Promise<void> {
  let card = x('vCard', { xmlns: NS.VCARD });
  try {
    const iq = await conn.iq(x('iq', { type: 'get' }, x('vCard', { xmlns: NS.VCARD })));
    card = iq.child('vCard', NS.VCARD) ?? card;
  } catch {
    /* no vCard yet */
  }
  card.children = card.children.filter((c) => typeof c === 'string' || (c.name !== 'FN' && c.name !== 'NICKNAME'));
  card.attrs = { xmlns: NS.VCARD };
  card.append(x('FN', {}, name), x('NICKNAME', {}, name));
  await conn.iq(x('iq', { type: 'set' }, card));
  conn.send(x('iq', { type: 'set' }, x('pubsub', { xmlns: NS.PUBSUB }, x('publish', { node: NS.NICK }, x('item', { id: 'current' }, x('nick', { xmlns: NS.NICK }, name))))));
}

export async function canChangePassword(conn: Connection): Promise<boolean> {
  try {
    const iq = await conn.iq(x('iq', { type: 'get', to: domainOf(conn.jid) }, x('query', { xmlns: NS.DISCO_INFO })));
    return (iq.child('query', NS.DISCO_INFO)?.childrenNamed('feature') ?? []).some((f) => f.attrs.var === NS.REGISTER);
  } catch {
    return false;
  }
}

export async function changePassword(conn: Connection, password: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: domainOf(conn.jid) }, x('query', { xmlns: NS.REGISTER }, x('username', {}, localOf(conn.jid)), x('password', {}, password))));
}
