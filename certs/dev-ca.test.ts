import { X509Certificate, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { createDevCa } from './dev-ca.js';

describe('createDevCa', () => {
  const now = new Date('2030-01-15T12:00:00Z');
  const ca = createDevCa({ hostname: 'build-box', now });
  const x509 = new X509Certificate(ca.certPem);

  it('is a self-signed CA named after the host', () => {
    expect(x509.subject).toContain('CN=Causerie development CA (build-box)');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(ca.cert.verify(ca.cert)).toBe(true);
  });

  it('uses RSA 2048 and SHA-256 and may only sign certificates', () => {
    expect(x509.publicKey.asymmetricKeyType).toBe('rsa');
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(forge.pki.oids[ca.cert.siginfo.algorithmOid]).toBe('sha256WithRSAEncryption');
    const keyUsage = ca.cert.getExtension('keyUsage') as { keyCertSign?: boolean; critical?: boolean };
    expect(keyUsage.keyCertSign).toBe(true);
    expect(keyUsage.critical).toBe(true);
    const basic = ca.cert.getExtension('basicConstraints') as { cA?: boolean };
    expect(basic.cA).toBe(true);
  });

  it('is valid for ten years from now', () => {
    expect(ca.cert.validity.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(ca.cert.validity.notAfter.toISOString().slice(0, 10)).toBe('2040-01-15');
  });

  it('writes a key that matches the certificate', () => {
    expect(ca.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(x509.checkPrivateKey(createPrivateKey(ca.keyPem))).toBe(true);
  });
});
