// The chat session: wires the XMPP layer to the store. Components call its
// methods; it talks to the server and records the outcome in the store.

import { Connection } from './xmpp/connection.js';
import { x } from './xmpp/xml.js';
import type { XmlElement } from './xmpp/xml.js';
import { NS } from './xmpp/namespaces.js';
import { bareJid, domainOf, localOf, loginTarget, resourceOf, unescapeLocal } from './xmpp/jid.js';
import { isAction, readRoomMessage } from './xmpp/messages.js';
import { NS_CORRECT, NS_MODERATE, NS_REACTIONS, NS_RETRACT, readAction, recordAction, toggleReaction } from './chat/actions.js';
import type { RoomActions } from './chat/actions.js';
import type { ChatMessage } from './xmpp/messages.js';
import { queryArchive } from './xmpp/mam.js';
import type { ArchivePage } from './xmpp/mam.js';
import { configureNewRoom, invite, joinPresence, leavePresence, readOccupantPresence, roomMembers } from './xmpp/muc.js';
import { fetchBookmarks, readBookmarkEvent } from './xmpp/bookmarks.js';
import { discoItems, discoName } from './xmpp/disco.js';
import { canChangePassword, changePassword, fetchDisplayName, saveDisplayName } from './xmpp/account.js';
import { LoginError, StanzaError } from './xmpp/stanza-error.js';
import { emptyRoom } from './store.js';
import { emptyActions as recordless } from './chat/actions.js';
import type { RoomState, SearchResult, ServerConfig, Store } from './store.js';
import { mentions, mergeMessages } from './chat/grouping.js';
import { errorSentence, loginErrorSentence } from './i18n/errors.js';
import { translate } from './i18n/index.js';
import type { Lang } from './i18n/index.js';
import { loadServerConfig } from './server-config.js';
import { NS_OOB, deleteUploadedFile, isServerFileUrl, putFile, requestSlot } from './xmpp/upload.js';
import { createEvent, deleteEvent, isEventNotice, listEvents, newConferenceLink } from './xmpp/room-events.js';
import type { NewEvent } from './xmpp/room-events.js';
import { inviteGuest, pendingInvitations, resendInvitation, revokeInvitation } from './xmpp/guests.js';
import { removeMember } from './xmpp/muc.js';
import { PeopleSession } from './people-session.js';
import { ActivitySession } from './activity-session.js';
import { DirectSession } from './direct-session.js';

const PAGE = 40;
const NS_PINS = 'urn:causerie:pins:0';
const NS_CAUSERIE_MAM = 'urn:causerie:mam:0';
const NS_REPLY = 'urn:xmpp:reply:0';

export class ChatSession {
  readonly conn = new Connection();
  private joinWaiters = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  /** Messages of mine waiting for the room's answer, by stanza id: true when reflected, false when refused. */
  private reflectionWaiters = new Map<string, (accepted: boolean) => void>();
  private initialDone = false;
  /** Rooms' groups, roster, contact presence, avatars (people-session.ts). */
  readonly people: PeopleSession;
  /** Typing notifications and read markers (activity-session.ts). */
  readonly activity: ActivitySession;
  /** One-to-one conversations (direct-session.ts). */
  readonly direct: DirectSession;

  constructor(private store: Store) {
    this.people = new PeopleSession(store, this.conn);
    this.activity = new ActivitySession(store, this.conn);
    this.direct = new DirectSession(store, this.conn, this.activity);
    this.conn.onState((connection) => this.store.set({ connection }));
    this.conn.onStanza((stanza) => this.stanza(stanza));
    this.conn.onSession(({ resumed }) => {
      if (!resumed && this.initialDone) void this.restore();
    });
    // Messages that arrived while the tab was hidden count as unread until it is seen again.
    document.addEventListener('visibilitychange', () => {
      const active = this.state.active;
      if (document.visibilityState === 'visible' && active && this.state.rooms[active]?.unread) this.store.room(active, () => ({ unread: 0, mentions: 0 }));
    });
  }

  private get state() {
    return this.store.state;
  }

  async config(): Promise<ServerConfig> {
    const config = this.state.config ?? (await loadServerConfig());
    this.store.set({ config });
    return config;
  }

