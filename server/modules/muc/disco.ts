// Service discovery of the rooms service and its rooms (XEP-0030, XEP-0045
// §6): the service lists the rooms the requester can read; a room shows its
// features and the muc#roominfo form (XEP-0045 §15.5.4).
// https://xmpp.org/extensions/xep-0045.html#disco-service

import type { Account } from '../../store/types.js';
import type { Services } from '../../domain/index.js';
import { roomJid } from '../../domain/rooms.js';
import { NS_DATA_FORMS, NS_DISCO_INFO, NS_DISCO_ITEMS, NS_MAM, NS_MESSAGE_RETRACT, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { NS_CAUSERIE_MAM, NS_CORRECT, NS_MODERATE, NS_MUC, NS_MUC_ROOMINFO, NS_OCCUPANT_ID, NS_PINS, NS_REACTIONS, NS_REPLY } from './namespaces.js';
import type { LiveRoom } from './room.js';

export const ROOM_FEATURES = [NS_DISCO_INFO, NS_MUC, 'muc_persistent', 'muc_membersonly', 'muc_nonanonymous', 'muc_moderated', 'muc_unsecured', 'muc_public', NS_MAM, NS_SID, NS_OCCUPANT_ID];
/** Room events and conference links, answered by server/modules/room-events. */
const NS_ROOM_EVENTS = 'urn:causerie:events:0';
/**
 * Guest invitations by email, answered by server/modules/guests on every room (docs/GUESTS.md).
 * Shown to every reader: whether one may invite is a right, told by the commands' answers.
 */
const NS_GUESTS = 'urn:causerie:guests:0';
/** Message features (docs/XMPP.md "Room message features"). */
export const ROOM_MESSAGE_FEATURES = [NS_CORRECT, NS_MESSAGE_RETRACT, NS_MODERATE, NS_REPLY, NS_REACTIONS, NS_PINS, NS_CAUSERIE_MAM, NS_ROOM_EVENTS];

export function serviceInfo(): Element {
  return el('query', { xmlns: NS_DISCO_INFO }, el('identity', { category: 'conference', type: 'text', name: 'Rooms' }), el('feature', { var: NS_DISCO_INFO }), el('feature', { var: NS_DISCO_ITEMS }), el('feature', { var: NS_MUC }));
}

export async function serviceItems(services: Services, account: Account, service: string): Promise<Element> {
  const query = el('query', { xmlns: NS_DISCO_ITEMS });
  for (const { room } of await services.rooms.roomsOf(account)) {
    const jid = roomJid(room);
    if (jid.endsWith(`@${service}`)) query.cnode(el('item', { jid, name: room.name }));
  }
  return query;
}

/** Extended roominfo fields (docs/XMPP.md): a room's kind and its group's name, so clients can sort rooms under their group. */
export const NS_CAUSERIE_ROOMS = 'urn:causerie:rooms:0';

export function roomInfo(live: LiveRoom, extraFeatures: readonly string[] = [], groupName?: string): Element {
  const { room } = live;
  const field = (name: string, value: string, label?: string): Element => el('field', { var: name, label }, el('value', null, value));
  return el(
    'query',
    { xmlns: NS_DISCO_INFO },
    el('identity', { category: 'conference', type: 'text', name: room.name }),
    ...[...ROOM_FEATURES, ...ROOM_MESSAGE_FEATURES, NS_GUESTS, ...extraFeatures].map((feature) => el('feature', { var: feature })),
    el(
      'x',
      { xmlns: NS_DATA_FORMS, type: 'result' },
      el('field', { var: 'FORM_TYPE', type: 'hidden' }, el('value', null, NS_MUC_ROOMINFO)),
      field('muc#roominfo_description', room.description ?? '', 'Description'),
      field('muc#roominfo_subject', room.subject ?? '', 'Subject'),
      field('muc#roominfo_occupants', String(live.size), 'Number of occupants'),
      field('muc#roomconfig_roomname', room.name, 'Name'),
      field('muc#roomconfig_changesubject', '0', 'Occupants may change the subject'),
      field(`{${NS_CAUSERIE_ROOMS}}kind`, room.kind, 'Kind of room'),
      groupName === undefined ? undefined : field(`{${NS_CAUSERIE_ROOMS}}group`, groupName, 'Group'),
    ),
  );
}

export function roomItems(live: LiveRoom): Element {
  // Non-anonymous, members-only: occupants are listed to those who can read the room.
  return el('query', { xmlns: NS_DISCO_ITEMS }, ...[...live.occupants()].map((o) => el('item', { jid: `${live.jid}/${o.nick}`, name: o.nick })));
}
