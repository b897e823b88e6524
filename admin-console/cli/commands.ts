// The `causerie-admin` commands: each maps to one REST endpoint of the
// WebAdmin API (admin-console/api/openapi.ts), so scripts can do what the
// web console does. `api METHOD PATH [JSON]` reaches any other endpoint.

import type { AdminClient, Json } from './http-client.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommandInput {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  client: AdminClient;
}

type Command = (input: CommandInput) => Promise<Json>;

const enc = encodeURIComponent;

function need(args: string[], index: number, what: string): string {
  const value = args[index];
  if (value === undefined || value === '') throw new UsageError(`Missing ${what}`);
  return value;
}

function id(value: string, what: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${what} must be a numeric id (got "${value}")`);
  return Number(value);
}

function option(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' ? value : undefined;
}

function requiredOption(input: CommandInput, name: string): string {
  const value = option(input, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** The administrator's own password, which sensitive changes ask for again. */
function confirmation(input: CommandInput): { currentPassword: string } {
  return { currentPassword: requiredOption(input, 'current-password') };
}

/** --current-password when given (needed by some changes only, e.g. serverAdmin=on). */
function optionalConfirmation(input: CommandInput): { currentPassword?: string } {
  const value = option(input, 'current-password');
  return value === undefined ? {} : { currentPassword: value };
}

/** key=value pairs: on/off/true/false become booleans, inherit/null becomes null, numbers stay text. */
export function assignments(pairs: string[]): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`Expected key=value, got "${pair}"`);
    const key = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    result[key] = ['on', 'true', 'yes'].includes(raw) ? true : ['off', 'false', 'no'].includes(raw) ? false : ['inherit', 'null'].includes(raw) ? null : raw;
  }
  return result;
}

/** "500M", "2G", "1048576" (bytes; K, M, G, T are powers of 1024) → bytes; "default" → null. */
export function parseSize(text: string): number | null {
  if (text === 'default') return null;
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a size: give bytes or a number with K, M, G or T (e.g. 500M), or "default"`);
  const power = ' KMGT'.indexOf((match[2] ?? '').toUpperCase() || ' ');
  return Math.round(Number(match[1]) * 1024 ** power);
}

/** An account given by id or by JID (looked up through the list endpoint). */
async function accountId(input: CommandInput, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return id(ref, 'account');
  const at = ref.lastIndexOf('@');
  if (at <= 0) throw new UsageError(`"${ref}" is neither an account id nor an address (name@domain)`);
  const page = (await input.client.call('GET', `/api/accounts?domain=${enc(ref.slice(at + 1))}&search=${enc(ref.slice(0, at))}&limit=200`)) as { items: Array<{ id: number; jid: string }> };
  const found = page.items.find((a) => a.jid === ref);
  if (!found) throw new UsageError(`No account ${ref} among the ones you administer`);
  return found.id;
}

/** account:<jid|id>, domain:<name|id>, group:<id> → a member reference. */
function member(ref: string): Record<string, Json> {
  const [type, value] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  if (!['account', 'domain', 'group'].includes(type) || !value) throw new UsageError(`Members are account:<jid|id>, domain:<name|id> or group:<id> (got "${ref}")`);
  if (/^\d+$/.test(value)) return { type, id: Number(value) };
  if (type === 'account') return { type, jid: value };
  if (type === 'domain') return { type, name: value };
  throw new UsageError('A group member is given by its id: group:<id>');
}

/** group:<id> or room:<id> → the rights path of that scope. */
function scope(ref: string): string {
  const match = /^(group|room):(\d+)$/.exec(ref);
  if (!match) throw new UsageError(`A rights scope is group:<id> or room:<id> (got "${ref}")`);
  return `/api/${match[1]}s/${match[2]}/rights`;
}

function principal(ref: string): string {
  const match = /^(account|domain|group):(\d+)$/.exec(ref);
  if (!match) throw new UsageError(`A grantee is account:<id>, domain:<id> or group:<id> (got "${ref}")`);
  return `${match[1]}/${match[2]}`;
}

