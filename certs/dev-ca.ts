// A development certificate authority: a self-signed root that signs the
// server certificate of a Causerie instance without a public CA. The user
// trusts it once (browser, phone) and every reissued server cert is accepted.
// RFC 5280 §4.2.1.9 (basicConstraints), §4.2.1.3 (keyUsage).
import { hostname as osHostname } from 'node:os';
import forge from 'node-forge';
import { backdated, generateRsaKey, pemOf, publicKeyOf, randomSerialNumber } from './forge-util.js';

export interface DevCa {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  certPem: string;
  keyPem: string;
}

export interface CreateDevCaOptions {
  /** Shown in the CA's name so users can tell several dev CAs apart; defaults to os.hostname(). */
  hostname?: string;
  now?: Date;
  validityYears?: number;
}

export const DEV_CA_NAME_PREFIX = 'Causerie development CA';

/** Create a new self-signed development CA (RSA 2048, SHA-256, 10 years). */
export function createDevCa(options: CreateDevCaOptions = {}): DevCa {
  const now = options.now ?? new Date();
  const years = options.validityYears ?? 10;
  const { pem: keyPem, forgeKey: key } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(key);
  cert.serialNumber = randomSerialNumber();
  cert.validity.notBefore = backdated(now);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + years);
  cert.validity.notAfter = notAfter;
  const subject = [
    { shortName: 'CN', value: `${DEV_CA_NAME_PREFIX} (${options.hostname ?? osHostname()})` },
    { shortName: 'O', value: 'Causerie' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    // pathLen 0: this CA signs server certificates only, never another CA.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { cert, key, certPem: pemOf(cert), keyPem };
}

/** Rebuild a DevCa from its PEM files' contents (throws on unreadable PEM). */
export function devCaFromPem(certPem: string, keyPem: string): DevCa {
  return {
    cert: forge.pki.certificateFromPem(certPem),
    key: forge.pki.privateKeyFromPem(keyPem),
    certPem,
    keyPem,
  };
}
