// XEP-0115 entity capabilities of the web client: the <c/> in its presence
// and the disco#info answer behind it. The server's PEP sends notifications
// only for nodes a resource's caps ask for (XEP-0163 §4.1, `<node>+notify`):
// here the bookmarks (rooms appear and go live) and avatar metadata.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import { NS } from './namespaces.js';
import { NS_CHAT_STATES, NS_MARKERS } from './chat-states.js';
import { NS_AVATAR_METADATA } from './avatar.js';

export const NS_CAPS = 'http://jabber.org/protocol/caps';
export const CAPS_NODE = 'https://causerie.chat/webclient';
const IDENTITY = { category: 'client', type: 'web', name: 'Causerie' };
export const CLIENT_FEATURES = [NS.DISCO_INFO, NS_CAPS, NS_CHAT_STATES, NS_MARKERS, `${NS.BOOKMARKS}+notify`, `${NS_AVATAR_METADATA}+notify`, 'urn:xmpp:ping'].sort();

/** §5.1: identities then features, each followed by '<', SHA-1, base64. */
export async function capsVer(): Promise<string> {
  const text = `${IDENTITY.category}/${IDENTITY.type}//${IDENTITY.name}<${CLIENT_FEATURES.map((f) => `${f}<`).join('')}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

export function capsElement(ver: string): XmlElement {
  return x('c', { xmlns: NS_CAPS, hash: 'sha-1', node: CAPS_NODE, ver });
}

/** Answers a disco#info query to this client (plain, or for `node#ver`); undefined for anything else. */
export function answerDiscoInfo(iq: XmlElement, ver: string): XmlElement | undefined {
  const query = iq.child('query', NS.DISCO_INFO);
  if (iq.attrs.type !== 'get' || !query) return undefined;
  const node = query.attrs.node;
  if (node !== undefined && node !== `${CAPS_NODE}#${ver}`) return undefined;
  return x('iq', { type: 'result', id: iq.attrs.id, to: iq.attrs.from }, x('query', { xmlns: NS.DISCO_INFO, node }, x('identity', IDENTITY), ...CLIENT_FEATURES.map((f) => x('feature', { var: f }))));
}