export const COMMANDS: Record<string, Command> = {
  status: ({ client }) => client.call('GET', '/api/status'),
  'teamchat start': ({ client }) => client.call('PUT', '/api/teamchat/service', { running: true }),
  'teamchat stop': (input) => input.client.call('PUT', '/api/teamchat/service', { running: false, currentPassword: requiredOption(input, 'current-password') }),

  'tokens list': ({ client }) => client.call('GET', '/api/tokens'),
  'tokens revoke': ({ client, args }) => client.call('DELETE', `/api/tokens/${id(need(args, 0, 'token id'), 'token')}`),

  'domains list': ({ client }) => client.call('GET', '/api/domains'),
  'domains show': ({ client, args }) => client.call('GET', `/api/domains/${enc(need(args, 0, 'domain name'))}`),
  'domains create': (input) => {
    const kind = option(input, 'kind');
    const description = option(input, 'description');
    return input.client.call('POST', '/api/domains', { name: need(input.args, 0, 'domain name'), ...(kind ? { kind } : {}), ...(description ? { description } : {}) });
  },
  'domains set': ({ client, args }) => client.call('PATCH', `/api/domains/${enc(need(args, 0, 'domain name'))}`, assignments(args.slice(1))),
  'domains add-admin': async (input) =>
    input.client.call('PUT', `/api/domains/${enc(need(input.args, 0, 'domain name'))}/admins/${await accountId(input, need(input.args, 1, 'account'))}`, confirmation(input)),
  'domains remove-admin': async (input) => input.client.call('DELETE', `/api/domains/${enc(need(input.args, 0, 'domain name'))}/admins/${await accountId(input, need(input.args, 1, 'account'))}`),

  'accounts list': (input) => {
    const query = new URLSearchParams();
    for (const key of ['domain', 'search', 'kind', 'limit', 'offset']) {
      const value = option(input, key);
      if (value !== undefined) query.set(key, value);
    }
    return input.client.call('GET', `/api/accounts?${query.toString()}`);
  },
  'accounts show': async (input) => input.client.call('GET', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`),
  'accounts create': (input) => {
    const extra = Object.fromEntries((['first-name', 'last-name', 'email', 'display-name'] as const).flatMap((k) => {
      const value = option(input, k);
      return value === undefined ? [] : [[k.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()), value]];
    }));
    return input.client.call('POST', '/api/accounts', { jid: need(input.args, 0, 'account address'), password: requiredOption(input, 'password'), ...extra, ...(input.options.admin === true ? { serverAdmin: true, ...confirmation(input) } : {}) });
  },
  'accounts set': async (input) => input.client.call('PATCH', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`, { ...assignments(input.args.slice(1)), ...optionalConfirmation(input) }),
  'accounts passwd': async (input) =>
    input.client.call('PUT', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}/password`, { password: requiredOption(input, 'password'), currentPassword: requiredOption(input, 'current-password') }),
  'accounts quota': async (input) =>
    input.client.call('PATCH', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`, { quotaBytes: parseSize(need(input.args, 1, 'a size (e.g. 500M, 2G) or "default"')) }),
  'accounts disable': async (input) => input.client.call('PATCH', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`, { disabled: true }),
  'accounts enable': async (input) => input.client.call('PATCH', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`, { disabled: false }),
  'accounts delete': async (input) => input.client.call('DELETE', `/api/accounts/${await accountId(input, need(input.args, 0, 'account'))}`, { currentPassword: requiredOption(input, 'current-password') }),

  'groups list': (input) => {
    const query = new URLSearchParams();
    for (const key of ['domain', 'search']) {
      const value = option(input, key);
      if (value !== undefined) query.set(key, value);
    }
    return input.client.call('GET', `/api/groups?${query.toString()}`);
  },
  'groups show': ({ client, args }) => client.call('GET', `/api/groups/${id(need(args, 0, 'group id'), 'group')}`),
  'groups create': (input) => {
    const access = option(input, 'access');
    return input.client.call('POST', '/api/groups', { domain: need(input.args, 0, 'domain'), alias: need(input.args, 1, 'alias'), name: need(input.args, 2, 'name'), ...(access ? { access } : {}) });
  },
  'groups set': ({ client, args }) => client.call('PATCH', `/api/groups/${id(need(args, 0, 'group id'), 'group')}`, assignments(args.slice(1))),
  'groups delete': (input) => input.client.call('DELETE', `/api/groups/${id(need(input.args, 0, 'group id'), 'group')}`, confirmation(input)),
  'groups add-member': ({ client, args }) => client.call('POST', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/members`, member(need(args, 1, 'member (account:<jid>, domain:<name>, group:<id>)'))),
  'groups remove-member': ({ client, args }) => client.call('DELETE', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/members/${principal(need(args, 1, 'member (account:<id>, domain:<id>, group:<id>)'))}`),
  'groups add-manager': async (input) => input.client.call('PUT', `/api/groups/${id(need(input.args, 0, 'group id'), 'group')}/managers/${await accountId(input, need(input.args, 1, 'account'))}`),
  'groups remove-manager': async (input) => input.client.call('DELETE', `/api/groups/${id(need(input.args, 0, 'group id'), 'group')}/managers/${await accountId(input, need(input.args, 1, 'account'))}`),
  'groups teamchat': ({ client, args }) => {
    const state = need(args, 1, 'on or off');
    if (state !== 'on' && state !== 'off') throw new UsageError('groups teamchat <id> on|off');
    return client.call('PUT', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/teamchat`, { enabled: state === 'on' });
  },
  'groups requests': ({ client, args }) => client.call('GET', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/requests`),
  'groups approve': ({ client, args }) => client.call('POST', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/requests/${id(need(args, 1, 'request id'), 'request')}`, { approve: true }),
  'groups reject': ({ client, args }) => client.call('POST', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/requests/${id(need(args, 1, 'request id'), 'request')}`, { approve: false }),
  'groups rooms': ({ client, args }) => client.call('GET', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/rooms`),
  'groups add-room': ({ client, args }) => client.call('POST', `/api/groups/${id(need(args, 0, 'group id'), 'group')}/rooms`, { name: need(args, 1, 'room name') }),

  'rooms show': ({ client, args }) => client.call('GET', `/api/rooms/${id(need(args, 0, 'room id'), 'room')}`),

  'rights list': ({ client, args }) => client.call('GET', scope(need(args, 0, 'scope (group:<id> or room:<id>)'))),
  'rights grant': ({ client, args }) => {
    const what = need(args, 2, 'a preset (reader, author, administrator) or rights (read,write,…)');
    const body: Json = ['reader', 'author', 'administrator'].includes(what) ? { preset: what } : { rights: what.split(',').map((r) => r.trim()) };
    return client.call('PUT', `${scope(need(args, 0, 'scope'))}/${principal(need(args, 1, 'grantee'))}`, body);
  },
  'rights revoke': ({ client, args }) => client.call('DELETE', `${scope(need(args, 0, 'scope'))}/${principal(need(args, 1, 'grantee'))}`),

  'guests list': (input) => {
    const query = new URLSearchParams();
    for (const key of ['search', 'domain', 'limit', 'offset']) {
      const value = option(input, key);
      if (value !== undefined) query.set(key, value);
    }
    return input.client.call('GET', `/api/guests?${query.toString()}`);
  },
  'guests show': ({ client, args }) => client.call('GET', `/api/guests/${id(need(args, 0, 'guest id'), 'guest')}`),
  'guests set': ({ client, args }) => client.call('PATCH', `/api/guests/${id(need(args, 0, 'guest id'), 'guest')}`, assignments(args.slice(1))),
  'guests reset-password': (input) => {
    const password = option(input, 'password');
    return input.client.call('POST', `/api/guests/${id(need(input.args, 0, 'guest id'), 'guest')}/password`, { ...(password ? { password } : {}), ...confirmation(input) });
  },
  'guests delete': (input) => {
    if (input.args.length === 0) throw new UsageError('Missing guest id(s)');
    return input.client.call('POST', '/api/guests/delete', { ids: input.args.map((a) => id(a, 'guest')), ...confirmation(input) });
  },

  'discovery show': ({ client }) => client.call('GET', '/api/discovery'),
  'discovery public-host': ({ client, args }) => client.call('PUT', '/api/discovery/public-host', { host: need(args, 0, 'host name') }),
  'discovery add-host': ({ client, args }) => client.call('POST', '/api/discovery/hosts', { service: need(args, 0, 'service'), host: need(args, 1, 'host'), port: Number(need(args, 2, 'port')), mode: need(args, 3, 'mode (plain, starttls, tls)') }),
  'discovery set-host': ({ client, args }) =>
    client.call('PUT', `/api/discovery/hosts/${id(need(args, 0, 'host id'), 'service host')}`, { service: need(args, 1, 'service'), host: need(args, 2, 'host'), port: Number(need(args, 3, 'port')), mode: need(args, 4, 'mode (plain, starttls, tls)') }),
  'discovery remove-host': ({ client, args }) => client.call('DELETE', `/api/discovery/hosts/${id(need(args, 0, 'host id'), 'service host')}`),
  'discovery set-url': ({ client, args }) => client.call('PUT', `/api/discovery/urls/${enc(need(args, 0, 'URL name'))}`, { url: need(args, 1, 'URL') }),
  'discovery remove-url': ({ client, args }) => client.call('DELETE', `/api/discovery/urls/${enc(need(args, 0, 'URL name'))}`),
  'discovery check': ({ client, args }) => client.call('POST', '/api/discovery/check', { url: need(args, 0, 'URL') }),

  audit: (input) => input.client.call('GET', `/api/audit?limit=${enc(option(input, 'limit') ?? '50')}`),

  api: ({ client, args }) => {
    const method = need(args, 0, 'HTTP method').toUpperCase();
    const path = need(args, 1, 'path (e.g. /api/status)');
    if (!path.startsWith('/api/')) throw new UsageError('The path starts with /api/');
    let body: Json | undefined;
    if (args[2] !== undefined) {
      try {
        body = JSON.parse(args[2]) as Json;
      } catch {
        throw new UsageError('The body must be JSON');
      }
    }
    return client.call(method, path, body);
  },
};