  async login(identifier: string, password: string): Promise<void> {
    this.store.set({ loginError: undefined });
    try {
      const config = await this.config();
      const target = loginTarget(identifier, config.domain, config.guestDomain);
      if (!target || !password) {
        this.store.set({ loginError: translate(this.state.lang, 'login.missing') });
        return;
      }
      const jid = await this.conn.login({ websocketUrl: config.websocketUrl, domain: target.domain, username: target.username, password, resource: `web-${Math.random().toString(36).slice(2, 8)}` });
      this.store.set({ jid, isGuest: domainOf(jid) === config.guestDomain, displayName: unescapeLocal(localOf(jid)) });
      await this.start();
    } catch (error) {
      this.store.set({ loginError: loginErrorSentence(this.state.lang, error instanceof LoginError ? { condition: error.condition } : error) });
    }
  }

  async logout(): Promise<void> {
    await this.conn.logout();
    this.initialDone = false;
    this.people.reset();
    this.activity.reset();
    this.store.set({ jid: '', rooms: {}, active: undefined, panel: undefined, dialog: undefined, search: { query: '', busy: false, results: [], done: false } });
  }

  sentence(error: unknown): string {
    return errorSentence(this.state.lang, error);
  }

  /** After login: presence, profile, rooms. */
  private async start(): Promise<void> {
    this.conn.send(await this.people.broadcastPresence());
    void this.people.start();
    const [name, password] = await Promise.all([fetchDisplayName(this.conn), canChangePassword(this.conn)]);
    if (name) this.store.set({ displayName: name });
    this.store.set({ canChangePassword: password });
    await this.loadRooms();
    this.initialDone = true;
    const first = Object.values(this.state.rooms)
      .filter((r) => r.kind !== 'direct')
      .map((r) => r.jid)
      .sort()[0];
    if (!this.state.active && first) void this.openRoom(first);
    void this.direct.start();
  }

  /** A new session after a failed resumption: join again, then fetch what was missed. */
  private async restore(): Promise<void> {
    this.conn.send(await this.people.broadcastPresence());
    void this.people.start();
    void this.direct.restore();
    for (const room of Object.values(this.state.rooms)) {
      if (!room.joined || room.kind === 'direct') continue;
      this.store.room(room.jid, () => ({ joined: false, occupants: {} }));
      void this.join(room.jid).then(() => this.catchUp(room.jid));
    }
  }

  private async loadRooms(): Promise<void> {
    const config = await this.config();
    const [bookmarks, listed] = await Promise.all([fetchBookmarks(this.conn), discoItems(this.conn, config.conferenceDomain).catch(() => [])]);
    for (const b of bookmarks) this.store.room(b.jid, (r) => ({ name: b.name ?? r.name }));
    for (const item of listed) this.store.room(item.jid, (r) => ({ name: item.name ?? r.name }));
    void this.people.describeRooms(Object.keys(this.state.rooms));
    for (const b of bookmarks) if (b.autojoin) void this.join(b.jid).catch(() => undefined);
  }

  private nickFor(): string {
    const name = this.state.displayName.trim();
    return name || unescapeLocal(localOf(this.state.jid));
  }

  /** Joins a room (XEP-0045 §7.2) and loads its latest messages. */
  async join(room: string): Promise<void> {
    const current = this.state.rooms[room];
    if (current?.joined) return;
    let nick = this.nickFor();
    try {
      await this.enter(room, nick);
    } catch (error) {
      if (!(error instanceof StanzaError) || error.condition !== 'conflict') {
        this.store.room(room, () => ({ error: translate(this.state.lang, 'room.joinError', { reason: this.sentence(error) }) }));
        throw error;
      }
      nick = `${nick} (${unescapeLocal(localOf(this.state.jid))})`;
      await this.enter(room, nick);
    }
    void this.fetchPins(room);
    if ((this.state.rooms[room]?.messages.length ?? 0) === 0) await this.loadOlder(room);
  }

  private enter(room: string, nick: string): Promise<void> {
    this.store.room(room, () => ({ nick, error: undefined }));
    return new Promise((resolve, reject) => {
      this.joinWaiters.set(room, { resolve, reject });
      this.conn.send(joinPresence(room, nick));
    });
  }

