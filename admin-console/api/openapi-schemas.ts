// The JSON schemas of the WebAdmin API (components.schemas of openapi.ts).
// Dates are ISO 8601 strings; ids are integers; every error is a Problem.

import type { JsonSchema } from './openapi-types.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): JsonSchema => (description ? { type: 'string', description } : { type: 'string' });
const nullableStr = (description?: string): JsonSchema => ({ type: ['string', 'null'], ...(description ? { description } : {}) });
const int: JsonSchema = { type: 'integer' };
const bool: JsonSchema = { type: 'boolean' };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const list = (item: JsonSchema): JsonSchema => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } });
const page = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: { items: { type: 'array', items: item }, total: int, limit: int, offset: int },
});
const currentPassword: JsonSchema = { type: 'string', writeOnly: true, description: "The signed-in administrator's own password, asked again for sensitive changes" };

const RIGHT_NAMES = ['read', 'write', 'modify', 'delete', 'rename', 'invite', 'admin'];

export const schemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. `detail` is a sentence a person can act on; `field` names the request field at fault.',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: str('urn:causerie:error:<condition>, e.g. urn:causerie:error:teamchat-requires-groupware-webdav'),
      title: str('The error condition (bad-request, forbidden, conflict…)'),
      status: int,
      detail: str(),
      field: str('The request field the error is about, for validation errors'),
      instance: str(),
    },
  },
  Roles: {
    type: 'object',
    required: ['serverAdmin', 'domainAdminOf', 'managerOf'],
    properties: {
      serverAdmin: bool,
      domainAdminOf: { type: 'array', items: str('domain name') },
      managerOf: { type: 'array', items: int, description: 'ids of the groups this account manages' },
    },
  },
  Session: {
    type: 'object',
    required: ['authenticated'],
    properties: {
      authenticated: bool,
      account: ref('AccountSummary'),
      roles: ref('Roles'),
      csrfToken: str('Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE'),
      expiresAt: dateTime,
      idleTimeoutSeconds: int,
      absoluteExpiresAt: { ...dateTime, description: 'the session ends then however active (12 hours after sign-in; the cookie Max-Age)' },
    },
  },
  Login: {
    type: 'object',
    required: ['jid', 'password'],
    additionalProperties: false,
    properties: { jid: str('account address, name@domain'), password: { type: 'string', writeOnly: true } },
  },
  TokenRequest: {
    type: 'object',
    required: ['jid', 'password', 'name'],
    additionalProperties: false,
    properties: { jid: str(), password: { type: 'string', writeOnly: true }, name: { type: 'string', minLength: 1, maxLength: 100, description: 'what the token is for, e.g. "backup script"' } },
  },
  NewToken: {
    type: 'object',
    required: ['id', 'name', 'token', 'createdAt'],
    properties: { id: int, name: str(), token: str('shown once; send it as Authorization: Bearer <token>'), createdAt: dateTime },
  },
  ApiToken: {
    type: 'object',
    required: ['id', 'name', 'createdAt', 'lastUsedAt'],
    properties: { id: int, name: str(), createdAt: dateTime, lastUsedAt: nullableDateTime },
  },
  Status: {
    type: 'object',
    required: ['version', 'domain', 'xmpp', 'teamchat', 'database', 'mail'],
    properties: {
      version: str(),
      domain: str(),
      xmpp: {
        type: 'object',
        required: ['listeners'],
        properties: {
          listeners: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'host', 'port', 'up'],
              properties: { name: { type: 'string', enum: ['c2s-starttls', 'c2s-direct-tls', 'https-websocket', 'webadmin'] }, host: str(), port: int, up: { type: 'boolean', description: 'it answered a TCP connection just now' }, error: str('why it did not') },
            },
          },
          onlineSessions: { type: ['integer', 'null'], description: 'null when this process runs no XMPP node' },
        },
      },
      teamchat: { type: 'object', required: ['running'], properties: { running: bool } },
      database: { type: 'object', required: ['ok', 'client'], properties: { ok: bool, client: { type: 'string', enum: ['sqlite', 'mysql'] }, error: str() } },
      mail: {
        type: 'object',
        required: ['configured', 'ok', 'checked'],
        properties: {
          configured: bool,
          from: str(),
          smtpHost: nullableStr(),
          outbox: nullableStr('folder of .eml files when no SMTP server is configured'),
          ok: { type: 'boolean', description: 'the SMTP server answered EHLO, or the outbox folder is writable' },
          checked: { type: 'string', enum: ['smtp', 'outbox'] },
          error: str('why the check failed'),
        },
      },
    },
  },
  ServiceToggle: {
    type: 'object',
    required: ['running'],
    additionalProperties: false,
    properties: { running: bool, currentPassword: { ...currentPassword, description: 'required to stop the service' } },
  },
  Domain: {
    type: 'object',
    required: ['id', 'name', 'kind', 'description', 'groupware', 'webdav', 'teamchat', 'createdAt', 'updatedAt'],
    properties: {
      id: int,
      name: str(),
      kind: { type: 'string', enum: ['regular', 'guest'] },
      description: nullableStr(),
      groupware: bool,
      webdav: bool,
      teamchat: bool,
      admins: { type: 'array', items: ref('AccountSummary'), description: 'on GET /domains/{name} only' },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
  },
  NewDomain: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: str('a DNS name, e.g. example.org'), kind: { type: 'string', enum: ['regular', 'guest'], default: 'regular' }, description: nullableStr() },
  },
  DomainPatch: {
    type: 'object',
    additionalProperties: false,
    description: 'Turning TeamChat on while GroupWare or WebDAV is off (or either off while TeamChat is on) is refused with 409 teamchat-requires-groupware-webdav.',
    properties: { description: nullableStr(), groupware: bool, webdav: bool, teamchat: bool },
  },
  AccountSummary: {
    type: 'object',
    required: ['id', 'jid', 'kind', 'displayName'],
    properties: { id: int, jid: str(), kind: { type: 'string', enum: ['user', 'guest'] }, displayName: nullableStr() },
  },
  Tristate: { type: ['boolean', 'null'], description: 'null = inherit from the domain; true/false = override' },
  Account: {
    type: 'object',
    required: ['id', 'jid', 'localpart', 'domain', 'kind', 'displayName', 'firstName', 'lastName', 'description', 'email', 'language', 'disabled', 'serverAdmin', 'policy', 'effective', 'quotaBytes', 'effectiveQuotaBytes', 'lastLoginAt', 'lastLoginIp', 'createdAt'],
    properties: {
      id: int,
      jid: str(),
      localpart: str(),
      domain: str(),
      kind: { type: 'string', enum: ['user', 'guest'] },
      displayName: nullableStr(),
      firstName: nullableStr(),
      lastName: nullableStr(),
      description: nullableStr(),
      email: nullableStr(),
      language: nullableStr(),
      disabled: bool,
      serverAdmin: bool,
      policy: { type: 'object', required: ['groupware', 'webdav', 'teamchat'], properties: { groupware: ref('Tristate'), webdav: ref('Tristate'), teamchat: ref('Tristate') } },
      effective: { type: 'object', required: ['groupware', 'webdav', 'teamchat'], properties: { groupware: bool, webdav: bool, teamchat: bool } },
      quotaBytes: { type: ['integer', 'null'], description: 'own upload quota in bytes; null = the default' },
      effectiveQuotaBytes: { type: 'integer', description: 'the quota that applies (own, else limits.defaultQuotaBytes)' },
      lastLoginAt: nullableDateTime,
      lastLoginIp: nullableStr(),
      createdAt: dateTime,
    },
  },
  NewAccount: {
    type: 'object',
    required: ['jid', 'password'],
    additionalProperties: false,
    properties: {
      jid: str('name@domain, in a domain you administer'),
      password: { type: 'string', writeOnly: true, minLength: 8 },
      displayName: nullableStr(),
      firstName: nullableStr(),
      lastName: nullableStr(),
      email: nullableStr(),
      serverAdmin: { type: 'boolean', description: 'server administrators only; true asks for currentPassword' },
      currentPassword: { ...currentPassword, description: 'required with serverAdmin: true' },
    },
  },
  AccountPatch: {
    type: 'object',
    additionalProperties: false,
    properties: {
      displayName: nullableStr(),
      firstName: nullableStr(),
      lastName: nullableStr(),
      description: nullableStr(),
      email: nullableStr(),
      language: nullableStr(),
      disabled: { type: 'boolean', description: 'disabling ends the account’s sessions at once' },
      serverAdmin: { type: 'boolean', description: 'server administrators only; true asks for currentPassword' },
      currentPassword: { ...currentPassword, description: 'required with serverAdmin: true' },
      quotaBytes: { type: ['integer', 'null'], minimum: 0, maximum: 2 ** 40, description: 'upload quota in bytes; null = the configured default (limits.defaultQuotaBytes)' },
      groupware: ref('Tristate'),
      webdav: ref('Tristate'),
      teamchat: ref('Tristate'),
    },
  },
  SetPassword: {
    type: 'object',
    required: ['password', 'currentPassword'],
    additionalProperties: false,
    properties: { password: { type: 'string', writeOnly: true, minLength: 8 }, currentPassword },
  },
  Confirm: { type: 'object', required: ['currentPassword'], additionalProperties: false, properties: { currentPassword } },
  Principal: {
    type: 'object',
    required: ['type', 'id'],
    description: 'An account, a whole domain or a group (members and grantees)',
    properties: { type: { type: 'string', enum: ['account', 'domain', 'group'] }, id: int, label: { type: 'string', readOnly: true, description: 'JID, domain name or group name' } },
  },
  Group: {
    type: 'object',
    required: ['id', 'domain', 'name', 'alias', 'address', 'access', 'description', 'teamchatEnabled', 'createdAt'],
    properties: {
      id: int,
      domain: str(),
      name: str(),
      alias: str(),
      address: str('alias@domain'),
      access: { type: 'string', enum: ['open', 'restricted', 'private'] },
      description: nullableStr(),
      teamchatEnabled: bool,
      managers: { type: 'array', items: ref('AccountSummary'), description: 'on GET /groups/{id} only' },
      members: { type: 'array', items: ref('Principal'), description: 'on GET /groups/{id} only' },
      createdAt: dateTime,
    },
  },
  NewGroup: {
    type: 'object',
    required: ['domain', 'name', 'alias'],
    additionalProperties: false,
    properties: { domain: str(), name: { type: 'string', minLength: 1, maxLength: 190 }, alias: { type: 'string', pattern: '^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$' }, access: { type: 'string', enum: ['open', 'restricted', 'private'] }, description: nullableStr() },
  },
  GroupPatch: {
    type: 'object',
    additionalProperties: false,
    properties: { name: str(), access: { type: 'string', enum: ['open', 'restricted', 'private'] }, description: nullableStr() },
  },
  MemberRef: {
    type: 'object',
    required: ['type'],
    additionalProperties: false,
    description: 'Give `id`, or `jid` for an account, `name` for a domain',
    properties: { type: { type: 'string', enum: ['account', 'domain', 'group'] }, id: int, jid: str(), name: str() },
  },
  JoinRequest: {
    type: 'object',
    required: ['id', 'account', 'message', 'createdAt'],
    properties: { id: int, account: { oneOf: [ref('AccountSummary'), { type: 'null' }] }, message: nullableStr(), createdAt: dateTime },
  },
  JoinDecision: { type: 'object', required: ['approve'], additionalProperties: false, properties: { approve: bool } },
  TeamChatSwitch: { type: 'object', required: ['enabled'], additionalProperties: false, properties: { enabled: bool } },
  Room: {
    type: 'object',
    required: ['id', 'jid', 'name', 'kind', 'groupId', 'archived', 'createdAt'],
    properties: { id: int, jid: str(), name: str(), description: nullableStr(), kind: { type: 'string', enum: ['group', 'private'] }, groupId: { type: ['integer', 'null'] }, archived: bool, createdAt: dateTime },
  },
  NewRoom: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } },
  Rights: {
    type: 'object',
    required: RIGHT_NAMES,
    properties: Object.fromEntries(RIGHT_NAMES.map((r) => [r, bool])),
  },
  Grant: {
    type: 'object',
    required: ['grantee', 'rights', 'preset', 'updatedAt'],
    properties: { grantee: ref('Principal'), rights: ref('Rights'), preset: { type: ['string', 'null'], enum: ['reader', 'author', 'administrator', null] }, updatedAt: dateTime },
  },
  GrantInput: {
    type: 'object',
    additionalProperties: false,
    description: 'Either a preset or a custom list of rights (every right implies read)',
    properties: { preset: { type: 'string', enum: ['reader', 'author', 'administrator'] }, rights: { type: 'array', items: { type: 'string', enum: RIGHT_NAMES } } },
  },
  Guest: {
    type: 'object',
    required: ['id', 'jid', 'domain', 'email', 'firstName', 'lastName', 'displayName', 'description', 'disabled', 'lastLoginAt', 'lastLoginIp', 'createdAt'],
    properties: {
      id: int,
      jid: str('XEP-0106-escaped email address in the guest domain'),
      domainId: int,
      domain: str(),
      displayName: nullableStr(),
      language: nullableStr(),
      email: nullableStr(),
      firstName: nullableStr(),
      lastName: nullableStr(),
      description: nullableStr(),
      disabled: bool,
      lastLoginAt: nullableDateTime,
      lastLoginIp: nullableStr(),
      createdAt: dateTime,
      rooms: { type: 'array', items: { type: 'object', required: ['id', 'jid', 'name'], properties: { id: int, jid: str(), name: str() } }, description: 'on GET /guests/{id} only' },
    },
  },
  GuestPatch: {
    type: 'object',
    additionalProperties: false,
    properties: { firstName: nullableStr(), lastName: nullableStr(), description: nullableStr() },
  },
  GuestPasswordReset: {
    type: 'object',
    required: ['currentPassword'],
    additionalProperties: false,
    properties: { password: { type: 'string', writeOnly: true, description: 'the new password; omitted = one is generated and returned' }, currentPassword },
  },
  BulkDelete: { type: 'object', required: ['ids', 'currentPassword'], additionalProperties: false, properties: { ids: { type: 'array', items: int, minItems: 1, maxItems: 500 }, currentPassword } },
  BulkResult: {
    type: 'object',
    required: ['deleted', 'failed'],
    properties: { deleted: { type: 'array', items: int }, failed: { type: 'array', items: { type: 'object', required: ['id', 'detail'], properties: { id: int, detail: str() } } } },
  },
  ServiceHost: {
    type: 'object',
    required: ['id', 'service', 'host', 'port', 'mode'],
    properties: { id: int, service: { type: 'string', enum: ['smtp', 'pop3', 'imap', 'xmpp', 'sip'] }, host: str(), port: { type: 'integer', minimum: 1, maximum: 65535 }, mode: { type: 'string', enum: ['plain', 'starttls', 'tls'] } },
  },
  NewServiceHost: {
    type: 'object',
    required: ['service', 'host', 'port', 'mode'],
    additionalProperties: false,
    properties: { service: { type: 'string', enum: ['smtp', 'pop3', 'imap', 'xmpp', 'sip'] }, host: str(), port: { type: 'integer', minimum: 1, maximum: 65535 }, mode: { type: 'string', enum: ['plain', 'starttls', 'tls'] } },
  },
  ServiceUrl: {
    type: 'object',
    required: ['name', 'url'],
    properties: {
      name: { type: 'string', enum: ['webclient', 'webadmin', 'webdav', 'freebusy', 'calendar', 'teamchat-api', 'collaboration-api', 'conference-api', 'client-downloads'] },
      url: { type: 'string', format: 'uri' },
      updatedAt: dateTime,
    },
  },
  UrlInput: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: str('https://host[:port]/path') } },
  UrlCheck: {
    type: 'object',
    required: ['ok', 'url'],
    properties: {
      ok: bool,
      url: str(),
      reason: { type: 'string', enum: ['not-https', 'no-path', 'invalid-url', 'certificate-expired', 'name-mismatch', 'self-signed', 'untrusted-certificate', 'unreachable'] },
      detail: str(),
    },
  },
  Discovery: {
    type: 'object',
    required: ['publicHost', 'hosts', 'urls'],
    properties: { publicHost: nullableStr(), hosts: { type: 'array', items: ref('ServiceHost') }, urls: { type: 'array', items: ref('ServiceUrl') } },
  },
  PublicHost: { type: 'object', required: ['host'], additionalProperties: false, properties: { host: str('a DNS name, e.g. chat.example.org') } },
  AuditEntry: {
    type: 'object',
    required: ['id', 'actor', 'action', 'targetType', 'targetId', 'details', 'ip', 'createdAt'],
    properties: { id: int, actor: str(), action: str(), targetType: nullableStr(), targetId: nullableStr(), details: { type: ['object', 'null'] }, ip: nullableStr(), createdAt: dateTime },
  },
};

export const listOf = list;
export const pageOf = page;
export const schemaRef = ref;
