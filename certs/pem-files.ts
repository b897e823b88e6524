// Reading and writing PEM files with errors that name the file and the
// problem, so an operator can fix a bad path or a mixed-up key at once.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { splitPemCertificates } from './check.js';

/** Read a PEM file's text; throws `<file>: <problem>`. */
export async function readPemFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'file not found'
      : code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory, not a PEM file'
      : `cannot be read (${(error as Error).message})`;
    throw new Error(`${file}: ${problem}`, { cause: error });
  }
}

/** Every certificate of a PEM text, first one first; throws `<file>: <problem>`. */
export function parseCertificates(pem: string, file: string): X509Certificate[] {
  const blocks = splitPemCertificates(pem);
  if (blocks.length === 0) {
    throw new Error(`${file}: no PEM certificate found (expected "-----BEGIN CERTIFICATE-----")`);
  }
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      const which = blocks.length > 1 ? `certificate #${index + 1}` : 'certificate';
      throw new Error(`${file}: ${which} is not a readable PEM certificate (${(error as Error).message})`, {
        cause: error,
      });
    }
  });
}

/** Parse a PEM private key; throws `<file>: <problem>`. Encrypted keys are refused. */
export function parsePrivateKey(pem: string, file: string): KeyObject {
  if (!pem.includes('PRIVATE KEY-----')) {
    throw new Error(`${file}: no PEM private key found (expected "-----BEGIN PRIVATE KEY-----")`);
  }
  if (pem.includes('ENCRYPTED')) {
    throw new Error(`${file}: private key is encrypted; give an unencrypted key file`);
  }
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${file}: not a readable PEM private key (${(error as Error).message})`, { cause: error });
  }
}

/** Throws unless the key belongs to the certificate. */
export function assertKeyMatches(cert: X509Certificate, key: KeyObject, certFile: string, keyFile: string): void {
  if (!cert.checkPrivateKey(key)) {
    throw new Error(`${keyFile}: private key does not match the certificate in ${certFile}`);
  }
}

/**
 * Write a file through a temporary name and a rename, so a crash never
 * leaves half a key behind; keys get mode 0600.
 */
export async function writePemFile(file: string, text: string, mode: 0o600 | 0o644): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode });
  await chmod(temp, mode); // writeFile's mode is filtered by the umask
  await rename(temp, file);
}
