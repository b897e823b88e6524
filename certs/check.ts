// Read-only inspection of certificates: what `causerie certs show` prints and
// the expiry warning logged at start-up. Uses Node's X509Certificate rather
// than node-forge because operators' certificates are often ECDSA (Let's
// Encrypt's default), which node-forge cannot parse.
// RFC 5280 §4.1.2.5 (validity), §4.2.1.6 (subjectAltName).
import { X509Certificate } from 'node:crypto';
import { normalizeName } from './names.js';
import type { TlsMaterial } from './tls-material.js';

export interface CertificateDescription {
  subject: string;
  issuer: string;
  /** subjectAltName DNS names and IP addresses, in certificate order. */
  names: string[];
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex. */
  fingerprintSha256: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The PEM certificate blocks of a file's text, in order (a chain gives several). */
export function splitPemCertificates(pem: string): string[] {
  return pem.match(PEM_CERTIFICATE) ?? [];
}

/** Describe the first certificate of a PEM text; throws when there is none or it is unreadable. */
export function describeCertificate(pem: string): CertificateDescription {
  const first = splitPemCertificates(pem)[0];
  if (first === undefined) throw new Error('no PEM certificate found');
  return describeX509(new X509Certificate(first));
}

export function describeX509(cert: X509Certificate): CertificateDescription {
  return {
    subject: flattenName(cert.subject),
    issuer: flattenName(cert.issuer),
    names: parseSubjectAltName(cert.subjectAltName ?? ''),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprintSha256: cert.fingerprint256,
  };
}

/**
 * A one-line warning when the certificate expires within `days` days of `now`
 * or has already expired; undefined otherwise.
 */
export function expiryWarning(
  material: Pick<TlsMaterial, 'notAfter' | 'names'>,
  now: Date,
  days = 30,
): string | undefined {
  const remainingMs = material.notAfter.getTime() - now.getTime();
  if (remainingMs > days * DAY_MS) return undefined;
  const what = `TLS certificate for ${material.names.slice(0, 3).join(', ') || '(no names)'}`;
  const more = material.names.length > 3 ? ` (+${material.names.length - 3} more)` : '';
  const when = material.notAfter.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  if (remainingMs <= 0) {
    return `${what}${more} expired on ${when}: clients will refuse to connect until it is renewed.`;
  }
  const left = Math.ceil(remainingMs / DAY_MS);
  return `${what}${more} expires on ${when} (in ${left} day${left === 1 ? '' : 's'}): renew it soon.`;
}

// Node prints distinguished names one attribute per line.
function flattenName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

// Node's format: `DNS:a.org, IP Address:127.0.0.1`, with values that contain
// separators written as JSON strings (since Node 17.3.1 / 16.13.2).
const SAN_ENTRY = /(DNS|IP Address):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;

function parseSubjectAltName(san: string): string[] {
  const names: string[] = [];
  for (const match of san.matchAll(SAN_ENTRY)) {
    const raw = match[2] ?? '';
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    names.push(normalizeName(value));
  }
  return names;
}
