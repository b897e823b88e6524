import { describe, expect, it } from 'vitest';
import { fts5Query, innodbQuery, searchWords } from './archive-search.js';

describe('archive search terms', () => {
  it('splits user text into words, dropping every operator and quote', () => {
    expect(searchWords(`Don't "forget" +the -report* (now) NEAR/3 l’école`)).toEqual(
      ['Don', 't', 'forget', 'the', 'report', 'now', 'NEAR', '3', 'l', 'école'],
    );
    expect(searchWords(`"'*+-()~<>@\\`)).toEqual([]);
  });

  it('builds an FTS5 query of quoted prefix terms', () => {
    expect(fts5Query(['budget', 'réunion'])).toBe('"budget"* "réunion"*');
    // Words never contain quotes, but the quoting would still hold.
    expect(fts5Query(['a"b'])).toBe('"a""b"*');
  });

  it('builds an InnoDB boolean query, without words InnoDB cannot index', () => {
    expect(innodbQuery(['budget', 'of', 'café'], 3)).toBe('+budget* +café*');
    expect(innodbQuery(['ok'], 3)).toBe('');
    expect(innodbQuery(['ok'], 2)).toBe('+ok*');
  });
});
