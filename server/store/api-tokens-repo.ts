// API tokens for the `causerie-admin` CLI and scripts (api_tokens). Only the
// token's SHA-256 is stored; the token is shown once when created.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toDateOrNull, toNumber, type Row } from './sql-values.js';

export interface ApiToken {
  id: number;
  accountId: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface ApiTokensRepo {
  insert(token: { accountId: number; tokenHash: string; name: string; at: Date }): Promise<ApiToken>;
  getByHash(tokenHash: string): Promise<ApiToken | undefined>;
  /** Oldest first. */
  findByAccount(accountId: number): Promise<ApiToken[]>;
  touch(id: number, at: Date): Promise<void>;
  /** Deletes one of the account's tokens; false when it has no such token. */
  delete(id: number, accountId: number): Promise<boolean>;
}

function toToken(row: Row): ApiToken {
  return {
    id: toNumber(row.id),
    accountId: toNumber(row.account_id),
    name: String(row.name),
    createdAt: toDate(row.created_at),
    lastUsedAt: toDateOrNull(row.last_used_at),
  };
}

export function createApiTokensRepo(knex: Knex): ApiTokensRepo {
  return {
    async insert(token) {
      const result = await withDbErrors('API token', () =>
        knex('api_tokens').insert({ account_id: token.accountId, token_hash: token.tokenHash, name: token.name, created_at: token.at }),
      );
      return { id: insertedId(result), accountId: token.accountId, name: token.name, createdAt: token.at, lastUsedAt: null };
    },

    async getByHash(tokenHash) {
      const row = (await knex('api_tokens').where({ token_hash: tokenHash }).first()) as Row | undefined;
      return row ? toToken(row) : undefined;
    },

    async findByAccount(accountId) {
      return ((await knex('api_tokens').where({ account_id: accountId }).orderBy('id')) as Row[]).map(toToken);
    },

    async touch(id, at) {
      await knex('api_tokens').where({ id }).update({ last_used_at: at });
    },

    async delete(id, accountId) {
      return (await knex('api_tokens').where({ id, account_id: accountId }).delete()) > 0;
    },
  };
}
