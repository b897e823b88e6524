// One-to-one messages (RFC 6121 §5.2.2 `type="chat"`, sent to the bare JID so
// the server delivers them to every session of the person): building them and
// reading them, live, from a carbon or from the user's own archive.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import { NS } from './namespaces.js';
import { bareJid } from './jid.js';
import { NS_CHAT_STATES } from './chat-states.js';

const NS_OOB = 'jabber:x:oob';

export interface DirectMessage {
  /** The other person (bare JID). */
  peer: string;
  mine: boolean;
  /** My archive's stanza id (XEP-0359, by my bare JID), when the server gave one. */
  stanzaId?: string;
  /** The sender's own id (origin-id, else the stanza id attribute). */
  clientId?: string;
  body: string;
  oob?: string;
  at: number;
}

/** A chat message to a person's bare JID, with XEP-0085 `active` (it ends my typing) and an origin id. */
export function directMessage(to: string, id: string, body: string, oob?: string): XmlElement {
  return x('message', { to: bareJid(to), type: 'chat', id }, x('body', {}, body), oob ? x('x', { xmlns: NS_OOB }, x('url', {}, oob)) : undefined, x('active', { xmlns: NS_CHAT_STATES }), x('origin-id', { xmlns: NS.SID, id }));
}

/**
 * Reads a chat message with a body between me and someone else; undefined for
 * anything else (groupchat, room private messages, notes to self, no body).
 */
export function readDirectMessage(stanza: XmlElement, myJid: string, stamp?: string): DirectMessage | undefined {
  if (stanza.name !== 'message' || (stanza.attrs.type ?? 'normal') !== 'chat') return undefined;
  if (stanza.child('x', NS.MUC_USER)) return undefined;
  const body = stanza.childText('body');
  if (body === undefined) return undefined;
  const me = bareJid(myJid);
  const from = bareJid(stanza.attrs.from ?? me);
  const to = bareJid(stanza.attrs.to ?? me);
  const mine = from === me;
  const peer = mine ? to : from;
  if (!peer || peer === me) return undefined;
  const delay = stamp ?? stanza.child('delay', NS.DELAY)?.attrs.stamp;
  const parsed = delay ? Date.parse(delay) : Date.now();
  return {
    peer,
    mine,
    stanzaId: stanza.childrenNamed('stanza-id', NS.SID).find((s) => s.attrs.by === me)?.attrs.id,
    clientId: stanza.child('origin-id', NS.SID)?.attrs.id ?? stanza.attrs.id,
    body,
    oob: stanza.child('x', NS_OOB)?.childText('url'),
    at: Number.isNaN(parsed) ? Date.now() : parsed,
  };
}

/** The person a chat state without a body comes from (their typing), if the stanza is one. */
export function directChatStateSender(stanza: XmlElement, myJid: string): string | undefined {
  if (stanza.attrs.type !== 'chat' || stanza.child('body') || stanza.child('x', NS.MUC_USER)) return undefined;
  const from = bareJid(stanza.attrs.from ?? '');
  return from && from !== bareJid(myJid) ? from : undefined;
}

/** The bare JID typed in "New message": `name@domain`, or a bare name on my domain; undefined when not an address. */
export function directAddress(input: string, domain: string): string | undefined {
  const text = input.trim();
  if (!text || /[\s/]/u.test(text)) return undefined;
  const jid = text.includes('@') ? text : domain ? `${text}@${domain}` : '';
  const [local, host, ...rest] = jid.split('@');
  return local && host && rest.length === 0 && /^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(host) ? jid.toLowerCase() : undefined;
}
