// Reads a groupchat message stanza (live or from the archive) into the
// client's message model.

import type { XmlElement } from './xml.js';
import { NS } from './namespaces.js';
import { bareJid, resourceOf } from './jid.js';

export interface ChatMessage {
  /** The room's stanza id (XEP-0359) once known; the client id until then. */
  id: string;
  stanzaId?: string;
  /** The id the sender gave (matches our own echo). */
  clientId?: string;
  room: string;
  nick: string;
  occupantId?: string;
  body: string;
  at: number;
  mine: boolean;
  pending?: boolean;
  mention?: boolean;
  /** XEP-0066 out-of-band URL (a shared file). */
  oob?: string;
}

export function readRoomMessage(stanza: XmlElement, room: string, stamp?: string): ChatMessage | undefined {
  const body = stanza.childText('body');
  if (body === undefined) return undefined;
  const from = stanza.attrs.from ?? '';
  if (bareJid(from) !== room) return undefined;
  const sid = stanza.childrenNamed('stanza-id', NS.SID).find((s) => s.attrs.by === room)?.attrs.id;
  const delay = stamp ?? stanza.child('delay', NS.DELAY)?.attrs.stamp;
  const at = delay ? Date.parse(delay) : Date.now();
  const originId = stanza.child('origin-id', NS.SID)?.attrs.id;
  return {
    id: sid ?? originId ?? stanza.attrs.id ?? `${from}-${at}`,
    stanzaId: sid,
    clientId: originId ?? stanza.attrs.id,
    room,
    nick: resourceOf(from),
    occupantId: stanza.child('occupant-id', NS.OCCUPANT_ID)?.attrs.id,
    body,
    at: Number.isNaN(at) ? Date.now() : at,
    mine: false,
    oob: stanza.child('x', 'jabber:x:oob')?.childText('url'),
  };
}
