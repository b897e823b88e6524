// SASL SCRAM-SHA-1 / SCRAM-SHA-256 client, without channel binding (gs2 "n,,").
// RFC 5802 (SCRAM) — https://www.rfc-editor.org/rfc/rfc5802#section-3
// RFC 7677 (SCRAM-SHA-256) — https://www.rfc-editor.org/rfc/rfc7677
// PBKDF2 is the costly step of a login for the client, never for a server that
// stores SCRAM keys; caching the salted keys per (password, salt, iterations)
// keeps the load generator's CPU out of the way on repeated logins.
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

export type ScramHash = 'sha1' | 'sha256';

export interface ScramKeys {
  clientKey: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

const keyCache = new Map<string, Promise<ScramKeys>>();

export function mechanismName(hash: ScramHash): string {
  return hash === 'sha1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
}

/** Derives ClientKey, StoredKey and ServerKey; what a server stores is storedKey + serverKey. */
export async function deriveScramKeys(
  hash: ScramHash,
  password: string,
  salt: Buffer,
  iterations: number,
): Promise<ScramKeys> {
  const len = hash === 'sha1' ? 20 : 32;
  const salted = await pbkdf2Async(password.normalize('NFKC'), salt, iterations, len, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  return {
    clientKey,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: createHmac(hash, salted).update('Server Key').digest(),
  };
}

function cachedKeys(hash: ScramHash, password: string, salt: Buffer, iterations: number): Promise<ScramKeys> {
  const key = `${hash}\u0000${password}\u0000${salt.toString('base64')}\u0000${iterations}`;
  let keys = keyCache.get(key);
  if (!keys) {
    keys = deriveScramKeys(hash, password, salt, iterations);
    keyCache.set(key, keys);
    keys.catch(() => keyCache.delete(key));
  }
  return keys;
}

function saslName(s: string): string {
  return s.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of msg.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

/** One SCRAM exchange: initial response, answer to the challenge, check of the server signature. */
export class ScramClient {
  private readonly hash: ScramHash;
  private readonly password: string;
  private readonly clientFirstBare: string;
  private readonly clientNonce: string;
  private expectedServerSignature: Buffer | undefined;

  /** `clientNonce` is fixed only by tests (RFC 5802 §5 vector). */
  constructor(hash: ScramHash, username: string, password: string, clientNonce = randomBytes(18).toString('base64')) {
    this.hash = hash;
    this.password = password;
    this.clientNonce = clientNonce;
    this.clientFirstBare = `n=${saslName(username)},r=${this.clientNonce}`;
  }

  /** Base64 payload of `<auth>`. */
  initialResponse(): string {
    return Buffer.from(`n,,${this.clientFirstBare}`).toString('base64');
  }

  /** Base64 payload of `<response>` for the base64 `<challenge>` payload. */
  async respond(challengeB64: string): Promise<string> {
    const serverFirst = Buffer.from(challengeB64, 'base64').toString('utf8');
    const attrs = parseAttributes(serverFirst);
    const nonce = attrs.get('r');
    const saltB64 = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (!nonce || !nonce.startsWith(this.clientNonce) || !saltB64 || !Number.isInteger(iterations)) {
      throw new Error(`bad SCRAM server-first-message: ${serverFirst}`);
    }
    const keys = await cachedKeys(this.hash, this.password, Buffer.from(saltB64, 'base64'), iterations);
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const signature = createHmac(this.hash, keys.storedKey).update(authMessage).digest();
    const proof = Buffer.alloc(signature.length);
    for (let i = 0; i < proof.length; i += 1) proof[i] = (keys.clientKey[i] ?? 0) ^ (signature[i] ?? 0);
    this.expectedServerSignature = createHmac(this.hash, keys.serverKey).update(authMessage).digest();
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`).toString('base64');
  }

  /** True when the `<success>` payload carries the expected server signature. */
  verifySuccess(successB64: string): boolean {
    const attrs = parseAttributes(Buffer.from(successB64, 'base64').toString('utf8'));
    const v = attrs.get('v');
    if (!v || !this.expectedServerSignature) return false;
    const got = Buffer.from(v, 'base64');
    return got.length === this.expectedServerSignature.length && timingSafeEqual(got, this.expectedServerSignature);
  }
}
