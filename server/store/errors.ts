// The one place where driver errors become AppErrors. Only the errors a caller
// can act on are translated; everything else propagates untouched (with its
// SQL, which the edges never show to clients).
// MySQL/MariaDB error codes: https://mariadb.com/kb/en/mariadb-error-code-reference/
// SQLite extended result codes: https://www.sqlite.org/rescode.html
import { AppError } from '../core/errors.js';

const UNIQUE_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
// A referenced row (account, room…) does not exist.
const MISSING_PARENT_CODES = new Set(['ER_NO_REFERENCED_ROW', 'ER_NO_REFERENCED_ROW_2', 'SQLITE_CONSTRAINT_FOREIGNKEY']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && UNIQUE_CODES.has(code);
}

/** Maps a driver error to an AppError when it means something to callers; returns it unchanged otherwise. */
export function translateDbError(error: unknown, what = 'Record'): unknown {
  if (error instanceof AppError) return error;
  const code = codeOf(error);
  if (code === undefined) return error;
  if (UNIQUE_CODES.has(code)) return new AppError('conflict', `${what} already exists`, { cause: error });
  if (MISSING_PARENT_CODES.has(code)) {
    return new AppError('item-not-found', `${what} refers to something that does not exist`, { cause: error });
  }
  return error;
}

/** Runs a write and translates its driver errors (see translateDbError). */
export async function withDbErrors<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateDbError(error, what);
  }
}
