// Where a node's TLS material comes from: either a development CA and server
// certificate generated at first start in a data directory (kept across
// restarts, reissued when the domains change), or the operator's own PEM
// files (e.g. Let's Encrypt's fullchain.pem and privkey.pem).
// RFC 5280 §6 (path validation: the server cert must be issued by the CA).
import type { X509Certificate } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeX509 } from './check.js';
import { DEV_CA_NAME_PREFIX, createDevCa, devCaFromPem, type DevCa } from './dev-ca.js';
import { DEFAULT_SUBDOMAINS, missingNames, serverNames } from './names.js';
import { assertKeyMatches, parseCertificates, parsePrivateKey, readPemFile, writePemFile } from './pem-files.js';
import { issueServerCertificate } from './server-cert.js';
import type { TlsMaterial } from './tls-material.js';

export const DEV_CERT_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  server: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

export interface EnsureCertificatesOptions {
  dir: string;
  domains: readonly string[];
  /** Service subdomains under each domain; defaults to conference, upload, guests. */
  subdomains?: readonly string[];
  now?: Date;
  /** Used in the CA's name; defaults to os.hostname(). */
  hostname?: string;
  /** Reissue the server certificate when it expires within this many days (default 30). */
  renewWithinDays?: number;
}

export interface LoadCertificatesOptions {
  certFile: string;
  keyFile: string;
  caFile?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Load the dev CA and server certificate from `dir`, creating or reissuing
 * what is missing, expired or no longer covers the domains. An existing CA is
 * always kept (users have trusted it) unless it has expired. Throws when the
 * CA files are unreadable or inconsistent, naming the file.
 */
export async function ensureCertificates(options: EnsureCertificatesOptions): Promise<TlsMaterial> {
  const now = options.now ?? new Date();
  const paths = devPaths(options.dir);
  const required = serverNames(options.domains, options.subdomains ?? DEFAULT_SUBDOMAINS);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(paths, now, options.hostname);

  const renewBefore = new Date(now.getTime() + (options.renewWithinDays ?? 30) * DAY_MS);
  const reusable = await readReusableServer(paths, ca, required, renewBefore);
  if (reusable !== undefined) return reusable;

  const issued = issueServerCertificate({
    ca,
    domains: options.domains,
    subdomains: options.subdomains ?? DEFAULT_SUBDOMAINS,
    now,
  });
  await writePemFile(paths.serverKey, issued.keyPem, 0o600);
  await writePemFile(paths.server, issued.certPem, 0o644);
  return {
    cert: issued.certPem,
    key: issued.keyPem,
    ca: ca.certPem,
    notAfter: issued.notAfter,
    names: issued.names,
    selfIssued: true,
  };
}

/**
 * Load the operator's PEM files. `certFile` may hold the whole chain, server
 * certificate first. An expired certificate still loads (see expiryWarning).
 * Throws when a file is missing or unreadable or the key does not match.
 */
export async function loadCertificates(options: LoadCertificatesOptions): Promise<TlsMaterial> {
  const certPem = await readPemFile(options.certFile);
  const keyPem = await readPemFile(options.keyFile);
  const chain = parseCertificates(certPem, options.certFile);
  const key = parsePrivateKey(keyPem, options.keyFile);
  const leaf = chain[0] as X509Certificate; // parseCertificates never returns an empty list
  if (!leaf.checkPrivateKey(key) && chain.some((cert) => cert.checkPrivateKey(key))) {
    throw new Error(`${options.certFile}: the server certificate must come first, before its chain`);
  }
  assertKeyMatches(leaf, key, options.certFile, options.keyFile);

  let caPem: string | undefined;
  if (options.caFile !== undefined) {
    caPem = await readPemFile(options.caFile);
    parseCertificates(caPem, options.caFile);
  }
  const description = describeX509(leaf);
  const selfSigned = leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey);
  return {
    cert: certPem,
    key: keyPem,
    ...(caPem === undefined ? {} : { ca: caPem }),
    notAfter: description.notAfter,
    names: description.names,
    selfIssued: selfSigned || description.issuer.includes(`CN=${DEV_CA_NAME_PREFIX}`),
  };
}

type DevPaths = Record<keyof typeof DEV_CERT_FILES, string>;

function devPaths(dir: string): DevPaths {
  return {
    ca: join(dir, DEV_CERT_FILES.ca),
    caKey: join(dir, DEV_CERT_FILES.caKey),
    server: join(dir, DEV_CERT_FILES.server),
    serverKey: join(dir, DEV_CERT_FILES.serverKey),
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function loadOrCreateCa(paths: DevPaths, now: Date, hostname: string | undefined): Promise<DevCa> {
  const [hasCert, hasKey] = await Promise.all([exists(paths.ca), exists(paths.caKey)]);
  if (hasCert !== hasKey) {
    const [present, missing] = hasCert ? [paths.ca, paths.caKey] : [paths.caKey, paths.ca];
    throw new Error(`${missing}: file not found while ${present} exists; restore it, or delete both to create a new CA`);
  }
  if (hasCert) {
    const certPem = await readPemFile(paths.ca);
    const keyPem = await readPemFile(paths.caKey);
    const cert = parseCertificates(certPem, paths.ca)[0] as X509Certificate;
    assertKeyMatches(cert, parsePrivateKey(keyPem, paths.caKey), paths.ca, paths.caKey);
    if (!cert.ca) throw new Error(`${paths.ca}: not a CA certificate (basicConstraints CA:false)`);
    // An expired CA is useless to clients anyway: replace it rather than fail.
    if (describeX509(cert).notAfter > now) return devCaFromPem(certPem, keyPem);
  }
  const ca = createDevCa({ now, ...(hostname === undefined ? {} : { hostname }) });
  await writePemFile(paths.caKey, ca.keyPem, 0o600);
  await writePemFile(paths.ca, ca.certPem, 0o644);
  // A new CA invalidates the old server certificate, which readReusableServer detects.
  return ca;
}

/** The existing server material when it is intact, from this CA, fresh and complete. */
async function readReusableServer(
  paths: DevPaths,
  ca: DevCa,
  required: readonly string[],
  renewBefore: Date,
): Promise<TlsMaterial | undefined> {
  if (!(await exists(paths.server)) || !(await exists(paths.serverKey))) return undefined;
  try {
    const certPem = await readPemFile(paths.server);
    const keyPem = await readPemFile(paths.serverKey);
    const cert = parseCertificates(certPem, paths.server)[0] as X509Certificate;
    assertKeyMatches(cert, parsePrivateKey(keyPem, paths.serverKey), paths.server, paths.serverKey);
    const caCert = parseCertificates(ca.certPem, paths.ca)[0] as X509Certificate;
    if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return undefined;
    const description = describeX509(cert);
    if (description.notAfter <= renewBefore) return undefined;
    if (missingNames(required, description.names).length > 0) return undefined;
    return {
      cert: certPem,
      key: keyPem,
      ca: ca.certPem,
      notAfter: description.notAfter,
      names: description.names,
      selfIssued: true,
    };
  } catch {
    // The server certificate is derived data: anything unreadable is reissued.
    return undefined;
  }
}
