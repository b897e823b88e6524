// Derives the SCRAM secrets the store keeps instead of passwords
// (RFC 5802 §3): SaltedPassword → ClientKey/ServerKey → StoredKey.

import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { ScramCredentials } from '../store/types.js';

const pbkdf2Async = promisify(pbkdf2);

export const DEFAULT_SCRAM_ITERATIONS = 10_000;

export type ScramAlgorithm = 'sha1' | 'sha256';

/** SASLprep approximated by NFKC normalisation (RFC 4013 maps to NFKC). */
export function prepPassword(password: string): string {
  return password.normalize('NFKC');
}

export async function deriveScramCredentials(password: string, algorithm: ScramAlgorithm, iterations = DEFAULT_SCRAM_ITERATIONS, salt = randomBytes(16)): Promise<ScramCredentials> {
  const length = algorithm === 'sha1' ? 20 : 32;
  const salted = await pbkdf2Async(prepPassword(password), salt, iterations, length, algorithm);
  const clientKey = createHmac(algorithm, salted).update('Client Key').digest();
  const serverKey = createHmac(algorithm, salted).update('Server Key').digest();
  return {
    salt: salt.toString('base64'),
    iterations,
    storedKey: createHash(algorithm).update(clientKey).digest('base64'),
    serverKey: serverKey.toString('base64'),
  };
}

/** Checks a clear-text password (SASL PLAIN) against stored SCRAM secrets. */
export async function passwordMatches(password: string, credentials: ScramCredentials, algorithm: ScramAlgorithm): Promise<boolean> {
  const derived = await deriveScramCredentials(password, algorithm, credentials.iterations, Buffer.from(credentials.salt, 'base64'));
  const a = Buffer.from(derived.storedKey, 'base64');
  const b = Buffer.from(credentials.storedKey, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}
