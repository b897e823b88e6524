// The session's direct side (split out of session.ts, same role: the only
// writer of these parts of the store): one-to-one conversations, kept in the
// store as rooms of kind 'direct' keyed by the person's bare JID so the
// message list and composer render them unchanged. Messages are `chat` to
// the bare JID, carbons (XEP-0280) keep my other sessions in step, history
// comes from my own archive (XEP-0313 with a `with` filter, RSM paging).

import type { Connection } from './xmpp/connection.js';
import type { XmlElement } from './xmpp/xml.js';
import { bareJid, localOf, unescapeLocal } from './xmpp/jid.js';
import { queryArchive } from './xmpp/mam.js';
import type { ArchiveItem } from './xmpp/mam.js';
import { enableCarbons, unwrapCarbon } from './xmpp/carbons.js';
import { directChatStateSender, directMessage, readDirectMessage } from './xmpp/direct.js';
import type { DirectMessage } from './xmpp/direct.js';
import { readChatState } from './xmpp/chat-states.js';
import { directConversations, directSearchResults, mergeDirect, toChatMessage } from './chat/direct.js';
import { emptyRoom } from './store.js';
import type { SearchResult, Store } from './store.js';
import type { ActivitySession } from './activity-session.js';
import type { ChatMessage } from './xmpp/messages.js';
import { errorSentence } from './i18n/errors.js';
import { translate } from './i18n/index.js';

const PAGE = 40;
/** How much of my archive is read at sign-in to list recent conversations. */
const RECENT = 100;

export class DirectSession {
  constructor(
    private store: Store,
    private conn: Connection,
    private activity: ActivitySession,
  ) {}

  private get me(): string {
    return bareJid(this.conn.jid);
  }

  /** A person's name: the roster's, else their nick in my rooms, else their address's local part. */
  nameOf(jid: string): string {
    const s = this.store.state;
    if (jid === this.me) return s.displayName || unescapeLocal(localOf(jid));
    return s.roster[jid]?.name ?? s.roomPeople[jid] ?? unescapeLocal(localOf(jid));
  }

  /** Creates the conversation's entry when missing (an incoming message, or opening it). */
  ensure(peer: string): void {
    if (this.store.state.rooms[peer]) return;
    this.store.room(peer, () => ({ ...emptyRoom(peer, this.nameOf(peer)), kind: 'direct', joined: true, nick: this.nameOf(this.me) }));
  }

  /** After sign-in: carbons on, then the recent conversations from my archive. */
  async start(): Promise<void> {
    await enableCarbons(this.conn).catch(() => undefined);
    try {
      const page = await queryArchive(this.conn, { before: '', max: RECENT });
      const byPeer = new Map<string, ChatMessage[]>();
      for (const item of page.items) {
        const m = this.fromArchive(item);
        if (m) byPeer.set(m.room, [...(byPeer.get(m.room) ?? []), m]);
      }
      for (const [peer, messages] of byPeer) {
        this.ensure(peer);
        this.store.room(peer, (r) => ({ messages: mergeDirect(r.messages, messages) }));
      }
    } catch {
      // No archive: conversations appear as messages come.
    }
  }

  /** A new session after a failed resumption: carbons again, and what each conversation missed. */
  async restore(): Promise<void> {
    await enableCarbons(this.conn).catch(() => undefined);
    for (const r of directConversations(Object.values(this.store.state.rooms), this.store.state.lang)) {
      const newest = [...r.messages].reverse().find((m) => m.stanzaId)?.stanzaId;
      if (!newest) continue;
      try {
        const page = await queryArchive(this.conn, { after: newest, max: 100, extra: { with: r.jid } });
        const missed = page.items.map((item) => this.fromArchive(item)).filter((m): m is ChatMessage => m !== undefined);
        this.store.room(r.jid, (rs) => ({ messages: mergeDirect(rs.messages, missed) }));
      } catch {
        /* the next page load will try again */
      }
    }
  }

  /** Opens the conversation with a person in the main pane (from the people list or the direct messages section). */
  async open(jid: string): Promise<void> {
    const peer = bareJid(jid.trim());
    if (!peer || peer === this.me) return;
    this.ensure(peer);
    const panel = this.store.state.panel;
    this.store.set({ active: peer, navOpen: false, highlight: undefined, panel: panel === 'search' ? panel : undefined });
    this.store.room(peer, () => ({ unread: 0, mentions: 0 }));
    const r = this.store.state.rooms[peer];
    if (r && r.messages.length < PAGE && !r.historyComplete) await this.loadOlder(peer);
  }

  send(peer: string, body: string, oob?: string): void {
    this.ensure(peer);
    const id = crypto.randomUUID();
    const m: ChatMessage = { id, clientId: id, room: peer, nick: this.nameOf(this.me), body, oob, at: Date.now(), mine: true };
    this.store.room(peer, (r) => ({ messages: [...r.messages, m] }));
    this.activity.sent(peer);
    this.conn.send(directMessage(peer, id, body, oob));
  }

