// The URL checker against real local TLS servers whose certificates come from
// the project's own tooling: good, expired, wrong name, self-signed, from an
// unknown CA, and a closed port.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCa } from './dev-ca.js';
import { issueServerCertificate } from './server-cert.js';
import { checkServiceUrl, checkUrlShape } from './url-check.js';

const servers: Server[] = [];

async function serve(cert: string, key: string, host = '127.0.0.1'): Promise<number> {
  const server = createServer({ cert, key }, (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

describe('checkUrlShape', () => {
  it('refuses what is not https, has no path, or is not a URL', () => {
    expect(checkUrlShape('http://chat.example.org/web/')).toMatchObject({ ok: false, reason: 'not-https' });
    expect(checkUrlShape('https://chat.example.org')).toMatchObject({ ok: false, reason: 'no-path' });
    expect(checkUrlShape('https://chat.example.org/')).toMatchObject({ ok: false, reason: 'no-path' });
    expect(checkUrlShape('chat.example.org/web')).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(checkUrlShape('https://me:pw@chat.example.org/web')).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(checkUrlShape('https://chat.example.org/web/')).toBeInstanceOf(URL);
  });
});

describe('checkServiceUrl', () => {
  const ca = createDevCa({ hostname: 'url-check-test' });
  const now = new Date();
  let good: number;
  let expired: number;
  let selfSigned: number;
  let unknownCa: number;
  let wrongName: number;

  beforeAll(async () => {
    const cert = issueServerCertificate({ ca, domains: ['example.test'] });
    good = await serve(cert.certPem, cert.keyPem);
    // Listening on 127.0.0.2 with a certificate that names only 127.0.0.1 and localhost.
    wrongName = await serve(cert.certPem, cert.keyPem, '127.0.0.2');
    const old = issueServerCertificate({ ca, domains: ['example.test'], now: new Date(now.getTime() - 400 * 86_400_000), validityDays: 30 });
    expired = await serve(old.certPem, old.keyPem);
    const lone = createDevCa({ hostname: 'self-signed' });
    selfSigned = await serve(lone.certPem, lone.keyPem);
    const other = issueServerCertificate({ ca: createDevCa({ hostname: 'other' }), domains: ['example.test'] });
    unknownCa = await serve(other.certPem, other.keyPem);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('accepts a certificate from the configured CA for the right name', async () => {
    expect(await checkServiceUrl(`https://localhost:${good}/webclient/`, { ca: ca.certPem })).toEqual({ ok: true, url: `https://localhost:${good}/webclient/` });
  });

  it('refuses the same certificate when the CA is not configured', async () => {
    expect(await checkServiceUrl(`https://localhost:${good}/webclient/`)).toMatchObject({ ok: false, reason: 'untrusted-certificate' });
  });

  it('names each problem', async () => {
    const opts = { ca: ca.certPem, timeoutMs: 3000 };
    expect(await checkServiceUrl(`https://localhost:${expired}/x/`, opts)).toMatchObject({ ok: false, reason: 'certificate-expired' });
    expect(await checkServiceUrl(`https://127.0.0.2:${wrongName}/x/`, opts)).toMatchObject({ ok: false, reason: 'name-mismatch' });
    expect(await checkServiceUrl(`https://localhost:${selfSigned}/x/`, opts)).toMatchObject({ ok: false, reason: 'self-signed' });
    expect(await checkServiceUrl(`https://localhost:${unknownCa}/x/`, opts)).toMatchObject({ ok: false, reason: 'untrusted-certificate' });
    expect(await checkServiceUrl('http://localhost/x/', opts)).toMatchObject({ ok: false, reason: 'not-https' });
    expect(await checkServiceUrl(`https://localhost:${good}`, opts)).toMatchObject({ ok: false, reason: 'no-path' });
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await checkServiceUrl(`https://127.0.0.1:${port}/x/`, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(result.ok ? '' : result.detail).toContain('ECONNREFUSED');
  });
});
