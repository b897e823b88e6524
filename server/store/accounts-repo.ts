// Accounts (users and guests) with their SCRAM secrets (RFC 5802, RFC 7677),
// policy overrides and login bookkeeping. Passwords never reach this layer.
import type { Knex } from 'knex';
import { AppError } from '../core/errors.js';
import type { Account, AccountFilter, AccountPatch, AccountsRepo, ScramCredentials } from './types.js';
import { withDbErrors } from './errors.js';
import {
  insertedId, likeContains, toBool, toDate, toDateOrNull, toNumber, toNumberOrNull, toStringOrNull, toTristate,
  type Row,
} from './sql-values.js';

const SEARCHED_COLUMNS = ['a.localpart', 'a.display_name', 'a.first_name', 'a.last_name', 'a.email'];

function scramFrom(row: Row, prefix: 'scram_sha1' | 'scram_sha256'): ScramCredentials | null {
  const salt = row[`${prefix}_salt`];
  if (salt === null || salt === undefined) return null;
  return {
    salt: String(salt),
    iterations: toNumber(row[`${prefix}_iterations`]),
    storedKey: String(row[`${prefix}_stored_key`]),
    serverKey: String(row[`${prefix}_server_key`]),
  };
}

function scramColumns(prefix: 'scram_sha1' | 'scram_sha256', scram: ScramCredentials | null): Row {
  return {
    [`${prefix}_salt`]: scram?.salt ?? null,
    [`${prefix}_iterations`]: scram?.iterations ?? null,
    [`${prefix}_stored_key`]: scram?.storedKey ?? null,
    [`${prefix}_server_key`]: scram?.serverKey ?? null,
  };
}

