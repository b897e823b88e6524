// Direct conversations, pure logic: a one-to-one message as the message model
// the room components render, merging live copies with archived ones, and
// the order of the "Direct messages" section, search hits in my own archive.

import type { ChatMessage } from '../xmpp/messages.js';
import type { DirectMessage } from '../xmpp/direct.js';
import { readDirectMessage } from '../xmpp/direct.js';
import { bareJid } from '../xmpp/jid.js';
import type { ArchiveItem } from '../xmpp/mam.js';
import type { RoomState, SearchResult } from '../store.js';
import { mergeMessages } from './grouping.js';

/** A direct message in the room message model: the conversation is the peer's bare JID, the nick is the author's name. */
export function toChatMessage(d: DirectMessage, authorName: string): ChatMessage {
  return {
    id: d.stanzaId ?? d.clientId ?? `${d.peer}-${d.at}`,
    stanzaId: d.stanzaId,
    clientId: d.clientId,
    room: d.peer,
    nick: authorName,
    body: d.body,
    at: d.at,
    mine: d.mine,
    oob: d.oob,
  };
}

/**
 * Adds messages to a conversation. My own sent messages have no stanza id
 * (the server does not echo a chat message to its sender), so an archived or
 * carbon copy with the same origin id replaces the local one.
 */
export function mergeDirect(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const archived = new Set(incoming.filter((m) => m.stanzaId && m.clientId).map((m) => m.clientId));
  const known = new Set(existing.filter((m) => m.clientId).map((m) => m.clientId));
  const kept = existing.filter((m) => m.stanzaId || !archived.has(m.clientId) || m.failed);
  const fresh = incoming.filter((m) => !(m.clientId && known.has(m.clientId) && !archived.has(m.clientId)));
  const failed = new Set(kept.filter((m) => m.failed).map((m) => m.clientId));
  return mergeMessages(kept, fresh.filter((m) => !failed.has(m.clientId)));
}

/** The direct conversations, newest activity first (then by name). */
export function directConversations(rooms: readonly RoomState[], lang: string): RoomState[] {
  const last = (r: RoomState): number => r.messages[r.messages.length - 1]?.at ?? 0;
  return rooms.filter((r) => r.kind === 'direct').sort((a, b) => last(b) - last(a) || a.name.localeCompare(b.name, lang));
}

/**
 * Full-text hits from my own archive as search results: only chat messages
 * with a body between me and someone else (readDirectMessage), keyed by the
 * person; the message id is the archive id, so the result can be paged around.
 */
export function directSearchResults(items: readonly ArchiveItem[], myJid: string, nameOf: (jid: string) => string): SearchResult[] {
  const me = bareJid(myJid);
  return items.flatMap((item) => {
    const d = readDirectMessage(item.message, myJid, item.stamp);
    return d ? [{ room: d.peer, kind: 'direct' as const, message: toChatMessage({ ...d, stanzaId: item.id }, nameOf(d.mine ? me : d.peer)) }] : [];
  });
}