  /** The page before the oldest archived message of the conversation. */
  async loadOlder(peer: string): Promise<void> {
    const r = this.store.state.rooms[peer];
    if (!r || r.loadingHistory || r.historyComplete) return;
    this.store.room(peer, () => ({ loadingHistory: true }));
    try {
      const oldest = r.messages.find((m) => m.stanzaId)?.stanzaId;
      const page = await queryArchive(this.conn, { before: oldest ?? '', max: PAGE, extra: { with: peer } });
      const older = page.items.map((item) => this.fromArchive(item)).filter((m): m is ChatMessage => m !== undefined);
      this.store.room(peer, (rs) => ({ messages: mergeDirect(rs.messages, older), historyComplete: page.complete || page.items.length === 0, loadingHistory: false }));
    } catch (error) {
      this.store.room(peer, () => ({ loadingHistory: false, error: errorSentence(this.store.state.lang, error) }));
    }
  }

  /** Full-text search in my own archive (to my bare JID, no `with`): the direct messages that match. */
  async search(text: string): Promise<SearchResult[]> {
    const page = await queryArchive(this.conn, { archive: this.me, fulltext: text, before: '', max: 20 });
    return directSearchResults(page.items, this.conn.jid, (jid) => this.nameOf(jid));
  }

  /** Shows the conversation around a message (20 before, 20 after), as a room search result does. */
  async showAround(peer: string, message: ChatMessage): Promise<void> {
    this.ensure(peer);
    const id = message.stanzaId ?? message.id;
    const [before, after] = await Promise.all([
      queryArchive(this.conn, { before: id, max: 20, extra: { with: peer } }),
      queryArchive(this.conn, { after: id, max: 20, extra: { with: peer } }),
    ]);
    const read = (items: ArchiveItem[]) => items.map((item) => this.fromArchive(item)).filter((m): m is ChatMessage => m !== undefined);
    const window_ = mergeDirect([], [...read(before.items), message, ...read(after.items)]);
    this.store.room(peer, () => ({ messages: window_, historyComplete: before.complete, detached: !after.complete, unread: 0, mentions: 0 }));
  }

  /** Back to the newest page after viewing an older window. */
  async showLatest(peer: string): Promise<void> {
    const page = await queryArchive(this.conn, { before: '', max: PAGE, extra: { with: peer } });
    const messages = page.items.map((item) => this.fromArchive(item)).filter((m): m is ChatMessage => m !== undefined);
    this.store.room(peer, () => ({ messages: mergeDirect([], messages), historyComplete: page.complete, detached: false }));
  }

  private fromArchive(item: ArchiveItem): ChatMessage | undefined {
    const d = readDirectMessage(item.message, this.conn.jid, item.stamp);
    return d ? this.toMessage({ ...d, stanzaId: item.id }) : undefined;
  }

  private toMessage(d: DirectMessage): ChatMessage {
    return toChatMessage(d, this.nameOf(d.mine ? this.me : d.peer));
  }

  /** A chat message, a carbon of one, or a person's typing; true when handled. Errors are left to the session (refusals). */
  message(stanza: XmlElement): boolean {
    const carbon = unwrapCarbon(stanza, this.conn.jid);
    if (stanza.child('sent', 'urn:xmpp:carbons:2') || stanza.child('received', 'urn:xmpp:carbons:2')) {
      if (carbon) this.incoming(carbon.message);
      return true;
    }
    return this.incoming(stanza);
  }

  private incoming(stanza: XmlElement): boolean {
    const typingPeer = directChatStateSender(stanza, this.conn.jid);
    if (typingPeer) {
      if (this.store.state.rooms[typingPeer]?.kind === 'direct') this.activity.setTyping(typingPeer, this.nameOf(typingPeer), readChatState(stanza) === 'composing');
      return readChatState(stanza) !== undefined;
    }
    const d = readDirectMessage(stanza, this.conn.jid);
    if (!d) return false;
    if (this.store.state.rooms[d.peer] && this.store.state.rooms[d.peer]?.kind !== 'direct') return false;
    this.ensure(d.peer);
    const m = this.toMessage(d);
    if (!d.mine) this.activity.setTyping(d.peer, this.nameOf(d.peer), false);
    const seen = this.store.state.active === d.peer && document.visibilityState === 'visible';
    this.store.room(d.peer, (r) => ({ messages: mergeDirect(r.messages, [m]), unread: d.mine || seen ? r.unread : r.unread + 1 }));
    if (!d.mine && !seen) this.notify(d.peer, m);
    return true;
  }

  /** A browser notification for a message from someone, when notifications are on. */
  private notify(peer: string, m: ChatMessage): void {
    const s = this.store.state;
    if (!s.notifications || !('Notification' in window) || Notification.permission !== 'granted') return;
    const n = new Notification(translate(s.lang, 'notify.direct', { name: m.nick }), { body: m.body.slice(0, 200), tag: m.id });
    n.onclick = () => {
      window.focus();
      void this.open(peer);
    };
  }
}
