// One self-signed certificate per benchmark run, made by the openssl CLI and shared
// by every server so TLS costs are identical (same key type and size).
// RFC 5280 subjectAltName — https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.6
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CertFiles } from './types.js';

const run = promisify(execFile);

export type KeyType = 'rsa2048' | 'ec256';

/** Writes cert.pem, key.pem and combined.pem into `dir`. */
export async function makeSelfSignedCert(dir: string, domain: string, keyType: KeyType): Promise<CertFiles> {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  const combinedPath = path.join(dir, 'combined.pem');
  const keyArgs = keyType === 'rsa2048' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  await run('openssl', [
    'req', '-x509', ...keyArgs, '-nodes', '-days', '90',
    '-keyout', keyPath, '-out', certPath,
    '-subj', `/CN=${domain}`,
    '-addext', `subjectAltName=DNS:${domain},DNS:conference.${domain}`,
  ]);
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  await writeFile(combinedPath, cert + key, { mode: 0o600 });
  return { certPath, keyPath, combinedPath };
}
