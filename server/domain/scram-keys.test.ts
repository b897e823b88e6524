// SCRAM secrets checked against the RFC test vectors: the stored keys must
// verify the RFC's client proof and produce the RFC's server signature.
// RFC 5802 §5 — https://www.rfc-editor.org/rfc/rfc5802#section-5
// RFC 7677 §3 — https://www.rfc-editor.org/rfc/rfc7677#section-3

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRAM_ITERATIONS, deriveScramCredentials, passwordMatches, prepPassword } from './scram-keys.js';
import type { ScramAlgorithm } from './scram-keys.js';

const VECTORS: Array<{ algorithm: ScramAlgorithm; salt: string; authMessage: string; proof: string; serverSignature: string }> = [
  {
    algorithm: 'sha1',
    salt: 'QSXCR+Q6sek8bf92',
    authMessage:
      'n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j',
    proof: 'v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverSignature: 'rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  {
    algorithm: 'sha256',
    salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
    authMessage:
      'n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    proof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
];

describe('deriveScramCredentials', () => {
  for (const vector of VECTORS) {
    it(`derives keys that verify the RFC ${vector.algorithm} exchange`, async () => {
      const credentials = await deriveScramCredentials('pencil', vector.algorithm, 4096, Buffer.from(vector.salt, 'base64'));
      expect(credentials.salt).toBe(vector.salt);
      expect(credentials.iterations).toBe(4096);
      const storedKey = Buffer.from(credentials.storedKey, 'base64');
      expect(storedKey).toHaveLength(vector.algorithm === 'sha1' ? 20 : 32);
      // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); H(ClientKey) must be StoredKey.
      const signature = createHmac(vector.algorithm, storedKey).update(vector.authMessage).digest();
      const proof = Buffer.from(vector.proof, 'base64');
      const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
      expect(createHash(vector.algorithm).update(clientKey).digest().toString('base64')).toBe(credentials.storedKey);
      const serverSignature = createHmac(vector.algorithm, Buffer.from(credentials.serverKey, 'base64')).update(vector.authMessage).digest('base64');
      expect(serverSignature).toBe(vector.serverSignature);
    });
  }

  it('draws a random 16-byte salt and uses the default iteration count', async () => {
    const a = await deriveScramCredentials('pencil', 'sha256');
    const b = await deriveScramCredentials('pencil', 'sha256');
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect(a.storedKey).not.toBe(b.storedKey);
    expect(a.iterations).toBe(DEFAULT_SCRAM_ITERATIONS);
    expect(DEFAULT_SCRAM_ITERATIONS).toBeGreaterThanOrEqual(4096); // RFC 7677 §4 minimum
  });

  it('never keeps the password itself', async () => {
    const credentials = await deriveScramCredentials('pencil', 'sha1', 4096);
    expect(JSON.stringify(credentials)).not.toContain('pencil');
    expect(JSON.stringify(credentials)).not.toContain(Buffer.from('pencil').toString('base64'));
  });
});

describe('passwordMatches', () => {
  it('checks a clear-text password against the stored secrets of either hash', async () => {
    for (const algorithm of ['sha1', 'sha256'] as const) {
      const credentials = await deriveScramCredentials('correct horse', algorithm, 4096);
      expect(await passwordMatches('correct horse', credentials, algorithm)).toBe(true);
      expect(await passwordMatches('correct horse ', credentials, algorithm)).toBe(false);
      expect(await passwordMatches('Correct horse', credentials, algorithm)).toBe(false);
      expect(await passwordMatches('', credentials, algorithm)).toBe(false);
    }
  });

  it('returns false for secrets of the other hash instead of throwing', async () => {
    const sha1 = await deriveScramCredentials('pencil', 'sha1', 4096);
    expect(await passwordMatches('pencil', sha1, 'sha256')).toBe(false);
  });

  it('applies the same normalisation on both sides (SASLprep approximated by NFKC)', async () => {
    const credentials = await deriveScramCredentials('ｐｅｎｃｉｌ', 'sha256', 4096); // fullwidth letters
    expect(await passwordMatches('pencil', credentials, 'sha256')).toBe(true);
    const composed = await deriveScramCredentials('caf\u00e9', 'sha256', 4096);
    expect(await passwordMatches('cafe\u0301', composed, 'sha256')).toBe(true);
  });
});

describe('prepPassword', () => {
  it('maps compatibility characters and composes', () => {
    expect(prepPassword('ｐａｓｓ')).toBe('pass');
    expect(prepPassword('e\u0301')).toBe('\u00e9');
    expect(prepPassword('\u2168')).toBe('IX');
    expect(prepPassword('plain')).toBe('plain');
  });
});
