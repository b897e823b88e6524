// The chat session: wires the XMPP layer to the store. Components call its
// methods; it talks to the server and records the outcome in the store.

import { Connection } from './xmpp/connection.js';
import { x } from './xmpp/xml.js';
import type { XmlElement } from './xmpp/xml.js';
import { NS } from './xmpp/namespaces.js';
import { bareJid, domainOf, localOf, loginTarget, resourceOf, unescapeLocal } from './xmpp/jid.js';
import { isAction, readRoomMessage } from './xmpp/messages.js';
import { readAction, recordAction } from './chat/actions.js';
import type { ChatMessage } from './xmpp/messages.js';
import { queryArchive } from './xmpp/mam.js';
import { configureNewRoom, invite, joinPresence, leavePresence, readOccupantPresence } from './xmpp/muc.js';
import { fetchBookmarks, readBookmarkEvent } from './xmpp/bookmarks.js';
import { discoItems, discoName } from './xmpp/disco.js';
import { canChangePassword, fetchDisplayName } from './xmpp/account.js';
import { LoginError, StanzaError } from './xmpp/stanza-error.js';
import { emptyRoom } from './store.js';
import type { RoomState, ServerConfig, Store } from './store.js';
import { mentions, mergeMessages } from './chat/grouping.js';
import { errorSentence, loginErrorSentence } from './i18n/errors.js';
import { translate } from './i18n/index.js';
import { loadServerConfig } from './server-config.js';
import { NS_OOB } from './xmpp/upload.js';
import { isEventNotice } from './xmpp/room-events.js';
import { PeopleSession } from './people-session.js';
import { ActivitySession } from './activity-session.js';
import { DirectSession } from './direct-session.js';
import { NS_PINS, RoomToolsSession } from './room-tools-session.js';
import { RoomArchive, isMine, senderKey, settle } from './room-archive.js';
import { FilesSession } from './files-session.js';
import { AccountSession } from './account-session.js';
import { MessageEdits } from './message-edits.js';

const NS_CAUSERIE_MAM = 'urn:causerie:mam:0';
const NS_REPLY = 'urn:xmpp:reply:0';

export class ChatSession {
  readonly conn = new Connection();
  private joinWaiters = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private initialDone = false;
  /** Rooms' groups, roster, contact presence, avatars (people-session.ts). */
  readonly people: PeopleSession;
  /** Typing notifications and read markers (activity-session.ts). */
  readonly activity: ActivitySession;
  /** One-to-one conversations (direct-session.ts). */
  readonly direct: DirectSession;
  /** Pins, events, video calls, invitations and members of a room (room-tools-session.ts). */
  readonly tools: RoomToolsSession;
  /** Room archive: history pages, catch-up, search and jumps (room-archive.ts). */
  readonly archive: RoomArchive;
  /** Uploads and deleting uploaded files (files-session.ts). */
  readonly files: FilesSession;
  /** Display name, password, language, notifications (account-session.ts). */
  readonly account: AccountSession;
  /** Corrections, retractions, moderation, reactions (message-edits.ts). */
  readonly edits: MessageEdits;

  constructor(private store: Store) {
    this.people = new PeopleSession(store, this.conn);
    this.activity = new ActivitySession(store, this.conn);
    this.direct = new DirectSession(store, this.conn, this.activity);
    const sentence = (error: unknown): string => this.sentence(error);
    this.tools = new RoomToolsSession(store, this.conn, (room, body) => this.send(room, body), sentence);
    this.archive = new RoomArchive(store, this.conn, this.direct, (room) => this.join(room), sentence);
    this.files = new FilesSession(store, this.conn, () => this.config(), (room, url) => this.sendFile(room, url), sentence);
    this.account = new AccountSession(store, this.conn);
    this.edits = new MessageEdits(store, this.conn, this.files, (room) => this.myKey(room));
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
      void this.join(room.jid).then(() => this.archive.catchUp(room.jid));
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
    void this.tools.fetchPins(room);
    if ((this.state.rooms[room]?.messages.length ?? 0) === 0) await this.archive.loadOlder(room);
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

  /** Shares a file's URL (XEP-0066) as a message; a pending copy shows until the room echoes it. */
  private sendFile(room: string, url: string): void {
    const r = this.state.rooms[room];
    if (!r) return;
    if (r.kind === 'direct') return this.direct.send(room, url, url);
    const id = crypto.randomUUID();
    this.store.room(room, (rs) => ({ messages: [...rs.messages, { id, clientId: id, room, nick: r.nick ?? this.nickFor(), body: url, oob: url, at: Date.now(), mine: true, pending: true }] }));
    this.conn.send(x('message', { to: room, type: 'groupchat', id }, x('body', {}, url), x('x', { xmlns: NS_OOB }, x('url', {}, url)), x('origin-id', { xmlns: NS.SID, id })));
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
    // A direct message is never echoed, so it is not pending: my copy with that id was refused.
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

  /** Opens a message's comment thread in the side panel and loads it from the archive. */
  async openThread(room: string, root: ChatMessage): Promise<void> {
    const rootId = root.stanzaId ?? root.id;
    const known = (this.state.rooms[room]?.messages ?? []).filter((m) => m.thread === rootId);
    this.store.set({ panel: 'thread', thread: { room, root, comments: known, loading: true } });
    try {
      const page = await queryArchive(this.conn, { archive: room, before: '', max: 250, extra: { [`{${NS_CAUSERIE_MAM}}thread`]: rootId } });
      const comments = mergeMessages(known, this.archive.read(room, page));
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
    this.edits.answered(stanza);
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
      void this.tools.fetchPins(room);
      return;
    }
    if (isEventNotice(stanza)) {
      void this.tools.refreshEvents(room);
      return;
    }
    if (isAction(stanza)) {
      const action = readAction(stanza, senderKey(stanza), Date.now());
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
    m.mine = isMine(r, m) || r.messages.some((p) => p.pending && p.clientId === m.clientId);
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
      messages: settle(rs, [m]),
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
