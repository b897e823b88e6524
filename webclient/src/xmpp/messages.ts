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
  /** The server refused it: why, as a sentence (the text stays, to send again). */
  failed?: string;
  mention?: boolean;
  /** XEP-0066 out-of-band URL (a shared file). */
  oob?: string;
  /** XEP-0201 thread: the stanza id of the message this one comments on. */
  thread?: string;
  /** A tombstone from the archive (XEP-0424). */
  retracted?: boolean;
}

const NS_RETRACT = 'urn:xmpp:message-retract:1';
const ACTIONS = [
  ['replace', 'urn:xmpp:message-correct:0'],
  ['retract', NS_RETRACT],
  ['reactions', 'urn:xmpp:reactions:0'],
] as const;

/** A message that acts on another (chat/actions.ts), not a post of its own. */
export function isAction(stanza: XmlElement): boolean {
  return ACTIONS.some(([name, ns]) => stanza.child(name, ns) !== undefined);
}

/**
 * The root a comment belongs to. Causerie's comments carry both an XEP-0201
 * <thread> and an XEP-0461 <reply> naming the same root stanza id; a thread
 * alone (other clients tag ordinary messages) keeps the message in the timeline.
 */
export function commentThread(stanza: XmlElement): string | undefined {
  const thread = stanza.childText('thread')?.trim();
  const reply = stanza.child('reply', 'urn:xmpp:reply:0')?.attrs.id;
  return thread && reply === thread ? thread : undefined;
}

export function readRoomMessage(stanza: XmlElement, room: string, stamp?: string): ChatMessage | undefined {
  const retracted = stanza.child('retracted', NS_RETRACT) !== undefined;
  const body = stanza.childText('body') ?? (retracted ? '' : undefined);
  if (body === undefined || isAction(stanza)) return undefined;
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
    thread: commentThread(stanza),
    retracted: retracted || undefined,
  };
}
