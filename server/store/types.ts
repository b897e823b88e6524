// Repository contracts: the only way the domain layer reaches the database.
// Repositories return domain objects (camelCase, Date, boolean), never rows.
// A missing row is `undefined`, not an error; driver errors that mean a
// unique violation become AppError('conflict') (see errors.ts in this folder).

export type Tristate = boolean | null; // null = inherit from the domain

export interface FeaturePolicy {
  groupware: boolean;
  webdav: boolean;
  teamchat: boolean;
}

export type DomainKind = 'regular' | 'guest';

export interface Domain extends FeaturePolicy {
  id: number;
  name: string;
  kind: DomainKind;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDomain {
  name: string;
  kind?: DomainKind;
  description?: string | null;
  groupware?: boolean;
  webdav?: boolean;
  teamchat?: boolean;
}

export interface DomainsRepo {
  get(id: number): Promise<Domain | undefined>;
  getByName(name: string): Promise<Domain | undefined>;
  find(): Promise<Domain[]>;
  insert(domain: NewDomain): Promise<Domain>;
  update(id: number, patch: Partial<Omit<NewDomain, 'name' | 'kind'>>): Promise<Domain | undefined>;
  delete(id: number): Promise<boolean>;
}

/** RFC 5802 server-side SCRAM secrets; binary values are base64. */
export interface ScramCredentials {
  salt: string;
  iterations: number;
  storedKey: string;
  serverKey: string;
}

export type AccountKind = 'user' | 'guest';

export interface Account {
  id: number;
  domainId: number;
  domain: string;
  localpart: string;
  kind: AccountKind;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  description: string | null;
  email: string | null;
  language: string | null;
  disabled: boolean;
  serverAdmin: boolean;
  groupware: Tristate;
  webdav: Tristate;
  teamchat: Tristate;
  quotaBytes: number | null;
  scramSha1: ScramCredentials | null;
  scramSha256: ScramCredentials | null;
  rosterVersion: number;
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAccount {
  domainId: number;
  localpart: string;
  kind?: AccountKind;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  description?: string | null;
  email?: string | null;
  language?: string | null;
  serverAdmin?: boolean;
  scramSha1: ScramCredentials;
  scramSha256: ScramCredentials;
}

export type AccountPatch = Partial<
  Pick<
    Account,
    | 'displayName' | 'firstName' | 'lastName' | 'description' | 'email' | 'language'
    | 'disabled' | 'serverAdmin' | 'groupware' | 'webdav' | 'teamchat' | 'quotaBytes'
    | 'scramSha1' | 'scramSha256'
  >
>;

export interface AccountFilter {
  domainId?: number;
  /** Only accounts of these domains (an empty list matches nothing). */
  domainIds?: number[];
  kind?: AccountKind;
  /** Case-insensitive substring over localpart, display name, first/last name and email. */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface AccountsRepo {
  get(id: number): Promise<Account | undefined>;
  getByAddress(localpart: string, domain: string): Promise<Account | undefined>;
  /** Accounts whose email is exactly `email`, compared without case (addresses are not unique), oldest first. */
  findByEmail(email: string): Promise<Account[]>;
  find(filter?: AccountFilter): Promise<Account[]>;
  count(filter?: Omit<AccountFilter, 'limit' | 'offset'>): Promise<number>;
  insert(account: NewAccount): Promise<Account>;
  update(id: number, patch: AccountPatch): Promise<Account | undefined>;
  delete(id: number): Promise<boolean>;
  recordLogin(id: number, at: Date, ip: string): Promise<void>;
  /** Increments and returns the roster version (RFC 6121 §2.6). */
  bumpRosterVersion(id: number): Promise<number>;
}

export type Subscription = 'none' | 'to' | 'from' | 'both';

export interface RosterItem {
  jid: string; // contact bare JID
  name: string | null;
  subscription: Subscription;
  /** Outbound subscription request pending (RFC 6121 "ask"). */
  askOut: boolean;
  /** Inbound subscription request received, not yet answered. */
  pendingIn: boolean;
  /** Pre-approved inbound subscription (RFC 6121 §3.4). */
  approved: boolean;
  groups: string[];
}

export interface RosterRepo {
  find(accountId: number): Promise<RosterItem[]>;
  get(accountId: number, jid: string): Promise<RosterItem | undefined>;
  /** Inserts or replaces the item (groups included). */
  put(accountId: number, item: RosterItem): Promise<void>;
  delete(accountId: number, jid: string): Promise<boolean>;
}

export interface OfflineMessage {
  id: number;
  stanza: string; // serialised <message/>
  createdAt: Date;
}

export interface OfflineRepo {
  insert(accountId: number, stanzas: string[], at: Date): Promise<void>;
  /** Oldest first. */
  find(accountId: number, limit: number): Promise<OfflineMessage[]>;
  deleteIds(accountId: number, ids: number[]): Promise<void>;
  count(accountId: number): Promise<number>;
}

/** Whose archive a message belongs to: a user's own (XEP-0313 on the account) or a room's. */
export type ArchiveOwner = { kind: 'user'; accountId: number } | { kind: 'room'; roomId: number };

export interface NewArchivedMessage {
  owner: ArchiveOwner;
  stanzaId: string; // XEP-0359 id assigned by the archive owner, unique per owner
  originId: string | null; // XEP-0359 origin-id from the sender, if any
  /** Bare JID of the other party (user archive) or the occupant's real bare JID (room archive), for `with` filters. */
  withJid: string;
  fromJid: string; // full from as delivered (room archive: room@service/nick)
  senderAccountId: number | null;
  senderName: string | null;
  body: string | null; // plain text used by full-text search
  stanza: string; // the serialised stanza as it is replayed
  timestamp: Date; // millisecond precision
  /** XEP-0201 thread of a room message (comment threads), when it has one. */
  thread?: string | null;
  /** The stanza id of the message this one acts on (room archives), and how. */
  appliesTo?: { stanzaId: string; kind: ArchiveRelation } | null;
}

/** What a room message does to an earlier one: XEP-0308, 0424, 0425, 0444. */
export type ArchiveRelation = 'correction' | 'retraction' | 'moderation' | 'reaction';

export interface ArchivedMessage extends NewArchivedMessage {
  id: number; // internal order key
  retracted: boolean;
}

export interface ArchiveQuery {
  owner: ArchiveOwner;
  withJid?: string;
  start?: Date;
  end?: Date;
  /** Full-text query (InnoDB FULLTEXT / SQLite FTS5); words are ANDed. */
  text?: string;
  /** RSM: return messages after / before the one with this stanza id. */
  afterId?: string;
  beforeId?: string;
  /** RSM <before/> with no id: the last page. */
  last?: boolean;
  /** XEP-0313 ids filter. */
  ids?: string[];
  /** XEP-0201 thread (room archives; the `{urn:causerie:mam:0}thread` field). */
  thread?: string;
  limit: number;
}

export interface ArchivePage {
  messages: ArchivedMessage[]; // always in chronological order
  /** True when this page reaches the end in the paging direction. */
  complete: boolean;
  /** Total matching messages (without paging). */
  count: number;
}

export interface ArchiveRepo {
  /** Inserts all rows in one transaction (group commit). */
  insertMany(messages: NewArchivedMessage[]): Promise<void>;
  query(query: ArchiveQuery): Promise<ArchivePage>;
  getByStanzaId(owner: ArchiveOwner, stanzaId: string): Promise<ArchivedMessage | undefined>;
  /** Marks retracted and clears body/stanza text from search (XEP-0424/0425 tombstone). */
  markRetracted(owner: ArchiveOwner, stanzaId: string, tombstone: string): Promise<boolean>;
  /** The newest message carrying this origin-id (or message id, in room archives), from this sender if given. */
  findByOriginId(owner: ArchiveOwner, originId: string, senderAccountId?: number): Promise<ArchivedMessage | undefined>;
  /** Replaces the text full-text search sees for a message (XEP-0308: search finds the corrected text). */
  replaceSearchBody(owner: ArchiveOwner, stanzaId: string, body: string | null): Promise<boolean>;
  /** Messages acting on `stanzaId` in this way, oldest first (optionally from one sender). */
  findApplying(owner: ArchiveOwner, stanzaId: string, kind: ArchiveRelation, senderAccountId?: number): Promise<ArchivedMessage[]>;
  /** Deletes one sender's messages of this kind on `stanzaId` older than `keepStanzaId` (XEP-0444: the newest reaction set wins). */
  deleteApplying(owner: ArchiveOwner, stanzaId: string, kind: ArchiveRelation, senderAccountId: number, keepStanzaId: string): Promise<number>;
  deleteOwner(owner: ArchiveOwner): Promise<void>;
}

/** A pinned room message (`urn:causerie:pins:0`). */
export interface Pin {
  roomId: number;
  stanzaId: string; // the room's XEP-0359 stanza id of the message
  pinnedBy: number | null; // account id; null once that account is deleted
  createdAt: Date;
}

export interface PinsRepo {
  /** False when the message was already pinned (the first pin is kept). */
  add(pin: Pin): Promise<boolean>;
  remove(roomId: number, stanzaId: string): Promise<boolean>;
  /** Oldest pin first. */
  list(roomId: number): Promise<Pin[]>;
}

export interface PepItem {
  node: string;
  itemId: string;
  payload: string; // serialised payload element
  publishedAt: Date;
}

export interface PepNodeConfig {
  accessModel: 'presence' | 'open' | 'whitelist' | 'roster';
  maxItems: number;
  persistItems: boolean;
}

export interface PepRepo {
  getNode(accountId: number, node: string): Promise<PepNodeConfig | undefined>;
  putNode(accountId: number, node: string, config: PepNodeConfig): Promise<void>;
  deleteNode(accountId: number, node: string): Promise<boolean>;
  listNodes(accountId: number): Promise<string[]>;
  /** Newest first. */
  findItems(accountId: number, node: string, limit?: number, itemIds?: string[]): Promise<PepItem[]>;
  /** Inserts or replaces, then trims the node to maxItems newest items. */
  putItem(accountId: number, item: PepItem, maxItems: number): Promise<void>;
  deleteItem(accountId: number, node: string, itemId: string): Promise<boolean>;
}

export interface VcardRepo {
  get(accountId: number): Promise<string | undefined>;
  put(accountId: number, vcard: string): Promise<void>;
}

export interface BlocklistRepo {
  find(accountId: number): Promise<string[]>;
  add(accountId: number, jids: string[]): Promise<void>;
  remove(accountId: number, jids: string[]): Promise<void>;
  clear(accountId: number): Promise<void>;
}

export interface SettingsRepo {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  all(): Promise<Record<string, string>>;
}

/** Append-only domain events that every node follows (multi-node propagation). */
export interface StoredEvent {
  id: number;
  type: string;
  payload: string; // JSON
  createdAt: Date;
}

export interface EventsRepo {
  append(type: string, payload: string): Promise<number>;
  after(id: number, limit: number): Promise<StoredEvent[]>;
  lastId(): Promise<number>;
  prune(before: Date): Promise<number>;
}

export interface AuditEntry {
  id: number;
  actorAccountId: number | null;
  actor: string; // JID or "cli" / "system"
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: string | null; // JSON
  ip: string | null;
  createdAt: Date;
}

export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id' | 'createdAt'>): Promise<void>;
  find(filter: { limit: number; offset?: number; actorAccountId?: number }): Promise<AuditEntry[]>;
}

import type { GroupsRepo, RightsRepo, RoomsRepo } from './teamchat-types.js';
import type { DomainAdminsRepo } from './domain-admins-repo.js';
import type { FilesRepo } from './files-repo.js';
import type { RoomEventsRepo } from './room-events-repo.js';
import type { AdminSessionsRepo } from './admin-sessions-repo.js';
import type { ApiTokensRepo } from './api-tokens-repo.js';
import type { DiscoveryRepo } from './discovery-repo.js';
import type { InvitationsRepo } from './invitations-repo.js';

export interface Repositories {
  domains: DomainsRepo;
  accounts: AccountsRepo;
  roster: RosterRepo;
  offline: OfflineRepo;
  archive: ArchiveRepo;
  pins: PinsRepo;
  pep: PepRepo;
  vcards: VcardRepo;
  blocklist: BlocklistRepo;
  settings: SettingsRepo;
  events: EventsRepo;
  audit: AuditRepo;
  groups: GroupsRepo;
  rooms: RoomsRepo;
  rights: RightsRepo;
  domainAdmins: DomainAdminsRepo;
  files: FilesRepo;
  roomEvents: RoomEventsRepo;
  adminSessions: AdminSessionsRepo;
  apiTokens: ApiTokensRepo;
  discovery: DiscoveryRepo;
  invitations: InvitationsRepo;
}
