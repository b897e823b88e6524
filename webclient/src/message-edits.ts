// The session's edits of room messages (split out of session.ts): XEP-0308
// corrections, XEP-0424 retractions (with the shared file, once the room has
// accepted), XEP-0425 moderation and XEP-0444 reactions.

import type { Connection } from './xmpp/connection.js';
import { x } from './xmpp/xml.js';
import type { XmlElement } from './xmpp/xml.js';
import { NS_CORRECT, NS_MODERATE, NS_REACTIONS, NS_RETRACT, toggleReaction } from './chat/actions.js';
import type { FilesSession } from './files-session.js';
import type { Store } from './store.js';

export class MessageEdits {
  /** Messages of mine waiting for the room's answer, by stanza id: true when reflected, false when refused. */
  private reflectionWaiters = new Map<string, (accepted: boolean) => void>();

  constructor(
    private store: Store,
    private conn: Connection,
    private files: FilesSession,
    /** My key among reaction senders in a room. */
    private myKey: (room: string) => string | undefined,
  ) {}

  /** A room's echo (accepted) or error (refused) of a message one of my edits waits for. */
  answered(stanza: XmlElement): void {
    const waiter = stanza.attrs.id ? this.reflectionWaiters.get(stanza.attrs.id) : undefined;
    if (waiter && (stanza.attrs.type === 'groupchat' || stanza.attrs.type === 'error')) waiter(stanza.attrs.type === 'groupchat');
  }

  /** XEP-0308: corrects one of my messages (by its room stanza id). */
  correct(room: string, target: string, text: string): void {
    const body = text.replace(/\s+$/u, '');
    if (!body.trim()) return;
    this.store.set({ editing: undefined });
    this.conn.send(x('message', { to: room, type: 'groupchat' }, x('body', {}, body), x('replace', { xmlns: NS_CORRECT, id: target })));
  }

  /** XEP-0424: retracts one of my messages. */
  retract(room: string, target: string, id?: string): void {
    this.conn.send(
      x('message', { to: room, type: 'groupchat', id }, x('retract', { xmlns: NS_RETRACT, id: target }), x('fallback', { xmlns: 'urn:xmpp:fallback:0', for: NS_RETRACT }), x('body', {}, 'This person attempted to retract a previous message, but it\'s unsupported by your client.'), x('store', { xmlns: 'urn:xmpp:hints' })),
    );
  }

  /** Retracts my message, then deletes the file it shared, only once the room has accepted the retraction. */
  async retractWithFile(room: string, target: string, url: string): Promise<void> {
    const id = crypto.randomUUID();
    const accepted = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.reflectionWaiters.get(id)?.(false), 20_000);
      this.reflectionWaiters.set(id, (ok) => {
        clearTimeout(timer);
        this.reflectionWaiters.delete(id);
        resolve(ok);
      });
    });
    this.retract(room, target, id);
    // A refused retraction (shown in the banner) keeps the file its message still links to.
    if (await accepted) await this.files.deleteFile(room, url);
  }

  /** XEP-0425: a moderator removes someone else's message. */
  async moderate(room: string, target: string): Promise<void> {
    await this.conn.iq(x('iq', { type: 'set', to: room }, x('moderate', { xmlns: NS_MODERATE, id: target }, x('retract', { xmlns: NS_RETRACT }))));
  }

  /** XEP-0444: adds or removes one of my reactions. */
  react(room: string, target: string, emoji: string): void {
    const r = this.store.state.rooms[room];
    const me = this.myKey(room);
    if (!r || !me) return;
    const set = toggleReaction(r.actions, target, me, emoji);
    this.conn.send(x('message', { to: room, type: 'groupchat' }, x('reactions', { xmlns: NS_REACTIONS, id: target }, ...set.map((e) => x('reaction', {}, e))), x('store', { xmlns: 'urn:xmpp:hints' })));
  }
}
