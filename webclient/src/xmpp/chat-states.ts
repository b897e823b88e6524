// Typing notifications (XEP-0085 chat states) and read markers (XEP-0333
// displayed) in rooms. The room relays them without archiving them
// (docs/XMPP.md, XEP-0045 messages).

import { x } from './xml.js';
import type { XmlElement } from './xml.js';

export const NS_CHAT_STATES = 'http://jabber.org/protocol/chatstates';
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const NS_HINTS = 'urn:xmpp:hints';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
const STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

/** A chat state to a room (groupchat) or to a person (chat, XEP-0085 §5.1). */
export function chatStateMessage(to: string, state: ChatState, type: 'groupchat' | 'chat' = 'groupchat'): XmlElement {
  return x('message', { to, type }, x(state, { xmlns: NS_CHAT_STATES }), x('no-store', { xmlns: NS_HINTS }));
}

/** XEP-0333 §4: in a room, the id is the stanza id the room gave the message. */
export function displayedMessage(room: string, stanzaId: string): XmlElement {
  return x('message', { to: room, type: 'groupchat' }, x('displayed', { xmlns: NS_MARKERS, id: stanzaId }), x('store', { xmlns: NS_HINTS }));
}

export function readChatState(stanza: XmlElement): ChatState | undefined {
  return STATES.find((state) => stanza.child(state, NS_CHAT_STATES) !== undefined);
}

/** The stanza id a displayed marker names, if the message is one. */
export function readDisplayed(stanza: XmlElement): string | undefined {
  return stanza.child('displayed', NS_MARKERS)?.attrs.id || undefined;
}
