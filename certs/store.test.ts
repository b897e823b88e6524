import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificates, loadCertificates } from './store.js';
import type { TlsMaterial } from './tls-material.js';

// An ECDSA P-256 leaf (valid until 2125) issued by a non-Causerie root, made with openssl.
const EC_LEAF = `-----BEGIN CERTIFICATE-----
MIIB5TCCAYugAwIBAgIUfDsTs2ftraxcTJ0TjQFYaqHFm58wCgYIKoZIzj0EAwIw
MDEcMBoGA1UEAwwTRXhhbXBsZSBQdWJsaWMgUm9vdDEQMA4GA1UECgwHRXhhbXBs
ZTAgFw0yNjExMjMwOTE3MDVaGA8yMTI1MDYxNzA5MTcwNVowGTEXMBUGA1UEAwwO
ZWMuZXhhbXBsZS5uZXQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATL/1KWdayT
0G63cvaBg3qeRp4yNRbmBrrxmKwIJWBF0urDd4fP4TXBNL59WHahnWb4fErrTm+8
zhBuklszhmdQo4GXMIGUMD0GA1UdEQQ2MDSCDmVjLmV4YW1wbGUubmV0ghAqLmVj
LmV4YW1wbGUubmV0hxAgAQ24AAAAAAAAAAAAAAABMBMGA1UdJQQMMAoGCCsGAQUF
BwMBMB0GA1UdDgQWBBS0UHmn91u+qVquSBKVVx2kfTRJgDAfBgNVHSMEGDAWgBTm
bpLXipeeqpYdKnS61OlB1Si0TDAKBggqhkjOPQQDAgNIADBFAiAmsJUPmYgVQqw7
u2Tohvs9Z8PsPT+jB7DjyclwV5WjsAIhAIHtQ2BrzycvwU4vLPrMWdExEuJcESb9
2gRPEk2YJ00i
-----END CERTIFICATE-----`;
const EC_LEAF_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKeE7+PpARSwKe0Al
cPOaiiaa5qZ4B5W+omU7EqvDNOGhRANCAATL/1KWdayT0G63cvaBg3qeRp4yNRbm
BrrxmKwIJWBF0urDd4fP4TXBNL59WHahnWb4fErrTm+8zhBuklszhmdQ
-----END PRIVATE KEY-----`;
const EC_ROOT = `-----BEGIN CERTIFICATE-----
MIIBuDCCAV2gAwIBAgIUT24YFyD6wIBNplHKRoiZ4EGvFH8wCgYIKoZIzj0EAwIw
MDEcMBoGA1UEAwwTRXhhbXBsZSBQdWJsaWMgUm9vdDEQMA4GA1UECgwHRXhhbXBs
ZTAgFw0yNjExMjMwOTE3MDVaGA8yMTI2MTAzMDA5MTcwNVowMDEcMBoGA1UEAwwT
RXhhbXBsZSBQdWJsaWMgUm9vdDEQMA4GA1UECgwHRXhhbXBsZTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABKhFCcZpV7KVVqEdksWRrfEx/eLleyovziPBe8todIQd
MLlMKEkpR9AiwUhBz0rU0pHcJ6X3fwfZ3HWZQXVjc8ujUzBRMB0GA1UdDgQWBBTm
bpLXipeeqpYdKnS61OlB1Si0TDAfBgNVHSMEGDAWgBTmbpLXipeeqpYdKnS61OlB
1Si0TDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDwXWjXOjjo
2s1sIWHv8hlCv1o6Ooj5SY/hQV3dwVWPcQIhAOUXAxDpTio6xUBA/ro0nDKFSdz0
6yxmSZ8DVghD9bVd
-----END CERTIFICATE-----`;

let root: string;
let counter = 0;
const freshDir = (): string => join(root, `case-${++counter}`);
const read = (dir: string, file: string): Promise<string> => readFile(join(dir, file), 'utf8');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'causerie-certs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Serve `material` on 127.0.0.1:0 and connect once; resolves when the client trusts the server. */
async function handshake(material: TlsMaterial, connect: tls.ConnectionOptions): Promise<void> {
  const server = tls.createServer({ cert: material.cert, key: material.key }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined); // the client may abort on purpose
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ...connect }, () => {
        socket.end();
        if (socket.authorized) resolve();
        else reject(new Error(String(socket.authorizationError)));
      });
      socket.on('error', reject);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('ensureCertificates', () => {
  let dir: string;
  let first: TlsMaterial;
  beforeAll(async () => {
    dir = freshDir();
    first = await ensureCertificates({ dir, domains: ['example.org'], hostname: 'unit' });
  });

  it('creates the CA and a server certificate for the domains', async () => {
    expect(first.selfIssued).toBe(true);
    expect(first.names).toEqual([
      'example.org',
      'conference.example.org',
      'upload.example.org',
      'guests.example.org',
      'localhost',
      '127.0.0.1',
      '::1',
    ]);
    expect(first.ca).toBe(await read(dir, 'ca.pem'));
    expect(first.cert).toBe(await read(dir, 'server.pem'));
    expect(first.key).toBe(await read(dir, 'server-key.pem'));
    expect(new X509Certificate(first.ca ?? '').subject).toContain('Causerie development CA (unit)');
    expect(first.notAfter.getTime()).toBeGreaterThan(Date.now() + 800 * 24 * 3600 * 1000);
  });

  it('writes keys with mode 0600', async () => {
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'server-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'ca.pem'))).mode & 0o777).toBe(0o644);
  });

  it('serves TLS to a client trusting the CA, by localhost, a domain, a subdomain and IP', async () => {
    const ca = first.ca ?? '';
    await handshake(first, { ca, servername: 'localhost' });
    await handshake(first, { ca, servername: 'example.org' });
    await handshake(first, { ca, servername: 'upload.example.org' });
    await handshake(first, { ca });
  });

  it('is refused for an unlisted name or without the CA', async () => {
    const ca = first.ca ?? '';
    await expect(handshake(first, { ca, servername: 'other.example.org' })).rejects.toThrow(/altnames|Hostname/i);
    await expect(handshake(first, { servername: 'localhost' })).rejects.toThrow(/certificate/i);
  });

  it('reloads the same files when they are still valid', async () => {
    const before = await stat(join(dir, 'server.pem'));
    const again = await ensureCertificates({ dir, domains: ['EXAMPLE.org'] });
    expect(again.cert).toBe(first.cert);
    expect(again.key).toBe(first.key);
    expect(again.ca).toBe(first.ca);
    expect(again.notAfter.getTime()).toBe(Math.floor(first.notAfter.getTime() / 1000) * 1000);
    expect((await stat(join(dir, 'server.pem'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('reissues the server certificate, keeping the CA, when a name is added', async () => {
    const more = await ensureCertificates({ dir, domains: ['example.org', 'second.test'] });
    expect(more.ca).toBe(first.ca);
    expect(await read(dir, 'ca-key.pem')).toContain('PRIVATE KEY');
    expect(more.cert).not.toBe(first.cert);
    expect(more.key).not.toBe(first.key);
    expect(more.names).toContain('conference.second.test');
    expect(await read(dir, 'server.pem')).toBe(more.cert);
    await handshake(more, { ca: more.ca ?? '', servername: 'guests.second.test' });
  });

  it('reissues an expired server certificate with the same CA', async () => {
    const old = freshDir();
    const past = await ensureCertificates({ dir: old, domains: ['a.test'], now: new Date(Date.now() - 900 * 86400e3) });
    expect(past.notAfter.getTime()).toBeLessThan(Date.now());
    const now = await ensureCertificates({ dir: old, domains: ['a.test'] });
    expect(now.ca).toBe(past.ca);
    expect(now.cert).not.toBe(past.cert);
    expect(now.notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it('replaces an expired CA, since clients refuse it anyway', async () => {
    const ancient = freshDir();
    const past = await ensureCertificates({ dir: ancient, domains: ['a.test'], now: new Date('2001-01-01T00:00:00Z') });
    const now = await ensureCertificates({ dir: ancient, domains: ['a.test'] });
    expect(now.ca).not.toBe(past.ca);
    await handshake(now, { ca: now.ca ?? '', servername: 'a.test' });
  });

  it('reissues a server certificate that is corrupt or from another CA', async () => {
    const other = freshDir();
    await ensureCertificates({ dir: other, domains: ['a.test'] });
    await writeFile(join(other, 'server.pem'), 'garbage');
    const repaired = await ensureCertificates({ dir: other, domains: ['a.test'] });
    expect(repaired.cert).toContain('BEGIN CERTIFICATE');

    await writeFile(join(other, 'server.pem'), first.cert);
    await writeFile(join(other, 'server-key.pem'), first.key);
    const own = await ensureCertificates({ dir: other, domains: ['example.org'] });
    expect(own.cert).not.toBe(first.cert);
    await handshake(own, { ca: own.ca ?? '', servername: 'example.org' });
  });

  it('refuses a broken CA file instead of replacing a trusted CA', async () => {
    const broken = freshDir();
    await ensureCertificates({ dir: broken, domains: ['a.test'] });
    const caFile = join(broken, 'ca.pem');
    await writeFile(caFile, '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n');
    await expect(ensureCertificates({ dir: broken, domains: ['a.test'] })).rejects.toThrow(
      `${caFile}: certificate is not a readable PEM certificate`,
    );
    await unlink(caFile);
    await expect(ensureCertificates({ dir: broken, domains: ['a.test'] })).rejects.toThrow(
      `${caFile}: file not found while ${join(broken, 'ca-key.pem')} exists`,
    );
  });

  it('refuses a CA key that does not belong to the CA certificate', async () => {
    const mixed = freshDir();
    await ensureCertificates({ dir: mixed, domains: ['a.test'] });
    await writeFile(join(mixed, 'ca-key.pem'), first.key);
    await expect(ensureCertificates({ dir: mixed, domains: ['a.test'] })).rejects.toThrow(
      `${join(mixed, 'ca-key.pem')}: private key does not match the certificate in ${join(mixed, 'ca.pem')}`,
    );
  });
});

describe('loadCertificates', () => {
  let dir: string;
  let dev: TlsMaterial;
  beforeAll(async () => {
    dir = freshDir();
    dev = await ensureCertificates({ dir, domains: ['prod.test'] });
    await writeFile(join(dir, 'fullchain.pem'), `${dev.cert}${dev.ca ?? ''}`);
    await writeFile(join(dir, 'wrongorder.pem'), `${dev.ca ?? ''}${dev.cert}`);
  });

  it('loads a certificate with its chain and key', async () => {
    const material = await loadCertificates({
      certFile: join(dir, 'fullchain.pem'),
      keyFile: join(dir, 'server-key.pem'),
      caFile: join(dir, 'ca.pem'),
    });
    expect(material.names).toEqual(dev.names);
    expect(material.ca).toBe(dev.ca);
    expect(material.selfIssued).toBe(true);
    expect(material.notAfter.getTime()).toBe(Math.floor(dev.notAfter.getTime() / 1000) * 1000);
    await handshake(material, { ca: material.ca ?? '', servername: 'conference.prod.test' });
  });

  it('loads an ECDSA certificate from another CA (the usual Let\'s Encrypt case)', async () => {
    await writeFile(join(dir, 'ec-fullchain.pem'), `${EC_LEAF}\n${EC_ROOT}\n`);
    await writeFile(join(dir, 'ec-key.pem'), `${EC_LEAF_KEY}\n`);
    const material = await loadCertificates({ certFile: join(dir, 'ec-fullchain.pem'), keyFile: join(dir, 'ec-key.pem') });
    expect(material.selfIssued).toBe(false);
    expect(material.ca).toBeUndefined();
    expect(material.names).toEqual(['ec.example.net', '*.ec.example.net', '2001:db8::1']);
    expect(material.notAfter.getUTCFullYear()).toBe(2125);
    await handshake(material, { ca: EC_ROOT, servername: 'xmpp.ec.example.net' });
  });

  it('marks a self-signed certificate as self-issued', async () => {
    const material = await loadCertificates({ certFile: join(dir, 'ca.pem'), keyFile: join(dir, 'ca-key.pem') });
    expect(material.selfIssued).toBe(true);
    expect(material.names).toEqual([]);
  });

  it('names the file when it is missing', async () => {
    const missing = join(dir, 'nope.pem');
    await expect(loadCertificates({ certFile: missing, keyFile: join(dir, 'server-key.pem') })).rejects.toThrow(
      `${missing}: file not found`,
    );
    await expect(loadCertificates({ certFile: join(dir, 'server.pem'), keyFile: missing })).rejects.toThrow(
      `${missing}: file not found`,
    );
    await expect(
      loadCertificates({ certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem'), caFile: missing }),
    ).rejects.toThrow(`${missing}: file not found`);
  });

  it('names the file when the PEM is unreadable', async () => {
    const junk = join(dir, 'junk.pem');
    await writeFile(junk, 'this is not PEM');
    await expect(loadCertificates({ certFile: junk, keyFile: join(dir, 'server-key.pem') })).rejects.toThrow(
      `${junk}: no PEM certificate found`,
    );
    await expect(loadCertificates({ certFile: join(dir, 'server.pem'), keyFile: junk })).rejects.toThrow(
      `${junk}: no PEM private key found`,
    );
    const badKey = join(dir, 'bad-key.pem');
    await writeFile(badKey, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    await expect(loadCertificates({ certFile: join(dir, 'server.pem'), keyFile: badKey })).rejects.toThrow(
      `${badKey}: not a readable PEM private key`,
    );
  });

  it('names both files when the key does not match the certificate', async () => {
    await expect(
      loadCertificates({ certFile: join(dir, 'server.pem'), keyFile: join(dir, 'ca-key.pem') }),
    ).rejects.toThrow(`${join(dir, 'ca-key.pem')}: private key does not match the certificate in ${join(dir, 'server.pem')}`);
  });

  it('explains a chain whose server certificate is not first', async () => {
    await expect(
      loadCertificates({ certFile: join(dir, 'wrongorder.pem'), keyFile: join(dir, 'server-key.pem') }),
    ).rejects.toThrow(`${join(dir, 'wrongorder.pem')}: the server certificate must come first`);
  });
});
