// WebAdmin sessions (admin_sessions). The session id itself is never stored:
// only its SHA-256 (idHash), so a leaked table cannot be replayed.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toNumber, toStringOrNull, type Row } from './sql-values.js';

export interface AdminSession {
  id: number;
  accountId: number;
  csrfToken: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewAdminSession {
  idHash: string;
  accountId: number;
  csrfToken: string;
  ip: string | null;
  at: Date;
  expiresAt: Date;
}

export interface AdminSessionsRepo {
  insert(session: NewAdminSession): Promise<AdminSession>;
  /** The session with this id hash, expired or not (the caller decides). */
  getByHash(idHash: string): Promise<AdminSession | undefined>;
  /** Records activity and moves the idle expiry. */
  touch(id: number, at: Date, expiresAt: Date): Promise<void>;
  delete(id: number): Promise<boolean>;
  deleteForAccount(accountId: number): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

function toSession(row: Row): AdminSession {
  return {
    id: toNumber(row.id),
    accountId: toNumber(row.account_id),
    csrfToken: String(row.csrf_token),
    ip: toStringOrNull(row.ip),
    createdAt: toDate(row.created_at),
    lastSeenAt: toDate(row.last_seen_at),
    expiresAt: toDate(row.expires_at),
  };
}

export function createAdminSessionsRepo(knex: Knex): AdminSessionsRepo {
  return {
    async insert(session) {
      const result = await withDbErrors('Admin session', () =>
        knex('admin_sessions').insert({
          id_hash: session.idHash,
          account_id: session.accountId,
          csrf_token: session.csrfToken,
          ip: session.ip,
          created_at: session.at,
          last_seen_at: session.at,
          expires_at: session.expiresAt,
        }),
      );
      const id = insertedId(result);
      return { id, accountId: session.accountId, csrfToken: session.csrfToken, ip: session.ip, createdAt: session.at, lastSeenAt: session.at, expiresAt: session.expiresAt };
    },

    async getByHash(idHash) {
      const row = (await knex('admin_sessions').where({ id_hash: idHash }).first()) as Row | undefined;
      return row ? toSession(row) : undefined;
    },

    async touch(id, at, expiresAt) {
      await knex('admin_sessions').where({ id }).update({ last_seen_at: at, expires_at: expiresAt });
    },

    async delete(id) {
      return (await knex('admin_sessions').where({ id }).delete()) > 0;
    },

    async deleteForAccount(accountId) {
      return knex('admin_sessions').where({ account_id: accountId }).delete();
    },

    async deleteExpired(now) {
      return knex('admin_sessions').where('expires_at', '<=', now).delete();
    },
  };
}
