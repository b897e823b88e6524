// Server certificate for the XMPP node and its HTTP side, signed by the dev CA.
// RFC 6120 §13.7.1.2 (XMPP server certificates carry the domain as DNS-ID),
// RFC 5280 §4.2.1.6 (subjectAltName), §4.2.1.12 (extKeyUsage).
// 825 days is the longest validity Apple platforms accept for TLS server
// certificates, including those from user-installed roots.
import forge from 'node-forge';
import type { DevCa } from './dev-ca.js';
import { addDays, backdated, generateRsaKey, pemOf, publicKeyOf, randomSerialNumber } from './forge-util.js';
import { DEFAULT_SUBDOMAINS, isIpAddress, serverNames } from './names.js';

export const MAX_SERVER_VALIDITY_DAYS = 825;

export interface IssueServerCertOptions {
  ca: DevCa;
  domains: readonly string[];
  /** Service subdomains added under each domain; defaults to conference, upload, guests. */
  subdomains?: readonly string[];
  now?: Date;
  /** Clamped to 825 days. */
  validityDays?: number;
}

export interface ServerCert {
  certPem: string;
  keyPem: string;
  names: string[];
  notAfter: Date;
}

/** Issue a server certificate for the domains, their subdomains and loopback. */
export function issueServerCertificate(options: IssueServerCertOptions): ServerCert {
  const now = options.now ?? new Date();
  const names = serverNames(options.domains, options.subdomains ?? DEFAULT_SUBDOMAINS);
  const days = Math.min(options.validityDays ?? MAX_SERVER_VALIDITY_DAYS, MAX_SERVER_VALIDITY_DAYS);
  const { pem: keyPem, forgeKey: key } = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(key);
  cert.serialNumber = randomSerialNumber();
  cert.validity.notBefore = backdated(now);
  // Counted from notBefore so the whole span never exceeds the maximum.
  cert.validity.notAfter = addDays(cert.validity.notBefore, days);
  // The CN is informational only (clients match SANs), but some tools show it.
  cert.setSubject([
    { shortName: 'CN', value: names[0] ?? 'localhost' },
    { shortName: 'O', value: 'Causerie' },
  ]);
  cert.setIssuer(options.ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map(altName) },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: options.ca.cert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(options.ca.key, forge.md.sha256.create());
  return { certPem: pemOf(cert), keyPem, names, notAfter: cert.validity.notAfter };
}

// GeneralName types: 2 = dNSName, 7 = iPAddress (RFC 5280 §4.2.1.6).
function altName(name: string): { type: number; value?: string; ip?: string } {
  return isIpAddress(name) ? { type: 7, ip: name } : { type: 2, value: name };
}
