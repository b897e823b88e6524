// SASL SCRAM-SHA-256 / SCRAM-SHA-1 (RFC 5802, RFC 7677) with WebCrypto, so
// the password never leaves the browser. No channel binding: the browser
// cannot read TLS exporter values.

export type ScramHash = 'SHA-256' | 'SHA-1';

const enc = new TextEncoder();

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** RFC 5802 §5.1 saslname: ',' and '=' escaped. */
export function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

export function parseAttributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

async function hmac(hash: ScramHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as BufferSource));
}

async function digest(hash: ScramHash, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, data as BufferSource));
}

async function pbkdf2(hash: ScramHash, password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password.normalize('NFKC')) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: salt as BufferSource, iterations }, key, hash === 'SHA-256' ? 256 : 160);
  return new Uint8Array(bits);
}

export class ScramClient {
  private clientFirstBare: string;
  private serverSignature?: Uint8Array;

  constructor(
    private hash: ScramHash,
    username: string,
    private password: string,
    private nonce: string = b64(crypto.getRandomValues(new Uint8Array(18))),
  ) {
    this.clientFirstBare = `n=${saslName(username)},r=${this.nonce}`;
  }

  get mechanism(): string {
    return this.hash === 'SHA-256' ? 'SCRAM-SHA-256' : 'SCRAM-SHA-1';
  }

  /** The initial response (base64). */
  first(): string {
    return btoa(`n,,${this.clientFirstBare}`);
  }

  /** Answers the server's challenge (base64 in, base64 out). */
  async final(challengeB64: string): Promise<string> {
    const serverFirst = atob(challengeB64);
    const attrs = parseAttributes(serverFirst);
    const nonce = attrs.get('r');
    const salt = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (!nonce || !salt || !nonce.startsWith(this.nonce) || !Number.isInteger(iterations) || iterations < 1) throw new Error('Invalid SCRAM challenge');
    const salted = await pbkdf2(this.hash, this.password, unb64(salt), iterations);
    const clientKey = await hmac(this.hash, salted, enc.encode('Client Key'));
    const storedKey = await digest(this.hash, clientKey);
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = enc.encode(`${this.clientFirstBare},${serverFirst},${withoutProof}`);
    const signature = await hmac(this.hash, storedKey, authMessage);
    const proof = clientKey.map((b, i) => b ^ (signature[i] as number));
    const serverKey = await hmac(this.hash, salted, enc.encode('Server Key'));
    this.serverSignature = await hmac(this.hash, serverKey, authMessage);
    return btoa(`${withoutProof},p=${b64(proof)}`);
  }

  /** Checks the server's signature in <success/> (mutual authentication). */
  verify(successB64: string): boolean {
    if (!this.serverSignature) return false;
    const v = parseAttributes(atob(successB64)).get('v');
    return v === b64(this.serverSignature);
  }
}