  async openRoom(room: string): Promise<void> {
    this.store.set({ active: room, navOpen: false, highlight: undefined });
    this.store.room(room, () => ({ unread: 0, mentions: 0 }));
    if (!this.state.rooms[room]?.joined) await this.join(room).catch(() => undefined);
  }

  leave(room: string): void {
    const r = this.state.rooms[room];
    if (r?.nick) this.conn.send(leavePresence(room, r.nick));
  }

  send(room: string, text: string): void {
    const body = text.replace(/\s+$/u, '');
    if (!body.trim()) return;
    const r = this.state.rooms[room];
    if (!r) return;
    if (r.kind === 'direct') return this.direct.send(room, body);
    const id = crypto.randomUUID();
    const pending: ChatMessage = { id, clientId: id, room, nick: r.nick ?? this.nickFor(), body, at: Date.now(), mine: true, pending: true };
    this.store.room(room, (rs) => ({ messages: [...rs.messages, pending] }));
    this.conn.send(x('message', { to: room, type: 'groupchat', id }, x('body', {}, body), x('origin-id', { xmlns: NS.SID, id })));
  }

  /** Uploads a file (XEP-0363) with progress, then shares its URL in the room. */
  async upload(room: string, file: File): Promise<void> {
    const id = crypto.randomUUID();
    const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
    this.store.set({ uploads: [...this.state.uploads, { id, room, name: file.name, progress: 0, preview }] });
    try {
      const config = await this.config();
      const slot = await requestSlot(this.conn, config.uploadDomain ?? `upload.${config.domain}`, { name: file.name, size: file.size, type: file.type });
      let shown = 0;
      await putFile(slot, file, (fraction) => {
        // Re-render at most every 2 %.
        if (fraction - shown >= 0.02 || fraction === 1) {
          shown = fraction;
          this.store.upload(id, { progress: fraction });
        }
      });
      this.sendFile(room, slot.get);
      this.store.upload(id, undefined);
      if (preview) URL.revokeObjectURL(preview);
    } catch (error) {
      this.store.upload(id, { error: this.sentence(error) });
    }
  }

  dismissUpload(id: string): void {
    const u = this.state.uploads.find((up) => up.id === id);
    if (u?.preview) URL.revokeObjectURL(u.preview);
    this.store.upload(id, undefined);
  }

  private sendFile(room: string, url: string): void {
    const r = this.state.rooms[room];
    if (!r) return;
    if (r.kind === 'direct') return this.direct.send(room, url, url);
    const id = crypto.randomUUID();
    this.store.room(room, (rs) => ({ messages: [...rs.messages, { id, clientId: id, room, nick: r.nick ?? this.nickFor(), body: url, oob: url, at: Date.now(), mine: true, pending: true }] }));
    this.conn.send(x('message', { to: room, type: 'groupchat', id }, x('body', {}, url), x('x', { xmlns: NS_OOB }, x('url', {}, url)), x('origin-id', { xmlns: NS.SID, id })));
  }

  /** Reads an archive page: posts become messages, actions (corrections, retractions, reactions) are recorded. */
  private toMessages(room: string, page: ArchivePage): ChatMessage[] {
    const r = this.state.rooms[room];
    let actions: RoomActions | undefined;
    const messages: ChatMessage[] = [];
    for (const item of page.items) {
      if (isAction(item.message)) {
        const at = item.stamp ? Date.parse(item.stamp) : Date.now();
        const action = readAction(item.message, this.senderKey(item.message), at);
        if (action) actions = recordAction(actions ?? this.state.rooms[room]?.actions ?? recordless(), action);
        continue;
      }
      const m = readRoomMessage(item.message, room, item.stamp);
      if (!m) continue;
      m.id = item.id;
      m.stanzaId = item.id;
      m.mine = this.isMine(r, m);
      messages.push(m);
    }
    if (actions) {
      const recorded = actions;
      this.store.room(room, () => ({ actions: recorded }));
    }
    return messages;
  }

