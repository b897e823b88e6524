// The OpenAPI 3.1 document of the WebAdmin REST API, served at
// GET /api/openapi.json. It is the contract the lit UI and the
// `causerie-admin` CLI are written against: every route in
// admin-console/api/routes is listed here (a unit test checks both ways).

import { PRODUCT_VERSION as ADMIN_VERSION } from '../../server/core/version.js';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, ResponseObject } from './openapi-types.js';
import { listOf, pageOf, schemaRef as ref, schemas } from './openapi-schemas.js';

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const ok = (schema: JsonSchema, description = 'OK'): ResponseObject => ({ description, content: json(schema) });
const noContent: ResponseObject = { description: 'Done' };

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid request: `detail` says what to fix, `field` which field',
  401: 'Not signed in, session expired, or wrong credentials at sign-in (type urn:causerie:error:not-signed-in when the session is gone)',
  403: 'Not allowed for your role, the CSRF token is missing or wrong (csrf-token-invalid), or your own password (currentPassword) is wrong (password-confirmation-failed)',
  404: 'No such item (or not visible to you)',
  409: 'Conflicts with the current state (already exists, dependency between switches…)',
  422: 'Refused by a check (certificate of a URL…); `type` names the reason',
  429: 'Too many failed attempts: wait the Retry-After seconds',
};

function problems(...codes: number[]): Record<string, ResponseObject> {
  return Object.fromEntries(codes.map((code) => [String(code), { description: PROBLEM_TEXT[code] ?? 'Error', content: { 'application/problem+json': { schema: ref('Problem') } } }]));
}

type Spec = Omit<Operation, 'responses' | 'tags' | 'requestBody'> & { body?: JsonSchema; responses: Record<string, ResponseObject>; errors?: number[] };

/** An operation; state-changing ones also list 401/403 (no session, no CSRF token). */
function op(tag: string, spec: Spec): Operation {
  const { body, errors = [], responses, ...rest } = spec;
  const base = spec.security?.length === 0 ? [] : [401, 403];
  return {
    ...rest,
    tags: [tag],
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: { ...responses, ...problems(...[...new Set([...(body ? [400] : []), ...base, ...errors])].sort()) },
  };
}

const pathInt = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'integer', minimum: 1 } });
const pathStr = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const query = (name: string, schema: JsonSchema, description: string): Parameter => ({ name, in: 'query', required: false, description, schema });
const paging: Parameter[] = [
  query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'page size'),
  query('offset', { type: 'integer', minimum: 0, default: 0 }, 'items to skip'),
];
const principalPath: Parameter[] = [
  { name: 'type', in: 'path', required: true, description: 'account, domain or group', schema: { type: 'string', enum: ['account', 'domain', 'group'] } },
  pathInt('principalId', 'id of the account, domain or group'),
];
const PUBLIC: Array<Record<string, string[]>> = [];

