// XEP-0045 rooms: join/leave presences, occupant presences, instant room
// creation, mediated invitations, member lists.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { submitForm } from './forms.js';
import { bareJid, resourceOf } from './jid.js';

export interface Occupant {
  nick: string;
  jid?: string;
  role: string;
  affiliation: string;
  show: string;
}

export interface OccupantPresence {
  room: string;
  occupant: Occupant;
  unavailable: boolean;
  self: boolean;
  codes: string[];
  reason?: string;
}

export function joinPresence(room: string, nick: string): XmlElement {
  // History comes from the archive (stanza ids, paging), so none on join.
  return x('presence', { to: `${room}/${nick}` }, x('x', { xmlns: NS.MUC }, x('history', { maxstanzas: 0 })));
}

export function leavePresence(room: string, nick: string): XmlElement {
  return x('presence', { to: `${room}/${nick}`, type: 'unavailable' });
}

export function readOccupantPresence(stanza: XmlElement): OccupantPresence | undefined {
  const user = stanza.child('x', NS.MUC_USER);
  if (!user || stanza.name !== 'presence' || stanza.attrs.type === 'error') return undefined;
  const item = user.child('item');
  const codes = user.childrenNamed('status').map((s) => s.attrs.code ?? '');
  const from = stanza.attrs.from ?? '';
  return {
    room: bareJid(from),
    occupant: {
      nick: resourceOf(from),
      jid: item?.attrs.jid ? bareJid(item.attrs.jid) : undefined,
      role: item?.attrs.role ?? 'none',
      affiliation: item?.attrs.affiliation ?? 'none',
      show: stanza.attrs.type === 'unavailable' ? 'offline' : (stanza.childText('show') ?? 'online'),
    },
    unavailable: stanza.attrs.type === 'unavailable',
    self: codes.includes('110'),
    codes,
    reason: item?.childText('reason') ?? user.child('destroy')?.childText('reason'),
  };
}

/** Accepts the default configuration of a room we just created, with its name (XEP-0045 §10.1.2). */
export async function configureNewRoom(conn: Connection, room: string, name: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('query', { xmlns: NS.MUC_OWNER }, submitForm('http://jabber.org/protocol/muc#roomconfig', { 'muc#roomconfig_roomname': name }))));
}

export function invite(conn: Connection, room: string, jid: string): void {
  conn.send(x('message', { to: room }, x('x', { xmlns: NS.MUC_USER }, x('invite', { to: jid }))));
}

export interface RoomMember {
  jid: string;
  affiliation: string;
  nick?: string;
}

/** The room's members by affiliation (muc#admin lists). */
export async function roomMembers(conn: Connection, room: string): Promise<RoomMember[]> {
  const lists = await Promise.all(
    ['owner', 'admin', 'member'].map((affiliation) =>
      conn
        .iq(x('iq', { type: 'get', to: room }, x('query', { xmlns: NS.MUC_ADMIN }, x('item', { affiliation }))))
        .then((iq) => iq.child('query', NS.MUC_ADMIN)?.childrenNamed('item') ?? [])
        .catch(() => [] as XmlElement[]),
    ),
  );
  return lists.flat().map((item) => ({ jid: item.attrs.jid ?? '', affiliation: item.attrs.affiliation ?? 'member', nick: item.attrs.nick })).filter((m) => m.jid);
}

export async function removeMember(conn: Connection, room: string, jid: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('query', { xmlns: NS.MUC_ADMIN }, x('item', { jid, affiliation: 'none' }))));
}
