import { describe, expect, it } from 'vitest';
import { webclientCsp } from './csp.js';

describe('webclientCsp', () => {
  const policy = webclientCsp('https://chat.example.org:5443');
  const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only the page’s own scripts and styles, nothing inline', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('lets the client reach the public WebSocket and origin, and show upload previews', () => {
    expect(directives.get('connect-src')).toEqual(expect.arrayContaining(["'self'", 'wss://chat.example.org:5443', 'https://chat.example.org:5443']));
    expect(directives.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'blob:']));
  });

  it('cannot be framed, has no plugins and no base URL changes', () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});
