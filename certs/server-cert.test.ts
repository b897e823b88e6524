import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { createDevCa } from './dev-ca.js';
import { issueServerCertificate } from './server-cert.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('issueServerCertificate', () => {
  const ca = createDevCa({ hostname: 'test' });
  const otherCa = createDevCa({ hostname: 'other' });
  const now = new Date('2031-03-01T00:00:00Z');
  const issued = issueServerCertificate({ ca, domains: ['chat.example.org'], now });
  const cert = forge.pki.certificateFromPem(issued.certPem);

  it('lists the domain, its service subdomains and loopback as SANs', () => {
    const san = cert.getExtension('subjectAltName') as { altNames: { type: number; value: string; ip?: string }[] };
    expect(san.altNames.filter((n) => n.type === 2).map((n) => n.value)).toEqual([
      'chat.example.org',
      'conference.chat.example.org',
      'upload.chat.example.org',
      'guests.chat.example.org',
      'localhost',
    ]);
    expect(san.altNames.filter((n) => n.type === 7).map((n) => n.ip)).toEqual(['127.0.0.1', '::1']);
    expect(issued.names).toContain('guests.chat.example.org');
  });

  it('uses the given subdomains instead of the defaults', () => {
    const custom = issueServerCertificate({ ca, domains: ['a.test'], subdomains: ['muc', 'files'] });
    expect(custom.names).toEqual(['a.test', 'muc.a.test', 'files.a.test', 'localhost', '127.0.0.1', '::1']);
  });

  it('is signed by the CA and by no other', () => {
    expect(ca.cert.verify(cert)).toBe(true);
    expect(() => otherCa.cert.verify(cert)).toThrow();
    const x509 = new X509Certificate(issued.certPem);
    expect(x509.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(x509.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
  });

  it('is a TLS server certificate and not a CA', () => {
    const eku = cert.getExtension('extKeyUsage') as { serverAuth?: boolean; clientAuth?: boolean };
    expect(eku.serverAuth).toBe(true);
    expect(eku.clientAuth).toBeUndefined();
    const ku = cert.getExtension('keyUsage') as Record<string, boolean | undefined>;
    expect(ku.digitalSignature).toBe(true);
    expect(ku.keyEncipherment).toBe(true);
    expect(ku.keyCertSign).toBeFalsy();
    expect(new X509Certificate(issued.certPem).ca).toBe(false);
    expect(forge.pki.oids[cert.siginfo.algorithmOid]).toBe('sha256WithRSAEncryption');
  });

  it('lasts at most 825 days and starts no later than now', () => {
    const span = cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime();
    expect(span).toBeLessThanOrEqual(825 * DAY_MS);
    expect(span).toBeGreaterThan(824 * DAY_MS);
    expect(cert.validity.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(issued.notAfter.getTime()).toBe(cert.validity.notAfter.getTime());
    const longer = issueServerCertificate({ ca, domains: ['a.test'], now, validityDays: 3650 });
    expect(longer.notAfter.getTime() - now.getTime()).toBeLessThanOrEqual(825 * DAY_MS);
  });

  it('has a random positive 16-byte serial', () => {
    const again = forge.pki.certificateFromPem(issueServerCertificate({ ca, domains: ['a.test'] }).certPem);
    for (const serial of [cert.serialNumber, again.serialNumber]) {
      expect(serial).toMatch(/^[0-7][0-9a-f]{31}$/);
    }
    expect(again.serialNumber).not.toBe(cert.serialNumber);
  });
});
