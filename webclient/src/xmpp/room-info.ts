// A room's disco#info (XEP-0030, XEP-0045 §6.4): its name, and the Causerie
// roominfo fields that say whether it is a group's room or a private room and
// which group it belongs to (docs/XMPP.md, {urn:causerie:rooms:0}).

import { x } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';

const FIELD_KIND = '{urn:causerie:rooms:0}kind';
const FIELD_GROUP = '{urn:causerie:rooms:0}group';

export interface RoomInfo {
  name?: string;
  kind?: 'group' | 'private';
  group?: string;
}

export async function fetchRoomInfo(conn: Connection, room: string): Promise<RoomInfo> {
  const iq = await conn.iq(x('iq', { type: 'get', to: room }, x('query', { xmlns: NS.DISCO_INFO })));
  const query = iq.child('query', NS.DISCO_INFO);
  const fields = query?.child('x', NS.DATA)?.childrenNamed('field') ?? [];
  const value = (name: string): string | undefined => fields.find((f) => f.attrs.var === name)?.childText('value') || undefined;
  const kind = value(FIELD_KIND);
  return {
    name: query?.child('identity')?.attrs.name || undefined,
    kind: kind === 'group' || kind === 'private' ? kind : undefined,
    group: value(FIELD_GROUP),
  };
}
