import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './links.js';

describe('linkify', () => {
  it('splits text and http(s) links, leaving trailing punctuation out', () => {
    expect(linkify('Voir https://example.org/a?b=1. Merci')).toEqual([
      { kind: 'text', text: 'Voir ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Merci' },
    ]);
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    const links = linkify('(see https://en.wikipedia.org/wiki/Foo_(bar))').filter((s) => s.kind === 'link');
    expect(links.map((l) => l.text)).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
  });

  it('turns www. into an https link', () => {
    expect(linkify('www.causerie.org')).toEqual([{ kind: 'link', text: 'www.causerie.org', href: 'https://www.causerie.org/' }]);
  });

  it('never links javascript: or data: URLs, and keeps markup as text', () => {
    expect(linkify('javascript:alert(1) <img src=x>')).toEqual([{ kind: 'text', text: 'javascript:alert(1) <img src=x>' }]);
    expect(safeHref('data:text/html,hi')).toBeUndefined();
  });
});
