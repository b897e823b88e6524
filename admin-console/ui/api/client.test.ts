// The client against a real HTTP server (node:http) standing in for the
// admin console: the CSRF token fetched from GET /api/session and sent on
// writes, a refused token fetched again once, problem+json errors, 401.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, withQuery } from './client.js';
import { ApiError } from './problem.js';

let server: Server;
let base = '';
let token = 'token-1';
const seen: { method: string; url: string; csrf: string | undefined; body: string }[] = [];

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const csrf = req.headers['x-csrf-token'];
  seen.push({ method: req.method ?? '', url: req.url ?? '', csrf: typeof csrf === 'string' ? csrf : undefined, body });
  if (req.url === '/api/session' && req.method === 'GET') return send(res, 200, { authenticated: true, csrfToken: token });
  if (req.method !== 'GET' && csrf !== token) {
    return send(res, 403, { type: 'urn:causerie:error:csrf', title: 'forbidden', status: 403, detail: 'Missing or wrong CSRF token' }, 'application/problem+json');
  }
  if (req.url === '/api/domains/example.org' && req.method === 'PATCH') {
    return send(res, 409, { type: 'urn:causerie:error:teamchat-requires-groupware-webdav', title: 'conflict', status: 409, detail: 'TeamChat needs GroupWare and WebDAV.', field: 'teamchat' }, 'application/problem+json');
  }
  if (req.url === '/api/teamchat/service') return send(res, 200, JSON.parse(body) as unknown);
  if (req.url === '/api/session' && req.method === 'DELETE') return send(res, 204, undefined);
  if (req.url === '/api/status') return send(res, 401, { type: 'urn:causerie:error:not-authorized', title: 'not-authorized', status: 401, detail: 'Sign in first' }, 'application/problem+json');
  send(res, 404, { type: 'urn:causerie:error:item-not-found', title: 'item-not-found', status: 404, detail: `Nothing at ${req.url}` }, 'application/problem+json');
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen.length = 0;
  token = 'token-1';
});

describe('ApiClient', () => {
  it('fetches the CSRF token once and sends it on every write, never on reads', async () => {
    const client = new ApiClient({ base });
    expect(await client.put('/api/teamchat/service', { running: false })).toEqual({ running: false });
    expect(await client.put('/api/teamchat/service', { running: true })).toEqual({ running: true });
    expect(await client.delete('/api/session')).toBeUndefined();
    expect(seen.map((r) => `${r.method} ${r.url} ${r.csrf ?? '-'}`)).toEqual([
      'GET /api/session -',
      'PUT /api/teamchat/service token-1',
      'PUT /api/teamchat/service token-1',
      'DELETE /api/session token-1',
    ]);
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ running: false });
  });

  it('fetches a new token once when the server refuses the old one', async () => {
    const client = new ApiClient({ base });
    client.rememberSession({ csrfToken: 'stale' });
    expect(await client.put('/api/teamchat/service', { running: true })).toEqual({ running: true });
    expect(seen.map((r) => r.csrf ?? '-')).toEqual(['stale', '-', 'token-1']);
  });

  it('does not loop when the new token is refused too', async () => {
    const client = new ApiClient({ base, tokenOf: () => 'always-wrong' });
    await expect(client.put('/api/teamchat/service', { running: true })).rejects.toMatchObject({ status: 403, detail: 'Missing or wrong CSRF token' });
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('turns problem+json into an ApiError with the detail and field', async () => {
    const client = new ApiClient({ base });
    const error = await client.patch('/api/domains/example.org', { teamchat: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).forField('teamchat')).toBe('TeamChat needs GroupWare and WebDAV.');
    await expect(client.get('/api/nothing', { search: 'a b' })).rejects.toMatchObject({ status: 404, detail: 'Nothing at /api/nothing?search=a+b' });
  });

  it('tells the app when the session has ended', async () => {
    let ended = 0;
    const client = new ApiClient({ base, onUnauthorized: () => ended++ });
    await expect(client.get('/api/status')).rejects.toMatchObject({ status: 401, detail: 'Sign in first' });
    expect(ended).toBe(1);
  });

  it('reports a server that cannot be reached with status 0', async () => {
    const client = new ApiClient({ base: 'http://127.0.0.1:1', fallback: (status) => `down ${status}` });
    await expect(client.get('/api/status')).rejects.toMatchObject({ status: 0, detail: 'down 0' });
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/api/accounts', { search: '', domain: 'example.org', offset: 0, kind: undefined })).toBe('/api/accounts?domain=example.org&offset=0');
  });
});
