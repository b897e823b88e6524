// Full-text conditions for archive queries, one per dialect, behind one
// function. User text is split into words here (letters, digits, marks), so
// quotes, apostrophes, `*`, `-`, parentheses and operators never reach the
// engine's query syntax; every word is ANDed and matched as a prefix.
// FTS5 query syntax: https://www.sqlite.org/fts5.html#full_text_query_syntax
// InnoDB boolean mode: https://mariadb.com/kb/en/full-text-index-overview/#in-boolean-mode
// InnoDB only indexes words of at least innodb_ft_min_token_size characters
// (default 3): shorter words are dropped from MySQL queries, so a search made
// only of such words finds nothing there.
import type { Knex } from 'knex';
import { dialectOf } from './dialect.js';
import { toNumber, type Row } from './sql-values.js';

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

export function searchWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** FTS5: each word quoted (inner quotes doubled) and used as a prefix; juxtaposition means AND. */
export function fts5Query(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' ');
}

/** InnoDB BOOLEAN MODE: `+word*` per word; words only contain word characters. */
export function innodbQuery(words: readonly string[], minTokenSize: number): string {
  return words
    .filter((word) => [...word].length >= minTokenSize)
    .map((word) => `+${word}*`)
    .join(' ');
}

/** A WHERE condition over archive_messages, with its bindings. */
export interface TextCondition {
  sql: string;
  bindings: string[];
}

export interface TextSearch {
  /** The condition for `text`; undefined when no word of it can match anything. */
  condition(text: string): Promise<TextCondition | undefined>;
}

export function createTextSearch(knex: Knex): TextSearch {
  if (dialectOf(knex) === 'sqlite') {
    return {
      async condition(text) {
        const words = searchWords(text);
        if (words.length === 0) return undefined;
        return {
          sql: 'archive_messages.id IN (SELECT rowid FROM archive_messages_fts WHERE archive_messages_fts MATCH ?)',
          bindings: [fts5Query(words)],
        };
      },
    };
  }
  let minTokenSize: Promise<number> | undefined;
  const readMinTokenSize = async (): Promise<number> => {
    const [rows] = (await knex.raw('SELECT @@innodb_ft_min_token_size AS size')) as [Row[]];
    return toNumber(rows[0]?.size ?? 3);
  };
  return {
    async condition(text) {
      minTokenSize ??= readMinTokenSize().catch(() => 3);
      const boolean = innodbQuery(searchWords(text), await minTokenSize);
      if (boolean === '') return undefined;
      return { sql: 'MATCH (archive_messages.body) AGAINST (? IN BOOLEAN MODE)', bindings: [boolean] };
    },
  };
}
