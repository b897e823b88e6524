// Row value decoding shared by the repositories. The two drivers return the
// same columns differently: booleans are 0/1 on both, DATETIME(3) is a Date on
// mysql2 but epoch milliseconds on better-sqlite3 (knex binds Dates as
// numbers there), BIGINT may be a string on mysql2 past 2^53.
// Write rule for every repository: timestamps are bound as JS Dates, never
// knex.fn.now() (it would store text on SQLite).

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') {
    // 'YYYY-MM-DD HH:MM:SS[.fff]' from SQL functions, always UTC here.
    if (/^\d+$/.test(value)) return new Date(Number(value));
    return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
  }
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 1n;
}

/** Nullable boolean: null means "inherit". */
export function toTristate(value: unknown): boolean | null {
  return value === null || value === undefined ? null : toBool(value);
}

export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new TypeError(`Not a number: ${String(value)}`);
  return n;
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toStringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Escapes LIKE wildcards for a pattern used with `ESCAPE '!'` (the same on both dialects). */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The id returned by `insert()` on both dialects (mysql2: [insertId], better-sqlite3: [lastInsertRowid]). */
export function insertedId(result: unknown): number {
  const first: unknown = Array.isArray(result) ? result[0] : result;
  if (typeof first === 'object' && first !== null && 'id' in first) return toNumber(first.id);
  return toNumber(first);
}

/** Row type as returned by knex: column name → driver value. */
export type Row = Record<string, unknown>;