  /** Who sent a stanza, as reactions are counted: the occupant id, else the nick. */
  private senderKey(stanza: XmlElement): string {
    return stanza.child('occupant-id', NS.OCCUPANT_ID)?.attrs.id ?? `nick:${resourceOf(stanza.attrs.from ?? '')}`;
  }

  /** My key among reaction senders in a room. */
  myKey(room: string): string | undefined {
    const r = this.state.rooms[room];
    return r?.selfOccupantId ?? (r?.nick ? `nick:${r.nick}` : undefined);
  }

  /** A message of mine the room refused: the pending copy says why; other refusals go to the room banner. */
  private refused(room: string, stanza: XmlElement): void {
    const sentence = this.sentence(StanzaError.from(stanza));
    const id = stanza.attrs.id;
    const r = this.state.rooms[room];
    // A direct message is never echoed, so it is not pending: any of mine with that id was refused.
    if (id && r?.messages.some((m) => m.clientId === id && (m.pending || (r.kind === 'direct' && m.mine && !m.failed)))) {
      this.store.room(room, (rs) => ({ messages: rs.messages.map((m) => (m.clientId === id ? { ...m, pending: false, failed: sentence } : m)) }));
    } else {
      this.store.room(room, () => ({ error: sentence }));
    }
  }

  /** Sends a refused message again (it keeps its place until then). */
  retry(room: string, clientId: string): void {
    const failed = this.state.rooms[room]?.messages.find((m) => m.clientId === clientId && m.failed);
    if (!failed) return;
    this.discard(room, clientId);
    if (failed.oob) this.sendFile(room, failed.oob);
    else this.send(room, failed.body);
  }

  discard(room: string, clientId: string): void {
    this.store.room(room, (rs) => ({ messages: rs.messages.filter((m) => !(m.clientId === clientId && m.failed)) }));
  }

  /** XEP-0308: corrects one of my messages (by its room stanza id). */
  correct(room: string, target: string, text: string): void {
    const body = text.replace(/\s+$/u, '');
    if (!body.trim()) return;
    this.store.set({ editing: undefined });
    this.conn.send(x('message', { to: room, type: 'groupchat' }, x('body', {}, body), x('replace', { xmlns: NS_CORRECT, id: target })));
  }

  /** Whether a shared URL is a file uploaded to this server (which its uploader may delete). */
  isServerFile(url: string): boolean {
    const hosts = [location.host];
    if (this.state.config) hosts.push(new URL(this.state.config.websocketUrl).host);
    return isServerFileUrl(url, hosts);
  }

  /** Deletes one of my uploaded files (urn:causerie:files:0), e.g. after retracting the message that shared it. */
  async deleteFile(room: string, url: string): Promise<void> {
    try {
      const config = await this.config();
      await deleteUploadedFile(this.conn, config.uploadDomain ?? `upload.${config.domain}`, url);
    } catch (error) {
      this.store.room(room, () => ({ error: this.sentence(error) }));
    }
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
    if (await accepted) await this.deleteFile(room, url);
  }

  /** XEP-0425: a moderator removes someone else's message. */
  async moderate(room: string, target: string): Promise<void> {
    await this.conn.iq(x('iq', { type: 'set', to: room }, x('moderate', { xmlns: NS_MODERATE, id: target }, x('retract', { xmlns: NS_RETRACT }))));
  }

  /** XEP-0444: adds or removes one of my reactions. */
  react(room: string, target: string, emoji: string): void {
    const r = this.state.rooms[room];
    const me = this.myKey(room);
    if (!r || !me) return;
    const set = toggleReaction(r.actions, target, me, emoji);
    this.conn.send(x('message', { to: room, type: 'groupchat' }, x('reactions', { xmlns: NS_REACTIONS, id: target }, ...set.map((e) => x('reaction', {}, e))), x('store', { xmlns: 'urn:xmpp:hints' })));
  }

