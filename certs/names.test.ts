import { describe, expect, it } from 'vitest';
import { missingNames, normalizeName, serverNames } from './names.js';

describe('serverNames', () => {
  it('covers each domain, its default service subdomains and loopback', () => {
    expect(serverNames(['Example.org', 'b.test'])).toEqual([
      'example.org',
      'conference.example.org',
      'upload.example.org',
      'guests.example.org',
      'b.test',
      'conference.b.test',
      'upload.b.test',
      'guests.b.test',
      'localhost',
      '127.0.0.1',
      '::1',
    ]);
  });

  it('takes the subdomain list as a parameter and removes duplicates', () => {
    expect(serverNames(['a.test', 'A.test.', 'localhost'], ['muc'])).toEqual([
      'a.test',
      'muc.a.test',
      'localhost',
      'muc.localhost',
      '127.0.0.1',
      '::1',
    ]);
  });

  it('gives an IP literal domain no subdomains', () => {
    expect(serverNames(['192.0.2.7'], ['muc'])).toEqual(['192.0.2.7', 'localhost', '127.0.0.1', '::1']);
  });

  it('refuses names that cannot be in a certificate', () => {
    expect(() => serverNames(['bad domain.org'])).toThrow(/"bad domain.org" is not a valid domain name/);
    expect(() => serverNames(['example.org:5222'])).toThrow(/not a valid domain name/);
    expect(() => serverNames(['-x.org'])).toThrow(/not a valid domain name/);
  });
});

describe('normalizeName / missingNames', () => {
  it('compresses IPv6 and lower-cases DNS names', () => {
    expect(normalizeName('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(normalizeName(' Upload.Example.ORG. ')).toBe('upload.example.org');
  });

  it('lists the required names a certificate lacks', () => {
    expect(missingNames(['a.test', 'b.test', '::1'], ['A.test', '0:0:0:0:0:0:0:1'])).toEqual(['b.test']);
  });
});
