import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCertificate, expiryWarning } from './check.js';
import { createDevCa } from './dev-ca.js';
import { issueServerCertificate } from './server-cert.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('describeCertificate', () => {
  const ca = createDevCa({ hostname: 'checker' });
  const issued = issueServerCertificate({ ca, domains: ['example.org'], subdomains: ['muc'] });

  it('gives subject, issuer, SAN names, validity and SHA-256 fingerprint', () => {
    const info = describeCertificate(issued.certPem);
    expect(info.subject).toBe('CN=example.org, O=Causerie');
    expect(info.issuer).toBe('CN=Causerie development CA (checker), O=Causerie');
    expect(info.names).toEqual(['example.org', 'muc.example.org', 'localhost', '127.0.0.1', '::1']);
    expect(info.notAfter.getTime()).toBe(Math.floor(issued.notAfter.getTime() / 1000) * 1000);
    expect(info.notBefore.getTime()).toBeLessThan(info.notAfter.getTime());
    expect(info.fingerprintSha256).toBe(new X509Certificate(issued.certPem).fingerprint256);
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('describes the first certificate of a chain', () => {
    expect(describeCertificate(`${issued.certPem}${ca.certPem}`).subject).toContain('CN=example.org');
    expect(describeCertificate(ca.certPem).names).toEqual([]);
  });

  it('throws on text without a certificate or with a corrupt one', () => {
    expect(() => describeCertificate('hello')).toThrow(/no PEM certificate found/);
    const corrupt = issued.certPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(() => describeCertificate(corrupt)).toThrow();
  });
});

describe('expiryWarning', () => {
  const notAfter = new Date('2032-06-30T12:00:00Z');
  const material = { notAfter, names: ['example.org', 'conference.example.org'] };

  it('says nothing when the certificate has more than the given days left', () => {
    expect(expiryWarning(material, new Date(notAfter.getTime() - 31 * DAY_MS))).toBeUndefined();
    expect(expiryWarning(material, new Date(notAfter.getTime() - 8 * DAY_MS), 7)).toBeUndefined();
  });

  it('warns with the date and days left when expiry is near', () => {
    const warning = expiryWarning(material, new Date(notAfter.getTime() - 10 * DAY_MS));
    expect(warning).toBe(
      'TLS certificate for example.org, conference.example.org expires on 2032-06-30 12:00:00 UTC (in 10 days): renew it soon.',
    );
    expect(warning).not.toContain('\n');
  });

  it('says when the certificate has already expired', () => {
    const warning = expiryWarning(material, new Date(notAfter.getTime() + DAY_MS));
    expect(warning).toMatch(/^TLS certificate for example.org.* expired on 2032-06-30 12:00:00 UTC: clients will refuse/);
  });

  it('warns about an expired generated certificate', () => {
    const ca = createDevCa({ hostname: 'old' });
    const old = issueServerCertificate({ ca, domains: ['old.test'], now: new Date('2020-01-01T00:00:00Z') });
    const warning = expiryWarning({ notAfter: old.notAfter, names: old.names }, new Date('2024-01-01T00:00:00Z'));
    expect(warning).toMatch(/old\.test, conference\.old\.test, upload\.old\.test \(\+4 more\) expired on 2022-04-04 23:00:00 UTC/);
  });
});
