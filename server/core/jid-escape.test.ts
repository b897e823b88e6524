import { describe, expect, it } from 'vitest';
import { escapeEmailLocalpart, escapeLocalpart, unescapeLocalpart } from './jid-escape.js';

describe('XEP-0106 escaping', () => {
  it('escapes an email address into a localpart and back', () => {
    expect(escapeLocalpart('jean@exemple.fr')).toBe('jean\\40exemple.fr');
    expect(unescapeLocalpart('jean\\40exemple.fr')).toBe('jean@exemple.fr');
  });

  it('follows the XEP examples', () => {
    expect(escapeLocalpart('space cadet')).toBe('space\\20cadet');
    expect(escapeLocalpart('call me "ishmael"')).toBe('call\\20me\\20\\22ishmael\\22');
    expect(escapeLocalpart("o'hara")).toBe('o\\27hara');
    expect(escapeLocalpart('c:\\net')).toBe('c\\3a\\net');
    expect(escapeLocalpart('c:\\5commas')).toBe('c\\3a\\5c5commas');
    for (const value of ['space cadet', 'c:\\net', 'c:\\5commas', 'a/b<c>&d', 'at@home@twice']) expect(unescapeLocalpart(escapeLocalpart(value))).toBe(value);
  });

  it('maps an email address and its escaped form to the same localpart', () => {
    expect(escapeEmailLocalpart('jean@exemple.fr')).toBe('jean\\40exemple.fr');
    expect(escapeEmailLocalpart('jean\\40exemple.fr')).toBe('jean\\40exemple.fr');
  });
});