function toAccount(row: Row): Account {
  return {
    id: toNumber(row.id),
    domainId: toNumber(row.domain_id),
    domain: String(row.domain),
    localpart: String(row.localpart),
    kind: row.kind === 'guest' ? 'guest' : 'user',
    displayName: toStringOrNull(row.display_name),
    firstName: toStringOrNull(row.first_name),
    lastName: toStringOrNull(row.last_name),
    description: toStringOrNull(row.description),
    email: toStringOrNull(row.email),
    language: toStringOrNull(row.language),
    disabled: toBool(row.disabled),
    serverAdmin: toBool(row.server_admin),
    groupware: toTristate(row.groupware),
    webdav: toTristate(row.webdav),
    teamchat: toTristate(row.teamchat),
    quotaBytes: toNumberOrNull(row.quota_bytes),
    scramSha1: scramFrom(row, 'scram_sha1'),
    scramSha256: scramFrom(row, 'scram_sha256'),
    rosterVersion: toNumber(row.roster_version),
    lastLoginAt: toDateOrNull(row.last_login_at),
    lastLoginIp: toStringOrNull(row.last_login_ip),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

const PATCH_COLUMNS = {
  displayName: 'display_name',
  firstName: 'first_name',
  lastName: 'last_name',
  description: 'description',
  email: 'email',
  language: 'language',
  disabled: 'disabled',
  serverAdmin: 'server_admin',
  groupware: 'groupware',
  webdav: 'webdav',
  teamchat: 'teamchat',
  quotaBytes: 'quota_bytes',
} as const satisfies Record<Exclude<keyof AccountPatch, 'scramSha1' | 'scramSha256'>, string>;

function patchColumns(patch: AccountPatch): Row {
  const row: Row = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const value = patch[key as keyof typeof PATCH_COLUMNS];
    if (value !== undefined) row[column] = value;
  }
  if (patch.scramSha1 !== undefined) Object.assign(row, scramColumns('scram_sha1', patch.scramSha1));
  if (patch.scramSha256 !== undefined) Object.assign(row, scramColumns('scram_sha256', patch.scramSha256));
  return row;
}

export function createAccountsRepo(knex: Knex): AccountsRepo {
  const base = (): Knex.QueryBuilder =>
    knex({ a: 'accounts' }).join({ d: 'domains' }, 'd.id', 'a.domain_id').select('a.*', { domain: 'd.name' });

  const filtered = (query: Knex.QueryBuilder, filter: AccountFilter): Knex.QueryBuilder => {
    if (filter.domainId !== undefined) query.where('a.domain_id', filter.domainId);
    if (filter.domainIds !== undefined) query.whereIn('a.domain_id', filter.domainIds.length > 0 ? filter.domainIds : [-1]);
    if (filter.kind !== undefined) query.where('a.kind', filter.kind);
    const search = filter.search?.trim();
    if (search !== undefined && search !== '') {
      // LOWER() on both sides: the identifier columns use a binary collation.
      const pattern = likeContains(search.toLowerCase());
      query.where((q) => {
        for (const column of SEARCHED_COLUMNS) q.orWhereRaw(`LOWER(??) LIKE ? ESCAPE '!'`, [column, pattern]);
      });
    }
    return query;
  };

  const get = async (id: number): Promise<Account | undefined> => {
    const row = (await base().where('a.id', id).first()) as Row | undefined;
    return row === undefined ? undefined : toAccount(row);
  };

  return {
    get,

    async getByAddress(localpart, domain) {
      const row = (await base().where({ 'a.localpart': localpart, 'd.name': domain }).first()) as Row | undefined;
      return row === undefined ? undefined : toAccount(row);
    },

    async findByEmail(email) {
      // LOWER() on both sides: emails are stored as given, under a binary collation.
      return ((await base().whereRaw('LOWER(a.email) = ?', [email.toLowerCase()]).orderBy('a.id')) as Row[]).map(toAccount);
    },

    async find(filter = {}) {
      const query = filtered(base(), filter).orderBy([{ column: 'd.name' }, { column: 'a.localpart' }, { column: 'a.id' }]);
      if (filter.limit !== undefined) query.limit(filter.limit);
      if (filter.offset !== undefined && filter.offset > 0) {
        // SQLite and MySQL both need a LIMIT before OFFSET.
        if (filter.limit === undefined) query.limit(Number.MAX_SAFE_INTEGER);
        query.offset(filter.offset);
      }
      return ((await query) as Row[]).map(toAccount);
    },

    async count(filter = {}) {
      const query = filtered(knex({ a: 'accounts' }), filter);
      const row = (await query.count({ n: '*' }).first()) as Row | undefined;
      return toNumber(row?.n ?? 0);
    },

    async insert(account) {
      const now = new Date();
      const id = await withDbErrors('Account', async () =>
        insertedId(
          await knex('accounts').insert({
            domain_id: account.domainId,
            localpart: account.localpart,
            kind: account.kind ?? 'user',
            display_name: account.displayName ?? null,
            first_name: account.firstName ?? null,
            last_name: account.lastName ?? null,
            description: account.description ?? null,
            email: account.email ?? null,
            language: account.language ?? null,
            server_admin: account.serverAdmin ?? false,
            ...scramColumns('scram_sha1', account.scramSha1),
            ...scramColumns('scram_sha256', account.scramSha256),
            created_at: now,
            updated_at: now,
          }),
        ),
      );
      const inserted = await get(id);
      if (inserted === undefined) throw new Error(`Account ${id} vanished after insert`);
      return inserted;
    },

    async update(id, patch) {
      const changed = await withDbErrors('Account', () =>
        knex('accounts').where({ id }).update({ ...patchColumns(patch), updated_at: new Date() }),
      );
      return changed === 0 ? undefined : get(id);
    },

    async delete(id) {
      return (await knex('accounts').where({ id }).delete()) > 0;
    },

    async recordLogin(id, at, ip) {
      await knex('accounts').where({ id }).update({ last_login_at: at, last_login_ip: ip });
    },

    async bumpRosterVersion(id) {
      return knex.transaction(async (trx) => {
        const changed = await trx('accounts').where({ id }).increment('roster_version', 1);
        if (changed === 0) throw new AppError('item-not-found', 'Account not found');
        const row = (await trx('accounts').where({ id }).first('roster_version')) as Row;
        return toNumber(row.roster_version);
      });
    },
  };
}
