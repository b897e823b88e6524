// The session's room archive side (split out of session.ts, same role: the
// only writer of these parts of the store): reading MAM pages into messages
// and actions, older pages on scroll, catching up after a new session,
// full-text search across rooms and direct messages, and jumping to a result.

import type { Connection } from './xmpp/connection.js';
import type { XmlElement } from './xmpp/xml.js';
import { NS } from './xmpp/namespaces.js';
import { resourceOf } from './xmpp/jid.js';
import { isAction, readRoomMessage } from './xmpp/messages.js';
import type { ChatMessage } from './xmpp/messages.js';
import { queryArchive } from './xmpp/mam.js';
import type { ArchivePage } from './xmpp/mam.js';
import { StanzaError } from './xmpp/stanza-error.js';
import { emptyActions as recordless, readAction, recordAction } from './chat/actions.js';
import type { RoomActions } from './chat/actions.js';
import { mergeMessages } from './chat/grouping.js';
import type { RoomState, SearchResult, Store } from './store.js';
import type { DirectSession } from './direct-session.js';

const PAGE = 40;

/** Who sent a stanza, as reactions are counted: the occupant id, else the nick. */
export function senderKey(stanza: XmlElement): string {
  return stanza.child('occupant-id', NS.OCCUPANT_ID)?.attrs.id ?? `nick:${resourceOf(stanza.attrs.from ?? '')}`;
}

/** Whether a room message is mine: by my occupant id when both are known, else by nick. */
export function isMine(room: RoomState | undefined, m: ChatMessage): boolean {
  if (!room) return false;
  if (room.selfOccupantId && m.occupantId) return room.selfOccupantId === m.occupantId;
  return m.nick === room.nick;
}

/** Adds messages, replacing our own pending copies by their confirmed ones. */
export function settle(room: RoomState, incoming: ChatMessage[]): ChatMessage[] {
  const confirmed = new Set(incoming.map((m) => m.clientId).filter(Boolean));
  return mergeMessages(room.messages.filter((m) => !(m.pending && confirmed.has(m.clientId))), incoming);
}

export class RoomArchive {
  constructor(
    private store: Store,
    private conn: Connection,
    private direct: DirectSession,
    /** Joins a room (before showing a search result in it). */
    private join: (room: string) => Promise<void>,
    private sentence: (error: unknown) => string,
  ) {}

  /** Reads an archive page: posts become messages, actions (corrections, retractions, reactions) are recorded. */
  read(room: string, page: ArchivePage): ChatMessage[] {
    const r = this.store.state.rooms[room];
    let actions: RoomActions | undefined;
    const messages: ChatMessage[] = [];
    for (const item of page.items) {
      if (isAction(item.message)) {
        const at = item.stamp ? Date.parse(item.stamp) : Date.now();
        const action = readAction(item.message, senderKey(item.message), at);
        if (action) actions = recordAction(actions ?? this.store.state.rooms[room]?.actions ?? recordless(), action);
        continue;
      }
      const m = readRoomMessage(item.message, room, item.stamp);
      if (!m) continue;
      m.id = item.id;
      m.stanzaId = item.id;
      m.mine = isMine(r, m);
      messages.push(m);
    }
    if (actions) {
      const recorded = actions;
      this.store.room(room, () => ({ actions: recorded }));
    }
    return messages;
  }

  /** Loads the page before the oldest message shown (MAM + RSM). */
  async loadOlder(room: string): Promise<void> {
    const r = this.store.state.rooms[room];
    if (r?.kind === 'direct') return this.direct.loadOlder(room);
    if (!r || r.loadingHistory || r.historyComplete) return;
    this.store.room(room, () => ({ loadingHistory: true }));
    try {
      const oldest = r.messages.find((m) => m.stanzaId)?.stanzaId;
      const page = await queryArchive(this.conn, { archive: room, before: oldest ?? '', max: PAGE });
      const older = this.read(room, page);
      this.store.room(room, (rs) => ({ messages: mergeMessages(rs.messages, older), historyComplete: page.complete || older.length === 0, loadingHistory: false }));
    } catch (error) {
      this.store.room(room, () => ({ loadingHistory: false, error: this.sentence(error) }));
    }
  }

  /** Fetches messages after the newest one shown (after a new session). */
  async catchUp(room: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const r = this.store.state.rooms[room];
      const newest = [...(r?.messages ?? [])].reverse().find((m) => m.stanzaId)?.stanzaId;
      if (!r || !newest) return;
      const page = await queryArchive(this.conn, { archive: room, after: newest, max: 100 });
      const missed = this.read(room, page);
      this.store.room(room, (rs) => ({ messages: settle(rs, missed) }));
      if (page.complete || missed.length === 0) return;
    }
  }

  /** Back to the newest page after viewing an older window. */
  async jumpToLatest(room: string): Promise<void> {
    if (this.store.state.rooms[room]?.kind === 'direct') {
      await this.direct.showLatest(room);
      this.store.set({ highlight: undefined });
      return;
    }
    const page = await queryArchive(this.conn, { archive: room, before: '', max: PAGE });
    this.store.room(room, () => ({ messages: this.read(room, page), historyComplete: page.complete, detached: false }));
    this.store.set({ highlight: undefined });
  }

  async search(query: string): Promise<void> {
    const text = query.trim();
    this.store.set({ search: { query, busy: true, results: [], done: false } });
    if (!text) {
      this.store.set({ search: { query, busy: false, results: [], done: false } });
      return;
    }
    const rooms = Object.values(this.store.state.rooms)
      .filter((r) => r.kind !== 'direct')
      .map((r) => r.jid)
      .slice(0, 50);
    const results: SearchResult[] = [];
    let firstError: unknown;
    const direct = this.direct.search(text).then(
      (hits) => void results.push(...hits),
      (error: unknown) => void (firstError ??= error),
    );
    await Promise.all([
      direct,
      ...rooms.map(async (room) => {
        try {
          const page = await queryArchive(this.conn, { archive: room, fulltext: text, before: '', max: 20 });
          for (const message of this.read(room, page)) results.push({ room, message });
        } catch (error) {
          firstError ??= error;
        }
      }),
    ]);
    results.sort((a, b) => b.message.at - a.message.at);
    const error = results.length === 0 && firstError && !(firstError instanceof StanzaError && firstError.condition === 'registration-required') ? this.sentence(firstError) : undefined;
    this.store.set({ search: { query, busy: false, results, done: true, error } });
  }

  /** Opens the room (or direct conversation) around a search result, the message highlighted. */
  async jumpTo(result: SearchResult): Promise<void> {
    const { room, message } = result;
    if (result.kind === 'direct') this.direct.ensure(room);
    this.store.set({ active: room, navOpen: false, panel: window.matchMedia('(max-width: 900px)').matches ? undefined : this.store.state.panel });
    if (result.kind === 'direct') {
      await this.direct.showAround(room, message);
      this.store.set({ highlight: message.id });
      return;
    }
    if (!this.store.state.rooms[room]?.joined) await this.join(room).catch(() => undefined);
    const [before, after] = await Promise.all([
      queryArchive(this.conn, { archive: room, before: message.id, max: 20 }),
      queryArchive(this.conn, { archive: room, after: message.id, max: 20 }),
    ]);
    const window_ = [...this.read(room, before), { ...message, mine: isMine(this.store.state.rooms[room], message) }, ...this.read(room, after)];
    this.store.room(room, () => ({ messages: mergeMessages([], window_), historyComplete: before.complete, detached: !after.complete, unread: 0, mentions: 0 }));
    this.store.set({ highlight: message.id });
  }
}