const groupId = pathInt('id', 'group id');
const roomId = pathInt('id', 'room id');

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Causerie WebAdmin API',
    version: ADMIN_VERSION,
    description:
      'Administration of a Causerie server. Sign in with POST /api/session (cookie session, 30 minutes idle) and send the csrfToken of GET /api/session as X-CSRF-Token on every POST, PUT, PATCH and DELETE; or use an API token (POST /api/tokens) as `Authorization: Bearer <token>` (no CSRF token needed). Errors are RFC 9457 problem+json.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'session', description: 'Sign in, sign out, API tokens' },
    { name: 'status', description: 'Dashboard and the TeamChat service toggle' },
    { name: 'domains', description: 'Domains and their GroupWare / WebDAV / TeamChat switches' },
    { name: 'accounts', description: 'Accounts, passwords and per-account switches' },
    { name: 'groups', description: 'Groups, managers, members, TeamChat and rooms' },
    { name: 'rights', description: 'Rights on a group’s rooms or on one room' },
    { name: 'guests', description: 'Guest accounts' },
    { name: 'discovery', description: 'SmartDiscover: public host, service hosts and URLs' },
    { name: 'audit', description: 'The audit log' },
  ],
  security: [{ session: [] }, { bearer: [] }],
  components: {
    schemas,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: '__Host-causerie-admin', description: 'Session cookie set by POST /api/session' },
      bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/tokens' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required with the session cookie on every state-changing request' },
    },
    parameters: {},
  },
  paths: {
    '/api/openapi.json': {
      get: op('session', { operationId: 'getOpenApi', summary: 'This document', security: PUBLIC, responses: { '200': ok({ type: 'object' }) } }),
    },
    '/api/session': {
      get: op('session', { operationId: 'getSession', summary: 'Who is signed in, with the CSRF token', security: PUBLIC, responses: { '200': ok(ref('Session')) } }),
      post: op('session', {
        operationId: 'login',
        summary: 'Sign in with an account address and password (administrators and group managers only)',
        description: 'Sets the session cookie. Repeated failures for one account or one IP are slowed down (429 with Retry-After). Needs no CSRF token.',
        security: PUBLIC,
        body: ref('Login'),
        responses: { '200': ok(ref('Session')) },
        errors: [401, 403, 429],
      }),
      delete: op('session', { operationId: 'logout', summary: 'Sign out', responses: { '204': noContent } }),
    },
    '/api/tokens': {
      get: op('session', { operationId: 'listTokens', summary: 'Your API tokens', responses: { '200': ok(listOf(ref('ApiToken'))) } }),
      post: op('session', {
        operationId: 'createToken',
        summary: 'Create an API token for your account from your credentials (what `causerie-admin login` does)',
        security: PUBLIC,
        body: ref('TokenRequest'),
        responses: { '201': ok(ref('NewToken'), 'Created; the token is shown only now') },
        errors: [401, 403, 429],
      }),
    },
    '/api/tokens/{id}': {
      delete: op('session', { operationId: 'deleteToken', summary: 'Revoke one of your API tokens', parameters: [pathInt('id', 'token id')], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/status': {
      get: op('status', { operationId: 'getStatus', summary: 'Dashboard: XMPP listeners, TeamChat, database, mail', responses: { '200': ok(ref('Status')) } }),
    },
    '/api/teamchat/service': {
      put: op('status', {
        operationId: 'setTeamChatService',
        summary: 'Start or stop TeamChat server-wide (server administrators; stopping asks for your password)',
        description: 'Every node reacts within 2 seconds: stopped, occupants leave their rooms (status 332) and joins are refused.',
        body: ref('ServiceToggle'),
        responses: { '200': ok({ type: 'object', required: ['running'], properties: { running: { type: 'boolean' } } }) },
      }),
    },
    '/api/domains': {
      get: op('domains', { operationId: 'listDomains', summary: 'Domains you administer', responses: { '200': ok(listOf(ref('Domain'))) } }),
      post: op('domains', { operationId: 'createDomain', summary: 'Create a domain (server administrators)', body: ref('NewDomain'), responses: { '201': ok(ref('Domain')) }, errors: [409] }),
    },
    '/api/domains/{name}': {
      get: op('domains', { operationId: 'getDomain', summary: 'A domain with its administrators', parameters: [pathStr('name', 'domain name')], responses: { '200': ok(ref('Domain')) }, errors: [404] }),
      patch: op('domains', {
        operationId: 'updateDomain',
        summary: 'Change the description or the GroupWare / WebDAV / TeamChat switches',
        parameters: [pathStr('name', 'domain name')],
        body: ref('DomainPatch'),
        responses: { '200': ok(ref('Domain')) },
        errors: [404, 409],
      }),
    },
    '/api/domains/{name}/admins/{accountId}': {
      put: op('domains', { operationId: 'addDomainAdmin', summary: 'Make an account administrator of the domain (server administrators; asks for your password)', parameters: [pathStr('name', 'domain name'), pathInt('accountId', 'account id')], body: ref('Confirm'), responses: { '204': noContent }, errors: [404] }),
      delete: op('domains', { operationId: 'removeDomainAdmin', summary: 'Remove a domain administrator (server administrators)', parameters: [pathStr('name', 'domain name'), pathInt('accountId', 'account id')], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/accounts': {
      get: op('accounts', {
        operationId: 'listAccounts',
        summary: 'Accounts of the domains you administer, with search and paging',
        parameters: [query('domain', { type: 'string' }, 'only this domain'), query('search', { type: 'string' }, 'substring of the address, names or email'), query('kind', { type: 'string', enum: ['user', 'guest'] }, 'user or guest'), ...paging],
        responses: { '200': ok(pageOf(ref('Account'))) },
        errors: [400],
      }),
      post: op('accounts', { operationId: 'createAccount', summary: 'Create an account', body: ref('NewAccount'), responses: { '201': ok(ref('Account')) }, errors: [404, 409] }),
    },
    '/api/accounts/{id}': {
      get: op('accounts', { operationId: 'getAccount', summary: 'An account', parameters: [pathInt('id', 'account id')], responses: { '200': ok(ref('Account')) }, errors: [404] }),
      patch: op('accounts', {
        operationId: 'updateAccount',
        summary: 'Edit names, disable, and the feature switches (null = inherit from the domain)',
        parameters: [pathInt('id', 'account id')],
        body: ref('AccountPatch'),
        responses: { '200': ok(ref('Account')) },
        errors: [404, 409],
      }),
      delete: op('accounts', { operationId: 'deleteAccount', summary: 'Delete an account; its sessions end at once (asks for your password)', parameters: [pathInt('id', 'account id')], body: ref('Confirm'), responses: { '204': noContent }, errors: [404] }),
    },
    '/api/accounts/{id}/password': {
      put: op('accounts', { operationId: 'setAccountPassword', summary: 'Set a new password (asks for your password)', parameters: [pathInt('id', 'account id')], body: ref('SetPassword'), responses: { '204': noContent }, errors: [404] }),
    },
    '/api/groups': {
      get: op('groups', { operationId: 'listGroups', summary: 'Groups you administer or manage', parameters: [query('domain', { type: 'string' }, 'only this domain'), query('search', { type: 'string' }, 'substring of name or alias')], responses: { '200': ok(listOf(ref('Group'))) } }),
      post: op('groups', { operationId: 'createGroup', summary: 'Create a group (name and alias)', body: ref('NewGroup'), responses: { '201': ok(ref('Group')) }, errors: [404, 409] }),
    },
    '/api/groups/{id}': {
      get: op('groups', { operationId: 'getGroup', summary: 'A group with its managers and members', parameters: [groupId], responses: { '200': ok(ref('Group')) }, errors: [404] }),
      patch: op('groups', { operationId: 'updateGroup', summary: 'Rename, change access level or description', parameters: [groupId], body: ref('GroupPatch'), responses: { '200': ok(ref('Group')) }, errors: [404] }),
      delete: op('groups', { operationId: 'deleteGroup', summary: 'Delete a group and its rooms (domain administrators; asks for your password)', parameters: [groupId], body: ref('Confirm'), responses: { '204': noContent }, errors: [404] }),
    },
    '/api/groups/{id}/members': {
      get: op('groups', { operationId: 'listGroupMembers', summary: 'Direct members: accounts, domains, groups', parameters: [groupId], responses: { '200': ok(listOf(ref('Principal'))) }, errors: [404] }),
      post: op('groups', { operationId: 'addGroupMember', summary: 'Add an account, a whole domain or another group (cycles refused with 409)', parameters: [groupId], body: ref('MemberRef'), responses: { '201': ok(ref('Principal')) }, errors: [404, 409] }),
    },
    '/api/groups/{id}/members/{type}/{principalId}': {
      delete: op('groups', { operationId: 'removeGroupMember', summary: 'Remove a direct member', parameters: [groupId, ...principalPath], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/groups/{id}/managers/{accountId}': {
      put: op('groups', { operationId: 'addGroupManager', summary: 'Make an account manager of the group (domain administrators)', parameters: [groupId, pathInt('accountId', 'account id')], responses: { '204': noContent }, errors: [404] }),
      delete: op('groups', { operationId: 'removeGroupManager', summary: 'Remove a manager', parameters: [groupId, pathInt('accountId', 'account id')], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/groups/{id}/requests': {
      get: op('groups', { operationId: 'listJoinRequests', summary: 'Pending requests to join a restricted group', parameters: [groupId], responses: { '200': ok(listOf(ref('JoinRequest'))) }, errors: [404] }),
    },
    '/api/groups/{id}/requests/{requestId}': {
      post: op('groups', { operationId: 'decideJoinRequest', summary: 'Approve (adds the account as member) or reject a pending request', parameters: [groupId, pathInt('requestId', 'request id')], body: ref('JoinDecision'), responses: { '204': noContent }, errors: [404, 409] }),
    },
    '/api/groups/{id}/teamchat': {
      put: op('groups', {
        operationId: 'setGroupTeamChat',
        summary: 'Enable or disable TeamChat on the group; enabling creates its room "TeamChat"',
        parameters: [groupId],
        body: ref('TeamChatSwitch'),
        responses: { '200': ok(listOf(ref('Room'))) },
        errors: [404, 409],
      }),
    },
    '/api/groups/{id}/rooms': {
      get: op('groups', { operationId: 'listGroupRooms', summary: 'The rooms of a group', parameters: [groupId], responses: { '200': ok(listOf(ref('Room'))) }, errors: [404] }),
      post: op('groups', { operationId: 'addGroupRoom', summary: 'Add another room to a group with TeamChat enabled', parameters: [groupId], body: ref('NewRoom'), responses: { '201': ok(ref('Room')) }, errors: [404, 409] }),
    },
    '/api/groups/{id}/rights': {
      get: op('rights', { operationId: 'listGroupRights', summary: 'Grantees with their rights on all rooms of the group', parameters: [groupId], responses: { '200': ok(listOf(ref('Grant'))) }, errors: [404] }),
    },
    '/api/groups/{id}/rights/{type}/{principalId}': {
      put: op('rights', { operationId: 'setGroupRight', summary: 'Add or change a grantee’s rights (preset or custom set)', parameters: [groupId, ...principalPath], body: ref('GrantInput'), responses: { '200': ok(ref('Grant')) }, errors: [404] }),
      delete: op('rights', { operationId: 'removeGroupRight', summary: 'Remove a grantee', parameters: [groupId, ...principalPath], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/rooms/{id}': {
      get: op('rights', { operationId: 'getRoom', summary: 'A room', parameters: [roomId], responses: { '200': ok(ref('Room')) }, errors: [404] }),
    },
    '/api/rooms/{id}/rights': {
      get: op('rights', { operationId: 'listRoomRights', summary: 'Grantees with their rights on this room only', parameters: [roomId], responses: { '200': ok(listOf(ref('Grant'))) }, errors: [404] }),
    },
    '/api/rooms/{id}/rights/{type}/{principalId}': {
      put: op('rights', { operationId: 'setRoomRight', summary: 'Add or change a grantee’s rights on this room', parameters: [roomId, ...principalPath], body: ref('GrantInput'), responses: { '200': ok(ref('Grant')) }, errors: [404] }),
      delete: op('rights', { operationId: 'removeRoomRight', summary: 'Remove a grantee from this room', parameters: [roomId, ...principalPath], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/guests': {
      get: op('guests', { operationId: 'listGuests', summary: 'Guest accounts, with search and paging (server administrators and guest-domain administrators)', parameters: [query('search', { type: 'string' }, 'substring of email or names'), query('domain', { type: 'string' }, 'the guest domain, when you administer several'), ...paging], responses: { '200': ok(pageOf(ref('Guest'))) }, errors: [400] }),
    },
    '/api/guests/delete': {
      post: op('guests', { operationId: 'deleteGuests', summary: 'Delete several guests; their sessions end at once (asks for your password)', body: ref('BulkDelete'), responses: { '200': ok(ref('BulkResult')) } }),
    },
    '/api/guests/{id}': {
      get: op('guests', { operationId: 'getGuest', summary: 'A guest with its rooms and last login', parameters: [pathInt('id', 'guest account id')], responses: { '200': ok(ref('Guest')) }, errors: [404] }),
      patch: op('guests', { operationId: 'updateGuest', summary: 'Edit first name, last name, description', parameters: [pathInt('id', 'guest account id')], body: ref('GuestPatch'), responses: { '200': ok(ref('Guest')) }, errors: [404] }),
      delete: op('guests', { operationId: 'deleteGuest', summary: 'Delete a guest; its sessions end at once (asks for your password)', parameters: [pathInt('id', 'guest account id')], body: ref('Confirm'), responses: { '204': noContent }, errors: [404] }),
    },
    '/api/guests/{id}/password': {
      post: op('guests', {
        operationId: 'resetGuestPassword',
        summary: 'Reset a guest’s password: the given one, or a generated one returned once; the guest’s sessions end (asks for your password)',
        parameters: [pathInt('id', 'guest account id')],
        body: ref('GuestPasswordReset'),
        responses: { '200': ok({ type: 'object', required: ['password', 'generated'], properties: { password: { type: 'string', description: 'the new password, shown only now' }, generated: { type: 'boolean' } } }) },
        errors: [404],
      }),
    },
    '/api/discovery': {
      get: op('discovery', { operationId: 'getDiscovery', summary: 'Public host name, service hosts and URLs', responses: { '200': ok(ref('Discovery')) } }),
    },
    '/api/discovery/public-host': {
      put: op('discovery', { operationId: 'setPublicHost', summary: 'Set the public host name (server administrators)', body: ref('PublicHost'), responses: { '200': ok(ref('PublicHost')) } }),
    },
    '/api/discovery/hosts': {
      post: op('discovery', { operationId: 'addServiceHost', summary: 'Add a service host (SMTP, POP3, IMAP, XMPP, SIP)', body: ref('NewServiceHost'), responses: { '201': ok(ref('ServiceHost')) }, errors: [409] }),
    },
    '/api/discovery/hosts/{id}': {
      put: op('discovery', { operationId: 'updateServiceHost', summary: 'Change a service host', parameters: [pathInt('id', 'service host id')], body: ref('NewServiceHost'), responses: { '200': ok(ref('ServiceHost')) }, errors: [404, 409] }),
      delete: op('discovery', { operationId: 'deleteServiceHost', summary: 'Remove a service host', parameters: [pathInt('id', 'service host id')], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/discovery/check': {
      post: op('discovery', { operationId: 'checkServiceUrl', summary: 'Check a URL without saving it (https, path, certificate)', body: ref('UrlInput'), responses: { '200': ok(ref('UrlCheck')) } }),
    },
    '/api/discovery/urls/{name}': {
      put: op('discovery', {
        operationId: 'setServiceUrl',
        summary: 'Set a service URL; refused (422) unless it is https with a path and its host presents a certificate that verifies',
        parameters: [pathStr('name', 'webclient, webadmin, webdav, freebusy, calendar, teamchat-api, collaboration-api, conference-api, client-downloads')],
        body: ref('UrlInput'),
        responses: { '200': ok(ref('ServiceUrl')) },
        errors: [422],
      }),
      delete: op('discovery', { operationId: 'deleteServiceUrl', summary: 'Remove a service URL', parameters: [pathStr('name', 'URL name')], responses: { '204': noContent }, errors: [404] }),
    },
    '/api/audit': {
      get: op('audit', { operationId: 'listAudit', summary: 'The audit log, newest first (server administrators see all; others their own actions)', parameters: paging, responses: { '200': ok(listOf(ref('AuditEntry'))) }, errors: [400] }),
    },
  },
};
