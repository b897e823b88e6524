import { describe, expect, it } from 'vitest';
import { href, parseHash, sectionOf } from './router.js';

describe('router', () => {
  it('parses paths with parameters and a query', () => {
    expect(parseHash('#/groups/12/rights?room=3')).toEqual({ name: 'rights', params: { group: '12' }, query: { room: '3' } });
    expect(parseHash('#/domains/example.org')).toEqual({ name: 'domain', params: { domain: 'example.org' }, query: {} });
    expect(parseHash('#/accounts?search=ali&offset=25')).toEqual({ name: 'accounts', params: {}, query: { search: 'ali', offset: '25' } });
    expect(parseHash('').name).toBe('dashboard');
    expect(parseHash('#/').name).toBe('dashboard');
    expect(parseHash('#/guests/').name).toBe('guests');
  });

  it('falls back to the dashboard for unknown paths and bad escapes', () => {
    expect(parseHash('#/nowhere/at/all').name).toBe('dashboard');
    expect(parseHash('#/domains/%E0%A4%A').name).toBe('dashboard');
    expect(parseHash('#/domains/a/b/c').name).toBe('dashboard');
  });

  it('builds hashes that parse back to the same route, escaping parameters', () => {
    const hash = href('domain', { domain: 'a/b?c#d' });
    expect(hash).toBe('#/domains/a%2Fb%3Fc%23d');
    expect(parseHash(hash).params).toEqual({ domain: 'a/b?c#d' });
    expect(href('accounts', {}, { search: 'é ü', offset: 0, domain: '' })).toBe('#/accounts?search=%C3%A9+%C3%BC&offset=0');
    expect(parseHash(href('accounts', {}, { search: 'é ü' })).query).toEqual({ search: 'é ü' });
    expect(href('dashboard')).toBe('#/');
  });

  it('refuses to build a route without its parameter', () => {
    expect(() => href('group', {})).toThrow(/needs group/);
  });

  it('maps detail pages to their section', () => {
    expect(sectionOf('rights')).toBe('groups');
    expect(sectionOf('guest')).toBe('guests');
    expect(sectionOf('audit')).toBe('audit');
  });
});
