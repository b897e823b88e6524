// The client's state in one place, with subscribe(): components read it and
// re-render on change; only the session (session.ts) writes to it.

import type { ConnectionState } from './xmpp/connection.js';
import type { ChatMessage } from './xmpp/messages.js';
import type { Occupant, RoomMember } from './xmpp/muc.js';
import type { Lang } from './i18n/index.js';
import { emptyActions } from './chat/actions.js';
import type { RoomActions } from './chat/actions.js';
import type { RoomEvent } from './xmpp/room-events.js';
import type { PendingInvitation } from './xmpp/guests.js';
import type { Contact } from './xmpp/roster.js';
import { roomSections } from './chat/room-sections.js';

export interface RoomState {
  jid: string;
  name: string;
  nick?: string;
  selfOccupantId?: string;
  joined: boolean;
  error?: string;
  messages: ChatMessage[];
  historyComplete: boolean;
  loadingHistory: boolean;
  /** Showing an older window of the history (after jumping to a search result). */
  detached: boolean;
  unread: number;
  mentions: number;
  occupants: Record<string, Occupant>;
  members: RoomMember[];
  subject?: string;
  actions: RoomActions;
  /** Stanza ids of the pinned messages, and the pinned messages themselves once fetched. */
  pins: ChatMessage[];
  events: RoomEvent[];
  invitations: PendingInvitation[];
  /** Whether I may invite by email here: the server's answer to the invitations list (undefined until it came). */
  canInvite?: boolean;
  /** From the room's disco#info: a group's room (with the group's name) or a private room; 'direct': a one-to-one conversation keyed by the person's bare JID (direct-session.ts). */
  kind?: 'group' | 'private' | 'direct';
  group?: string;
  /** Nicks typing now (XEP-0085 composing). */
  typing?: string[];
  /** Nick → stanza id of the last message that person displayed (XEP-0333). */
  seenBy?: Record<string, string>;
}

export interface SearchResult {
  /** The room, or for a direct message the person's bare JID. */
  room: string;
  /** 'direct': a hit in my own archive (a one-to-one conversation). */
  kind?: 'direct';
  message: ChatMessage;
}

export interface ServerConfig {
  websocketUrl: string;
  domain: string;
  guestDomain: string;
  conferenceDomain: string;
  uploadDomain?: string;
}

export interface UploadState {
  id: string;
  room: string;
  name: string;
  progress: number;
  /** A local preview (blob: URL) for images. */
  preview?: string;
  error?: string;
}

export type Panel = 'members' | 'search' | 'pins' | 'thread' | 'events' | undefined;
export type Dialog = 'create' | 'options' | undefined;

export interface AppState {
  lang: Lang;
  config?: ServerConfig;
  connection: ConnectionState;
  jid: string;
  isGuest: boolean;
  displayName: string;
  rooms: Record<string, RoomState>;
  active?: string;
  panel: Panel;
  dialog: Dialog;
  /** Narrow screens: the room list is shown over the room. */
  navOpen: boolean;
  search: { query: string; busy: boolean; results: SearchResult[]; done: boolean; error?: string };
  highlight?: string;
  notifications: boolean;
  canChangePassword: boolean;
  loginError?: string;
  uploads: UploadState[];
  /** The comment thread shown in the side panel. */
  thread?: { room: string; root: ChatMessage; comments: ChatMessage[]; loading: boolean };
  /** The message being edited in place. */
  editing?: string;
  /** RFC 6121 roster by bare JID (not fetched for guests). */
  roster: Record<string, Contact>;
  /** Bare JID → resource → show ('online', 'away', 'dnd'…) of contacts. */
  contactPresence: Record<string, Record<string, string>>;
  /** XEP-0421 occupant id → real bare JID, as room presences said (rooms are non-anonymous). */
  occupantJids: Record<string, string>;
  /** Bare JID → nick of the people seen in my rooms this session (they stay listed, offline, after leaving). */
  roomPeople: Record<string, string>;
  /** Bare JID → avatar image (data: URL); '' when the person has none. */
  avatars: Record<string, string>;
}

export function emptyRoom(jid: string, name?: string): RoomState {
  return { jid, name: name ?? jid.split('@')[0] ?? jid, joined: false, messages: [], historyComplete: false, loadingHistory: false, detached: false, unread: 0, mentions: 0, occupants: {}, members: [], actions: emptyActions(), pins: [], events: [], invitations: [] };
}

export function initialState(lang: Lang): AppState {
  return {
    lang,
    connection: 'offline',
    jid: '',
    isGuest: false,
    displayName: '',
    rooms: {},
    panel: undefined,
    dialog: undefined,
    navOpen: false,
    search: { query: '', busy: false, results: [], done: false },
    notifications: false,
    canChangePassword: false,
    uploads: [],
    roster: {},
    contactPresence: {},
    occupantJids: {},
    roomPeople: {},
    avatars: {},
  };
}

type Listener = (state: AppState) => void;

export class Store {
  private listeners = new Set<Listener>();

  constructor(private current: AppState) {}

  get state(): AppState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<AppState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l(this.current);
  }

  /** Changes one room (created when missing). */
  room(jid: string, change: (room: RoomState) => Partial<RoomState>): void {
    const room = this.current.rooms[jid] ?? emptyRoom(jid);
    this.set({ rooms: { ...this.current.rooms, [jid]: { ...room, ...change(room) } } });
  }

  upload(id: string, change: Partial<UploadState> | undefined): void {
    const uploads = change === undefined ? this.current.uploads.filter((u) => u.id !== id) : this.current.uploads.map((u) => (u.id === id ? { ...u, ...change } : u));
    this.set({ uploads });
  }

  removeRoom(jid: string): void {
    const rooms = { ...this.current.rooms };
    delete rooms[jid];
    this.set({ rooms, active: this.current.active === jid ? undefined : this.current.active });
  }
}

/** Rooms in the order the left column shows them: by group, then private rooms, each by name. */
export function sortedRooms(state: AppState): RoomState[] {
  return roomSections(Object.values(state.rooms), state.lang).flatMap((section) => section.rooms);
}
