// JID parsing and normalisation, RFC 7622 — https://www.rfc-editor.org/rfc/rfc7622

import { describe, expect, it } from 'vitest';
import { Jid, parseJid, tryParseJid } from './jid.js';
import { AppError } from './errors.js';

function parts(input: string): [string, string, string] {
  const jid = parseJid(input);
  return [jid.local, jid.domain, jid.resource];
}

function rejects(input: string): void {
  let caught: unknown;
  try {
    parseJid(input);
  } catch (error) {
    caught = error;
  }
  expect(caught, JSON.stringify(input)).toBeInstanceOf(AppError);
  expect((caught as AppError).condition).toBe('jid-malformed');
  expect(tryParseJid(input)).toBeUndefined();
}

describe('parseJid', () => {
  it('splits the three parts (RFC 7622 §3.1: first "/" then first "@")', () => {
    expect(parts('juliet@example.com/foo')).toEqual(['juliet', 'example.com', 'foo']);
    expect(parts('juliet@example.com')).toEqual(['juliet', 'example.com', '']);
    expect(parts('example.com')).toEqual(['', 'example.com', '']);
    expect(parts('example.com/foo')).toEqual(['', 'example.com', 'foo']);
  });

  it('keeps slashes and "@" in the resource', () => {
    expect(parts('juliet@example.com/foo/bar')).toEqual(['juliet', 'example.com', 'foo/bar']);
    expect(parts('juliet@example.com/foo@bar')).toEqual(['juliet', 'example.com', 'foo@bar']);
    expect(parts('example.com/juliet@example.net')).toEqual(['', 'example.com', 'juliet@example.net']);
    expect(parts('room@conference.example.com/nick with spaces/and@at')).toEqual(['room', 'conference.example.com', 'nick with spaces/and@at']);
  });

  it('folds the case of localpart and domain but not of the resource', () => {
    expect(parts('Juliet@Example.COM/Balcony')).toEqual(['juliet', 'example.com', 'Balcony']);
    expect(parts('ÉLODIE@ÉCOLE.example/Téléphone')).toEqual(['élodie', 'école.example', 'Téléphone']);
  });

  it('normalises every part to NFC', () => {
    const decomposed = 'e\u0301';
    const [local, domain, resource] = parts(`caf${decomposed}@caf${decomposed}.example/caf${decomposed}`);
    expect(local).toBe('caf\u00e9');
    expect(domain).toBe('caf\u00e9.example');
    expect(resource).toBe('caf\u00e9');
    expect(parseJid(`caf${decomposed}@example.com`).equals(parseJid('caf\u00e9@example.com'))).toBe(true);
  });

  it('accepts non-ASCII localparts and resources (RFC 7622 §3.3, §3.4 examples)', () => {
    expect(parts('πß@example.com/♚')).toEqual(['πß', 'example.com', '♚']);
    expect(parts('\u0939\u093f\u0928\u094d\u0926\u0940@example.com')[0]).toBe('\u0939\u093f\u0928\u094d\u0926\u0940');
    expect(parts('user@\u0939\u093f\u0928\u094d\u0926\u0940.example')[1]).toBe('\u0939\u093f\u0928\u094d\u0926\u0940.example');
  });

  it('refuses the characters RFC 7622 forbids in a localpart', () => {
    for (const char of ['"', '&', "'", ':', '<', '>', ' ', '\t', '\u0000', '\u001f', '\u007f']) {
      rejects(`ju${char}liet@example.com`);
    }
  });

  it('refuses control characters in the resource but allows spaces and punctuation', () => {
    rejects('juliet@example.com/foo\u0000');
    rejects('juliet@example.com/foo\nbar');
    expect(parts(`juliet@example.com/"&'<>: x`)[2]).toBe(`"&'<>: x`);
  });

  it('refuses empty parts', () => {
    for (const input of ['', '@example.com', 'juliet@', 'juliet@/foo', 'example.com/', 'juliet@example.com/', '/foo', '@', '@/']) rejects(input);
  });

  it('refuses malformed domains', () => {
    for (const input of ['juliet@exa mple.com', 'juliet@example.com@other', 'exa<mple.com', 'example..com', '.example.com', '.', 'a@.', 'exa[mple].com', '[::1', 'a@[not-an-ip]', 'a@[::1]x']) rejects(input);
  });

  it('strips one trailing dot from the domain (RFC 7622 §3.2)', () => {
    expect(parts('juliet@example.com./foo')).toEqual(['juliet', 'example.com', 'foo']);
    expect(parseJid('example.com.').domain).toBe('example.com');
    expect(parseJid('juliet@example.com.').equals(parseJid('juliet@example.com'))).toBe(true);
  });

  it('accepts IP literal domains', () => {
    expect(parts('juliet@[::1]/foo')).toEqual(['juliet', '[::1]', 'foo']);
    expect(parts('juliet@[2001:DB8::1]')[1]).toBe('[2001:db8::1]');
    expect(parts('juliet@192.0.2.1')[1]).toBe('192.0.2.1');
  });

  it('limits each part to 1023 bytes of UTF-8', () => {
    expect(parseJid(`${'a'.repeat(1023)}@example.com`).local).toHaveLength(1023);
    rejects(`${'a'.repeat(1024)}@example.com`);
    rejects(`${'é'.repeat(512)}@example.com`); // 512 characters, 1024 bytes
    expect(parseJid(`juliet@example.com/${'r'.repeat(1023)}`).resource).toHaveLength(1023);
    rejects(`juliet@example.com/${'r'.repeat(1024)}`);
    const label = 'd'.repeat(63);
    const longDomain = Array.from({ length: 17 }, () => label).join('.'); // 1087 bytes
    rejects(`juliet@${longDomain}`);
  });

  it('gives the error text a reason', () => {
    try {
      parseJid('@example.com');
    } catch (error) {
      expect((error as AppError).text).toMatch(/localpart/);
    }
  });
});

describe('Jid', () => {
  it('exposes bare and full forms', () => {
    const jid = parseJid('Juliet@Example.com/Balcony');
    expect(jid.bare).toBe('juliet@example.com');
    expect(jid.full).toBe('juliet@example.com/Balcony');
    expect(jid.toString()).toBe('juliet@example.com/Balcony');
    expect(jid.isBare).toBe(false);
    expect(parseJid('example.com/x').bare).toBe('example.com');
  });

  it('derives bare and other-resource JIDs', () => {
    const full = parseJid('juliet@example.com/balcony');
    const bare = full.toBare();
    expect(bare.full).toBe('juliet@example.com');
    expect(bare.isBare).toBe(true);
    expect(bare.toBare()).toBe(bare);
    expect(bare.withResource('chamber').full).toBe('juliet@example.com/chamber');
    expect(new Jid('', 'example.com', 'r').full).toBe('example.com/r');
  });

  it('compares by full JID', () => {
    expect(parseJid('juliet@example.com/a').equals(parseJid('JULIET@example.com/a'))).toBe(true);
    expect(parseJid('juliet@example.com/a').equals(parseJid('juliet@example.com/A'))).toBe(false);
    expect(parseJid('juliet@example.com').equals(parseJid('juliet@example.com/a'))).toBe(false);
  });
});

describe('tryParseJid', () => {
  it('returns undefined for undefined and malformed input', () => {
    expect(tryParseJid(undefined)).toBeUndefined();
    expect(tryParseJid('@')).toBeUndefined();
    expect(tryParseJid('juliet@example.com')?.bare).toBe('juliet@example.com');
  });
});
