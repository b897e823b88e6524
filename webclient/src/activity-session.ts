// The session's activity side (split out of session.ts, same role): my
// typing state sent to the room (XEP-0085: composing, then paused after 5 s
// without typing), others' typing shown while fresh, and read markers
// (XEP-0333 displayed) sent for the newest message of the room I am looking
// at and recorded per reader.

import type { Connection } from './xmpp/connection.js';
import type { XmlElement } from './xmpp/xml.js';
import { chatStateMessage, displayedMessage, readChatState, readDisplayed } from './xmpp/chat-states.js';
import { resourceOf } from './xmpp/jid.js';
import type { Store } from './store.js';

const PAUSE_AFTER_MS = 5_000;
/** XEP-0085 §5.2: a composing state that is not renewed goes stale. */
const TYPING_STALE_MS = 30_000;

export class ActivitySession {
  /** My pending 'paused' per room while I type. */
  private pauseTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Others' stale typing per room/nick. */
  private staleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Room → the stanza id I last sent a displayed marker for. */
  private marked = new Map<string, string>();

  constructor(
    private store: Store,
    private conn: Connection,
  ) {
    store.subscribe(() => this.markDisplayed());
    document.addEventListener('visibilitychange', () => this.markDisplayed());
  }

  reset(): void {
    for (const timer of [...this.pauseTimers.values(), ...this.staleTimers.values()]) clearTimeout(timer);
    this.pauseTimers.clear();
    this.staleTimers.clear();
    this.marked.clear();
  }

  /** The composer's text changed. */
  typed(room: string, text: string): void {
    const type = this.store.state.rooms[room]?.kind === 'direct' ? 'chat' : 'groupchat';
    const timer = this.pauseTimers.get(room);
    if (timer) clearTimeout(timer);
    if (!text.trim()) {
      if (timer) this.conn.send(chatStateMessage(room, 'active', type));
      this.pauseTimers.delete(room);
      return;
    }
    if (!timer) this.conn.send(chatStateMessage(room, 'composing', type));
    this.pauseTimers.set(
      room,
      setTimeout(() => {
        this.pauseTimers.delete(room);
        this.conn.send(chatStateMessage(room, 'paused', type));
      }, PAUSE_AFTER_MS),
    );
  }

  /** My message went out: it ends my typing (no 'paused' after it). */
  sent(room: string): void {
    const timer = this.pauseTimers.get(room);
    if (timer) clearTimeout(timer);
    this.pauseTimers.delete(room);
  }

  /** Reads chat states and markers of a room message; true when it carried nothing else (no body). */
  message(stanza: XmlElement, room: string): boolean {
    const r = this.store.state.rooms[room];
    const nick = resourceOf(stanza.attrs.from ?? '');
    const state = readChatState(stanza);
    const displayed = readDisplayed(stanza);
    const hasBody = stanza.child('body') !== undefined;
    const activityOnly = !hasBody && (state !== undefined || displayed !== undefined);
    if (!r || !nick || nick === r.nick) return activityOnly;
    if (state === 'composing' && !hasBody) this.setTyping(room, nick, true);
    else if (state !== undefined || hasBody) this.setTyping(room, nick, false);
    if (displayed) this.store.room(room, (rs) => ({ seenBy: { ...rs.seenBy, [nick]: displayed } }));
    return activityOnly;
  }

  /** Shows or drops someone's typing in a room (or a direct conversation, direct-session.ts). */
  setTyping(room: string, nick: string, typing: boolean): void {
    const key = `${room}/${nick}`;
    const timer = this.staleTimers.get(key);
    if (timer) clearTimeout(timer);
    this.staleTimers.delete(key);
    if (typing) this.staleTimers.set(key, setTimeout(() => this.setTyping(room, nick, false), TYPING_STALE_MS));
    const current = this.store.state.rooms[room]?.typing ?? [];
    if (current.includes(nick) === typing) return;
    this.store.room(room, () => ({ typing: typing ? [...current, nick] : current.filter((n) => n !== nick) }));
  }

  /** Sends a displayed marker for the newest message of others in the room I am looking at. */
  private markDisplayed(): void {
    const s = this.store.state;
    if (!s.active || s.connection !== 'online' || document.visibilityState !== 'visible') return;
    const r = s.rooms[s.active];
    // Direct conversations: no markers (the server would carbon and archive them).
    if (!r?.joined || r.detached || r.kind === 'direct') return;
    // Runs on every store change: walk back from the end instead of copying the list.
    let newest;
    for (let i = r.messages.length - 1; i >= 0 && !newest; i--) {
      const m = r.messages[i];
      if (m?.stanzaId && !m.mine && !m.pending) newest = m;
    }
    if (!newest?.stanzaId || this.marked.get(r.jid) === newest.stanzaId) return;
    this.marked.set(r.jid, newest.stanzaId);
    this.conn.send(displayedMessage(r.jid, newest.stanzaId));
  }
}