  /** Causerie pins (urn:causerie:pins:0): the room's pinned messages. */
  async fetchPins(room: string): Promise<void> {
    try {
      const iq = await this.conn.iq(x('iq', { type: 'get', to: room }, x('pins', { xmlns: NS_PINS })));
      const pins = (iq.child('pins', NS_PINS)?.childrenNamed('pin') ?? []).map((pin) => {
        const forwarded = pin.child('forwarded', NS.FORWARD);
        const stanza = forwarded?.child('message');
        const m = stanza ? readRoomMessage(stanza, room, forwarded?.child('delay', NS.DELAY)?.attrs.stamp) : undefined;
        const id = pin.attrs.id ?? '';
        return { ...(m ?? { room, nick: '', body: '', at: Date.parse(pin.attrs.at ?? '') || Date.now(), mine: false }), id, stanzaId: id };
      });
      this.store.room(room, () => ({ pins }));
    } catch {
      this.store.room(room, () => ({ pins: [] }));
    }
  }

  async setPinned(room: string, target: string, pinned: boolean): Promise<void> {
    await this.conn.iq(x('iq', { type: 'set', to: room }, x(pinned ? 'pin' : 'unpin', { xmlns: NS_PINS, id: target })));
    await this.fetchPins(room);
  }

  async refreshEvents(room: string): Promise<void> {
    try {
      const events = await listEvents(this.conn, room);
      this.store.room(room, () => ({ events }));
    } catch {
      this.store.room(room, () => ({ events: [] }));
    }
  }

  async createEvent(room: string, event: NewEvent): Promise<void> {
    await createEvent(this.conn, room, event);
    await this.refreshEvents(room);
  }

  /** "Start a conference": posts a fresh meeting link from the server as an ordinary (archived) room message. */
  async startConference(room: string): Promise<void> {
    try {
      const url = await newConferenceLink(this.conn, room);
      this.send(room, translate(this.state.lang, 'conference.message', { url }));
    } catch (error) {
      this.store.room(room, () => ({ error: this.sentence(error) }));
    }
  }

  async deleteEvent(room: string, id: string): Promise<void> {
    await deleteEvent(this.conn, room, id);
    await this.refreshEvents(room);
  }

  /** Invites someone by email (a guest account is made when they register). */
  async inviteByEmail(room: string, email: string): Promise<'sent' | 'member'> {
    try {
      return await inviteGuest(this.conn, room, email.trim(), this.state.lang);
    } finally {
      // Also after a delivery failure: the invitation is kept, marked failed, and can be resent.
      await Promise.all([this.refreshInvitations(room), this.refreshMembers(room).catch(() => undefined)]);
    }
  }

  /** The room's pending invitations; the server's `forbidden` (no invite right) sets canInvite false. */
  async refreshInvitations(room: string): Promise<void> {
    try {
      const invitations = await pendingInvitations(this.conn, room);
      this.store.room(room, () => ({ invitations, canInvite: true }));
    } catch (error) {
      const forbidden = (error as { condition?: string }).condition === 'forbidden';
      this.store.room(room, (r) => ({ invitations: [], canInvite: forbidden ? false : r.canInvite }));
    }
  }

  async resendInvitation(room: string, email: string): Promise<void> {
    try {
      await resendInvitation(this.conn, room, email);
    } finally {
      await this.refreshInvitations(room);
    }
  }

  async revokeInvitation(room: string, email: string): Promise<void> {
    await revokeInvitation(this.conn, room, email);
    await this.refreshInvitations(room);
  }

  async removeMember(room: string, jid: string): Promise<void> {
    await removeMember(this.conn, room, jid);
    await this.refreshMembers(room);
  }

  /** Opens a message's comment thread in the side panel and loads it from the archive. */
  async openThread(room: string, root: ChatMessage): Promise<void> {
    const rootId = root.stanzaId ?? root.id;
    const known = (this.state.rooms[room]?.messages ?? []).filter((m) => m.thread === rootId);
    this.store.set({ panel: 'thread', thread: { room, root, comments: known, loading: true } });
    try {
      const page = await queryArchive(this.conn, { archive: room, before: '', max: 250, extra: { [`{${NS_CAUSERIE_MAM}}thread`]: rootId } });
      const comments = mergeMessages(known, this.toMessages(room, page));
      if (this.state.thread?.root.id === root.id) this.store.set({ thread: { room, root, comments, loading: false } });
    } catch {
      if (this.state.thread?.root.id === root.id) this.store.set({ thread: { room, root, comments: known, loading: false } });
    }
  }

