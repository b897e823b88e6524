// The shapes of the WebAdmin API (admin-console/api/openapi-schemas.ts),
// written out for the browser bundle, which does not import server code.

export type Tristate = boolean | null;
export type Feature = 'groupware' | 'webdav' | 'teamchat';
export const FEATURES: readonly Feature[] = ['groupware', 'webdav', 'teamchat'];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface List<T> {
  items: T[];
}

export interface AccountSummary {
  id: number;
  jid: string;
  kind: 'user' | 'guest';
  displayName: string | null;
}

export interface Roles {
  serverAdmin: boolean;
  domainAdminOf: string[];
  managerOf: number[];
}

export interface Session {
  authenticated: boolean;
  account?: AccountSummary;
  roles?: Roles;
  csrfToken?: string;
  expiresAt?: string;
  idleTimeoutSeconds?: number;
  absoluteExpiresAt?: string;
}

export type ListenerName = 'c2s-starttls' | 'c2s-direct-tls' | 'https-websocket' | 'webadmin';

export interface Status {
  version: string;
  domain: string;
  /** up: the listener answered a TCP connection just now. */
  xmpp: { listeners: { name: ListenerName; host: string; port: number; up: boolean; error?: string }[]; onlineSessions?: number | null };
  teamchat: { running: boolean };
  database: { ok: boolean; client: 'sqlite' | 'mysql'; error?: string };
  /** ok: the SMTP server answered EHLO (checked 'smtp'), or the outbox folder is writable ('outbox'). */
  mail: { configured: boolean; from?: string; smtpHost?: string | null; outbox?: string | null; ok: boolean; checked: 'smtp' | 'outbox'; error?: string };
}

export interface Domain {
  id: number;
  name: string;
  kind: 'regular' | 'guest';
  description: string | null;
  groupware: boolean;
  webdav: boolean;
  teamchat: boolean;
  admins?: AccountSummary[];
  createdAt: string;
  updatedAt: string;
}

export interface Account {
  id: number;
  jid: string;
  localpart: string;
  domain: string;
  kind: 'user' | 'guest';
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  description: string | null;
  email: string | null;
  language: string | null;
  disabled: boolean;
  serverAdmin: boolean;
  policy: Record<Feature, Tristate>;
  effective: Record<Feature, boolean>;
  /** Own upload quota in bytes; null = the server's default. */
  quotaBytes: number | null;
  /** The quota that applies. */
  effectiveQuotaBytes: number;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdAt: string;
}

export type PrincipalType = 'account' | 'domain' | 'group';

export interface Principal {
  type: PrincipalType;
  id: number;
  label?: string;
}

/** How a member or grantee is named in a request: `id`, or `jid` for an account, `name` for a domain. */
export interface MemberRef {
  type: PrincipalType;
  id?: number;
  jid?: string;
  name?: string;
}

export type GroupAccess = 'open' | 'restricted' | 'private';
export const GROUP_ACCESS: readonly GroupAccess[] = ['open', 'restricted', 'private'];

export interface Group {
  id: number;
  domain: string;
  name: string;
  alias: string;
  address: string;
  access: GroupAccess;
  description: string | null;
  teamchatEnabled: boolean;
  managers?: AccountSummary[];
  members?: Principal[];
  createdAt: string;
}

export interface Room {
  id: number;
  jid: string;
  name: string;
  description?: string | null;
  kind: 'group' | 'private';
  groupId: number | null;
  archived: boolean;
  createdAt: string;
}

export const RIGHT_NAMES = ['read', 'write', 'modify', 'delete', 'rename', 'invite', 'admin'] as const;
export type RightName = (typeof RIGHT_NAMES)[number];
export type Rights = Record<RightName, boolean>;
export type PresetName = 'reader' | 'author' | 'administrator';
export const PRESET_NAMES: readonly PresetName[] = ['reader', 'author', 'administrator'];

export interface Grant {
  grantee: Principal;
  rights: Rights;
  preset: PresetName | null;
  updatedAt: string;
}

export interface Guest {
  id: number;
  jid: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  description: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdAt: string;
  rooms?: Room[];
}

export interface BulkResult {
  deleted: number[];
  failed: { id: number; detail: string }[];
}

export type HostService = 'smtp' | 'pop3' | 'imap' | 'xmpp' | 'sip';
export const HOST_SERVICES: readonly HostService[] = ['smtp', 'pop3', 'imap', 'xmpp', 'sip'];
export type HostMode = 'plain' | 'starttls' | 'tls';
export const HOST_MODES: readonly HostMode[] = ['plain', 'starttls', 'tls'];

export interface ServiceHost {
  id: number;
  service: HostService;
  host: string;
  port: number;
  mode: HostMode;
}

export type UrlName = 'webclient' | 'webadmin' | 'webdav' | 'freebusy' | 'calendar' | 'teamchat-api' | 'collaboration-api' | 'conference-api' | 'client-downloads';
export const URL_NAMES: readonly UrlName[] = ['webclient', 'webadmin', 'webdav', 'freebusy', 'calendar', 'teamchat-api', 'collaboration-api', 'conference-api', 'client-downloads'];

export interface ServiceUrl {
  name: UrlName;
  url: string;
  updatedAt?: string;
}

export type UrlRefusal = 'not-https' | 'no-path' | 'invalid-url' | 'certificate-expired' | 'name-mismatch' | 'self-signed' | 'untrusted-certificate' | 'unreachable';

export interface UrlCheck {
  ok: boolean;
  url: string;
  reason?: UrlRefusal;
  detail?: string;
}

export interface Discovery {
  publicHost: string | null;
  hosts: ServiceHost[];
  urls: ServiceUrl[];
}

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  createdAt: string;
}
