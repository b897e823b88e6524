// The names a Causerie server certificate must cover: each XMPP domain, its
// service subdomains (MUC, HTTP upload, guests), and loopback for local use.
// RFC 6125 §6.4 (DNS-ID matching), RFC 5280 §4.2.1.6 (subjectAltName).
import { isIP } from 'node:net';

export const DEFAULT_SUBDOMAINS: readonly string[] = ['conference', 'upload', 'guests'];

export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Canonical form of a name: lower case, no trailing dot, IPv6 compressed, so
 * that names read back from a certificate compare equal to configured ones.
 */
export function normalizeName(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  if (isIP(trimmed) === 6) return new URL(`http://[${trimmed}]`).hostname.slice(1, -1);
  return trimmed;
}

export function isIpAddress(name: string): boolean {
  return isIP(name) !== 0;
}

/** Throws when a configured domain cannot appear in a certificate. */
export function assertValidName(name: string): void {
  if (isIpAddress(name)) return;
  const labels = name.split('.');
  if (name.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
    throw new Error(`"${name}" is not a valid domain name for a certificate`);
  }
}

/**
 * Every name the server certificate covers, in a stable order and without
 * duplicates. An IP literal used as a domain gets no subdomains.
 */
export function serverNames(
  domains: readonly string[],
  subdomains: readonly string[] = DEFAULT_SUBDOMAINS,
): string[] {
  const names = new Set<string>();
  for (const raw of domains) {
    const domain = normalizeName(raw);
    assertValidName(domain);
    names.add(domain);
    if (isIpAddress(domain)) continue;
    for (const sub of subdomains) {
      const name = normalizeName(`${sub}.${domain}`);
      assertValidName(name);
      names.add(name);
    }
  }
  for (const name of LOOPBACK_NAMES) names.add(normalizeName(name));
  return [...names];
}

/** The requested names a certificate's names do not cover (exact match). */
export function missingNames(required: readonly string[], covered: readonly string[]): string[] {
  const have = new Set(covered.map(normalizeName));
  return required.map(normalizeName).filter((name) => !have.has(name));
}