  /** Comments on a message: XEP-0201 thread named by the root's stanza id, with an XEP-0461 reply to it. */
  comment(room: string, root: ChatMessage, text: string): void {
    const body = text.replace(/\s+$/u, '');
    const r = this.state.rooms[room];
    const rootId = root.stanzaId ?? root.id;
    if (!body.trim() || !r) return;
    const id = crypto.randomUUID();
    const pending: ChatMessage = { id, clientId: id, room, nick: r.nick ?? this.nickFor(), body, at: Date.now(), mine: true, pending: true, thread: rootId };
    this.store.room(room, (rs) => ({ messages: [...rs.messages, pending] }));
    const thread = this.state.thread;
    if (thread?.root.id === root.id) this.store.set({ thread: { ...thread, comments: [...thread.comments, pending] } });
    this.conn.send(
      x('message', { to: room, type: 'groupchat', id }, x('body', {}, body), x('thread', {}, rootId), x('reply', { xmlns: NS_REPLY, to: `${room}/${root.nick}`, id: rootId }), x('origin-id', { xmlns: NS.SID, id })),
    );
  }

  private isMine(room: RoomState | undefined, m: ChatMessage): boolean {
    if (!room) return false;
    if (room.selfOccupantId && m.occupantId) return room.selfOccupantId === m.occupantId;
    return m.nick === room.nick;
  }

  /** Loads the page before the oldest message shown (MAM + RSM). */
  async loadOlder(room: string): Promise<void> {
    const r = this.state.rooms[room];
    if (r?.kind === 'direct') return this.direct.loadOlder(room);
    if (!r || r.loadingHistory || r.historyComplete) return;
    this.store.room(room, () => ({ loadingHistory: true }));
    try {
      const oldest = r.messages.find((m) => m.stanzaId)?.stanzaId;
      const page = await queryArchive(this.conn, { archive: room, before: oldest ?? '', max: PAGE });
      const older = this.toMessages(room, page);
      this.store.room(room, (rs) => ({ messages: mergeMessages(rs.messages, older), historyComplete: page.complete || older.length === 0, loadingHistory: false }));
    } catch (error) {
      this.store.room(room, () => ({ loadingHistory: false, error: this.sentence(error) }));
    }
  }

