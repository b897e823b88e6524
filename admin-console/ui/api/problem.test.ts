import { describe, expect, it } from 'vitest';
import { ApiError, parseProblem } from './problem.js';

describe('parseProblem', () => {
  it('reads detail, type, status and the field of a problem+json body', () => {
    const body = JSON.stringify({ type: 'urn:causerie:error:teamchat-requires-groupware-webdav', title: 'conflict', status: 409, detail: 'TeamChat needs GroupWare and WebDAV.', field: 'teamchat', hint: 'x' });
    const error = parseProblem(409, 'application/problem+json; charset=utf-8', body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.detail).toBe('TeamChat needs GroupWare and WebDAV.');
    expect(error.condition).toBe('teamchat-requires-groupware-webdav');
    expect(error.forField('teamchat')).toBe('TeamChat needs GroupWare and WebDAV.');
    expect(error.forField('groupware')).toBeUndefined();
    expect(error.extra).toEqual({ hint: 'x' });
  });

  it('collects per-field errors given as a list or as a map', () => {
    const list = parseProblem(400, 'application/problem+json', JSON.stringify({ detail: 'Invalid input', errors: [{ pointer: '/alias', detail: 'Use lower-case letters' }, { field: 'name', message: 'Required' }, { nothing: true }] }));
    expect(list.fieldErrors).toEqual([{ field: 'alias', detail: 'Use lower-case letters' }, { field: 'name', detail: 'Required' }]);
    expect(list.forField('alias')).toBe('Use lower-case letters');
    const map = parseProblem(400, 'application/json', JSON.stringify({ errors: { jid: 'Not an address' } }));
    expect(map.forField('jid')).toBe('Not an address');
    // No detail: the first field error is the sentence.
    expect(map.detail).toBe('Not an address');
  });

  it('falls back to a sentence from the status for bodies that are not problems', () => {
    expect(parseProblem(502, 'text/html', '<html>Bad gateway</html>').detail).toMatch(/502/);
    expect(parseProblem(429, 'application/json', '{not json').detail).toMatch(/Too many attempts/);
    expect(parseProblem(404, null, '').detail).toMatch(/does not exist/);
    expect(parseProblem(0, null, '').detail).toMatch(/cannot be reached/);
    expect(parseProblem(403, 'application/json', '[1,2]').type).toBe('urn:causerie:http:403');
  });

  it('uses the translated fallback it is given', () => {
    expect(parseProblem(401, null, '', (status) => `statut ${status}`).detail).toBe('statut 401');
    // A real detail always wins over the fallback.
    expect(parseProblem(401, 'application/problem+json', '{"detail":"Wrong password"}', () => 'x').detail).toBe('Wrong password');
  });
});
