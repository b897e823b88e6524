// Uploaded files (XEP-0363 HTTP File Upload): one row per slot. A slot is
// `pending` until its single PUT completes; quota sums count complete files
// and pending slots that have not expired (they reserve their size).

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toDateOrNull, toNumber, toNumberOrNull, toStringOrNull } from './sql-values.js';
import type { Row } from './sql-values.js';

export type FileStatus = 'pending' | 'complete';

export interface StoredFile {
  id: number;
  ownerAccountId: number;
  /** The unguessable id in the file's PUT and GET URLs. */
  token: string;
  filename: string;
  contentType: string | null;
  size: number;
  /** Relative to `<dataDir>/files`; chosen by the server, never by the client. */
  storagePath: string;
  status: FileStatus;
  roomId: number | null;
  createdAt: Date;
  completedAt: Date | null;
}

export interface NewFile {
  ownerAccountId: number;
  token: string;
  filename: string;
  contentType: string | null;
  size: number;
  storagePath: string;
  createdAt: Date;
}

export interface FilesRepo {
  insert(file: NewFile): Promise<StoredFile>;
  getByToken(token: string): Promise<StoredFile | undefined>;
  /** Marks a pending slot complete; false when it was not pending (a slot is used once). */
  complete(id: number, at: Date): Promise<boolean>;
  /** Bytes an account holds: complete files plus pending slots created at or after `pendingSince`. */
  usedBytes(accountId: number, pendingSince: Date): Promise<number>;
  /** Pending slots created before `before` (expired), oldest first. */
  expiredPending(before: Date, limit: number): Promise<StoredFile[]>;
  listByOwner(accountId: number): Promise<StoredFile[]>;
  delete(id: number): Promise<boolean>;
}

function fromRow(row: Row): StoredFile {
  return {
    id: toNumber(row.id),
    ownerAccountId: toNumber(row.owner_account_id),
    token: String(row.slot_token),
    filename: String(row.filename),
    contentType: toStringOrNull(row.content_type),
    size: toNumber(row.size),
    storagePath: String(row.storage_path),
    status: String(row.status) as FileStatus,
    roomId: toNumberOrNull(row.room_id),
    createdAt: toDate(row.created_at),
    completedAt: toDateOrNull(row.completed_at),
  };
}

export function createFilesRepo(knex: Knex): FilesRepo {
  return {
    async insert(file) {
      const result: unknown = await withDbErrors('File', () =>
        knex('files').insert({
          owner_account_id: file.ownerAccountId,
          slot_token: file.token,
          filename: file.filename,
          content_type: file.contentType,
          size: file.size,
          storage_path: file.storagePath,
          status: 'pending',
          created_at: file.createdAt,
        }),
      );
      const row = (await knex('files').where({ id: insertedId(result) }).first()) as Row;
      return fromRow(row);
    },

    async getByToken(token) {
      const row = (await knex('files').where({ slot_token: token }).first()) as Row | undefined;
      return row ? fromRow(row) : undefined;
    },

    async complete(id, at) {
      return (await knex('files').where({ id, status: 'pending' }).update({ status: 'complete', completed_at: at })) > 0;
    },

    async usedBytes(accountId, pendingSince) {
      const row = (await knex('files')
        .where({ owner_account_id: accountId })
        .andWhere((q) => q.where({ status: 'complete' }).orWhere((p) => p.where({ status: 'pending' }).andWhere('created_at', '>=', pendingSince)))
        .sum({ total: 'size' })
        .first()) as Row | undefined;
      return toNumberOrNull(row?.total) ?? 0;
    },

    async expiredPending(before, limit) {
      const rows = (await knex('files').where({ status: 'pending' }).andWhere('created_at', '<', before).orderBy('id').limit(limit)) as Row[];
      return rows.map(fromRow);
    },

    async listByOwner(accountId) {
      const rows = (await knex('files').where({ owner_account_id: accountId }).orderBy('id')) as Row[];
      return rows.map(fromRow);
    },

    async delete(id) {
      return (await knex('files').where({ id }).delete()) > 0;
    },
  };
}