  /** Fetches messages after the newest one shown (after a new session). */
  private async catchUp(room: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const r = this.state.rooms[room];
      const newest = [...(r?.messages ?? [])].reverse().find((m) => m.stanzaId)?.stanzaId;
      if (!r || !newest) return;
      const page = await queryArchive(this.conn, { archive: room, after: newest, max: 100 });
      const missed = this.toMessages(room, page);
      this.store.room(room, (rs) => ({ messages: this.settle(rs, missed) }));
      if (page.complete || missed.length === 0) return;
    }
  }

  /** Adds messages, replacing our own pending copies by their confirmed ones. */
  private settle(room: RoomState, incoming: ChatMessage[]): ChatMessage[] {
    const confirmed = new Set(incoming.map((m) => m.clientId).filter(Boolean));
    return mergeMessages(room.messages.filter((m) => !(m.pending && confirmed.has(m.clientId))), incoming);
  }

  /** Back to the newest page after viewing an older window. */
  async jumpToLatest(room: string): Promise<void> {
    if (this.state.rooms[room]?.kind === 'direct') {
      await this.direct.showLatest(room);
      this.store.set({ highlight: undefined });
      return;
    }
    const page = await queryArchive(this.conn, { archive: room, before: '', max: PAGE });
    this.store.room(room, () => ({ messages: this.toMessages(room, page), historyComplete: page.complete, detached: false }));
    this.store.set({ highlight: undefined });
  }

  async search(query: string): Promise<void> {
    const text = query.trim();
    this.store.set({ search: { query, busy: true, results: [], done: false } });
    if (!text) {
      this.store.set({ search: { query, busy: false, results: [], done: false } });
      return;
    }
    const rooms = Object.values(this.state.rooms)
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
          for (const message of this.toMessages(room, page)) results.push({ room, message });
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
    this.store.set({ active: room, navOpen: false, panel: window.matchMedia('(max-width: 900px)').matches ? undefined : this.state.panel });
    if (result.kind === 'direct') {
      await this.direct.showAround(room, message);
      this.store.set({ highlight: message.id });
      return;
    }
    if (!this.state.rooms[room]?.joined) await this.join(room).catch(() => undefined);
    const [before, after] = await Promise.all([
      queryArchive(this.conn, { archive: room, before: message.id, max: 20 }),
      queryArchive(this.conn, { archive: room, after: message.id, max: 20 }),
    ]);
    const window_ = [...this.toMessages(room, before), { ...message, mine: this.isMine(this.state.rooms[room], message) }, ...this.toMessages(room, after)];
    this.store.room(room, () => ({ messages: mergeMessages([], window_), historyComplete: before.complete, detached: !after.complete, unread: 0, mentions: 0 }));
    this.store.set({ highlight: message.id });
  }

  async createRoom(name: string, members: string[]): Promise<string> {
    const config = await this.config();
    const slug = name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'salon';
    const room = `${slug}-${Math.random().toString(36).slice(2, 8)}@${config.conferenceDomain}`;
    this.store.room(room, () => ({ name }));
    await this.enter(room, this.nickFor());
    await configureNewRoom(this.conn, room, name);
    void this.people.describeRooms([room]);
    for (const jid of members) invite(this.conn, room, jid.includes('@') ? jid : `${jid}@${config.domain}`);
    await this.openRoom(room);
    return room;
  }

  async refreshMembers(room: string): Promise<void> {
    const members = await roomMembers(this.conn, room);
    this.store.room(room, () => ({ members }));
  }

  async saveDisplayName(name: string): Promise<void> {
    await saveDisplayName(this.conn, name);
    this.store.set({ displayName: name });
  }

  async changePassword(password: string): Promise<void> {
    await changePassword(this.conn, password);
    this.conn.setPassword(password);
  }

  setLanguage(lang: Lang): void {
    localStorage.setItem('causerie.lang', lang);
    document.documentElement.lang = lang;
    this.store.set({ lang });
  }

  async setNotifications(on: boolean): Promise<boolean> {
    if (on && 'Notification' in window && Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      if (answer !== 'granted') return false;
    }
    localStorage.setItem('causerie.notify', on ? '1' : '0');
    this.store.set({ notifications: on });
    return true;
  }

  private stanza(stanza: XmlElement): void {
    if (stanza.name === 'presence') this.presence(stanza);
    else if (stanza.name === 'message') this.message(stanza);
  }

  private presence(stanza: XmlElement): void {
    if (this.people.presence(stanza)) return;
    const from = bareJid(stanza.attrs.from ?? '');
    const waiter = this.joinWaiters.get(from);
    if (stanza.attrs.type === 'error' && waiter) {
      this.joinWaiters.delete(from);
      waiter.reject(StanzaError.from(stanza));
      return;
    }
    const p = readOccupantPresence(stanza);
    if (!p) return;
    const occupantId = stanza.child('occupant-id', NS.OCCUPANT_ID)?.attrs.id;
    this.store.room(p.room, (r) => {
      const occupants = { ...r.occupants };
      if (p.unavailable) delete occupants[p.occupant.nick];
      else occupants[p.occupant.nick] = p.occupant;
      const patch: Partial<RoomState> = { occupants };
      if (p.self) {
        patch.joined = !p.unavailable;
        if (occupantId) patch.selfOccupantId = occupantId;
        if (p.unavailable && p.codes.some((c) => c === '321' || c === '307' || c === '332' || c === '301')) {
          patch.error = translate(this.state.lang, 'room.left', { reason: p.reason ?? this.sentence({ condition: 'forbidden' }) });
        }
      }
      return patch;
    });
    if (p.self && !p.unavailable && waiter) {
      this.joinWaiters.delete(from);
      waiter.resolve();
    }
  }

  private message(stanza: XmlElement): void {
    const bookmarks = readBookmarkEvent(stanza);
    if (bookmarks) {
      for (const b of bookmarks.added) this.store.room(b.jid, (r) => ({ name: b.name ?? r.name }));
      // The room on screen stays (with why it was left, from its presence); others go.
      for (const jid of bookmarks.removed) if (jid !== this.state.active) this.store.removeRoom(jid);
      void this.people.describeRooms(bookmarks.added.map((b) => b.jid));
      for (const b of bookmarks.added) if (b.autojoin && !this.state.rooms[b.jid]?.joined) void this.join(b.jid).catch(() => undefined);
      return;
    }
    if (this.people.message(stanza)) return;
    if (stanza.child('result', NS.MAM)) return;
    if (this.direct.message(stanza)) return;
    const from = stanza.attrs.from ?? '';
    const room = bareJid(from);
    const reflected = stanza.attrs.id ? this.reflectionWaiters.get(stanza.attrs.id) : undefined;
    if (reflected && (stanza.attrs.type === 'groupchat' || stanza.attrs.type === 'error')) reflected(stanza.attrs.type === 'groupchat');
    const invitation = stanza.child('x', NS.MUC_USER)?.child('invite');
    if (invitation && !this.state.rooms[room]) {
      // An invitation makes us a member (the server's rule); the room's name comes from disco.
      this.store.room(room, () => ({}));
      void this.people.describeRooms([room]);
      void discoName(this.conn, room)
        .then((name) => name && this.store.room(room, () => ({ name })))
        .catch(() => undefined);
      return;
    }
    if (stanza.attrs.type === 'error' && this.state.rooms[room]) {
      this.refused(room, stanza);
      return;
    }
    if (stanza.attrs.type !== 'groupchat' || !this.state.rooms[room]) return;
    if (this.activity.message(stanza, room)) return;
    const pinChange = stanza.child('pinned', NS_PINS) ?? stanza.child('unpinned', NS_PINS);
    if (pinChange && !stanza.child('body')) {
      void this.fetchPins(room);
      return;
    }
    if (isEventNotice(stanza)) {
      void this.refreshEvents(room);
      return;
    }
    if (isAction(stanza)) {
      const action = readAction(stanza, this.senderKey(stanza), Date.now());
      if (action) this.store.room(room, (rs) => ({ actions: recordAction(rs.actions, action) }));
      return;
    }
    if (stanza.child('subject') && !stanza.child('body')) {
      this.store.room(room, () => ({ subject: stanza.childText('subject') }));
      return;
    }
    const m = readRoomMessage(stanza, room);
    if (!m || !resourceOf(from)) return;
    const r = this.state.rooms[room] as RoomState;
    m.mine = this.isMine(r, m) || r.messages.some((p) => p.pending && p.clientId === m.clientId);
    const active = this.state.active === room && document.visibilityState === 'visible';
    const mentioned = !m.mine && (mentions(m.body, r.nick ?? '') || mentions(m.body, unescapeLocal(localOf(this.state.jid))));
    m.mention = mentioned;
    if (r.detached) {
      this.store.room(room, (rs) => ({ unread: rs.unread + (m.mine ? 0 : 1) }));
      return;
    }
    const thread = this.state.thread;
    if (m.thread && thread && thread.room === room && (thread.root.stanzaId ?? thread.root.id) === m.thread) {
      this.store.set({ thread: { ...thread, comments: mergeMessages(thread.comments.filter((c) => !(c.pending && c.clientId === m.clientId)), [m]) } });
    }
    this.store.room(room, (rs) => ({
      messages: this.settle(rs, [m]),
      unread: active || m.mine ? rs.unread : rs.unread + 1,
      mentions: active || !mentioned ? rs.mentions : rs.mentions + 1,
    }));
    if (mentioned && this.state.notifications && 'Notification' in window && Notification.permission === 'granted' && (document.visibilityState !== 'visible' || this.state.active !== room)) {
      const n = new Notification(translate(this.state.lang, 'notify.mention', { nick: m.nick, room: r.name }), { body: m.body.slice(0, 200), tag: m.id });
      n.onclick = () => {
        window.focus();
        void this.openRoom(room);
      };
    }
  }
}

export function roomOf(store: Store, jid: string): RoomState {
  return store.state.rooms[jid] ?? emptyRoom(jid);
}
