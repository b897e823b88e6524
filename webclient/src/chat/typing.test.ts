import { describe, expect, it } from 'vitest';
import { joinNames, typingSentence } from './typing.js';

describe('typingSentence', () => {
  it('says who is typing, in French and English', () => {
    expect(typingSentence([], 'fr')).toBe('');
    expect(typingSentence(['bob'], 'fr')).toBe('bob écrit…');
    expect(typingSentence(['bob', 'carl'], 'fr')).toBe('bob et carl écrivent…');
    expect(typingSentence(['bob', 'carl', 'dora'], 'en')).toBe('bob, carl and dora are typing…');
  });

  it('shortens long lists', () => {
    expect(joinNames(['a', 'b', 'c', 'd', 'e'], 'en')).toBe('a, b, c +2');
  });
});
