// Small helpers shared by the certificate builders (dev-ca.ts, server-cert.ts).
// Keys come from Node's native RSA generator: node-forge's pure-JS generator
// takes seconds for 2048 bits, while OpenSSL takes milliseconds. node-forge
// still builds and signs the certificates.
// RFC 5280 §4.1.2.2 (serial numbers: positive, at most 20 octets).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface RsaKey {
  /** PKCS#8 PEM, the form written to disk and given to Node's tls. */
  pem: string;
  forgeKey: forge.pki.rsa.PrivateKey;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Generate an RSA 2048 key natively and expose it to node-forge too. */
export function generateRsaKey(): RsaKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { pem: privateKey, forgeKey: forge.pki.privateKeyFromPem(privateKey) };
}

/** The public half of a forge RSA private key. */
export function publicKeyOf(key: forge.pki.rsa.PrivateKey): forge.pki.rsa.PublicKey {
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

/**
 * A random 16-byte serial as hex. The top bit is cleared so the DER INTEGER
 * stays positive (RFC 5280 forbids negative serials) and the first byte is
 * non-zero so the serial really is 16 bytes long.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Certificates start a little in the past so clients with a slow clock accept them. */
export function backdated(now: Date): Date {
  return new Date(now.getTime() - 60 * 60 * 1000);
}

export function pemOf(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}
