// SCRAM server side: RFC 5802 (SCRAM-SHA-1), RFC 7677 (SCRAM-SHA-256),
// channel binding with tls-exporter (RFC 9266).
// https://www.rfc-editor.org/rfc/rfc5802  https://www.rfc-editor.org/rfc/rfc9266

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScramCredentials } from '../../store/types.js';
import type { ChannelBindings, ChannelBindingType } from '../stream/transport.js';

export type ScramHash = 'sha-1' | 'sha-256';

const NODE_HASH: Record<ScramHash, string> = { 'sha-1': 'sha1', 'sha-256': 'sha256' };

export interface ScramLookup {
  /** Credentials for `username`, or undefined for an unknown or disabled account. */
  (username: string, hash: ScramHash): Promise<ScramCredentials | undefined>;
}

export type ScramStep =
  | { kind: 'challenge'; data: string }
  | { kind: 'success'; data: string; username: string }
  | { kind: 'failure'; condition: 'not-authorized' | 'malformed-request' | 'invalid-authzid' | 'encryption-required'; text: string; countsAsGuess?: boolean };

interface ParsedFirst {
  gs2Header: string;
  cbindFlag: 'n' | 'y' | 'p';
  cbName: string | undefined;
  username: string;
  clientNonce: string;
  bare: string;
}

/**
 * One SCRAM exchange. `bindings` holds the channel-binding data this
 * connection supports, by type; `plus` says whether the client chose a -PLUS
 * mechanism.
 *
 * Deviation from RFC 5802 §6, decided for interoperability: the "y" flag
 * (client supports channel binding but thinks the server does not) is
 * accepted like "n" even when -PLUS was offered. Clients that only know
 * tls-unique (slixmpp, older Gajim) send it on TLS 1.3, where tls-unique does
 * not exist; refusing them would lock them out. Clients that support
 * tls-exporter use -PLUS and get the binding. See docs/XMPP.md.
 */
export class ScramServer {
  private readonly hash: ScramHash;
  private readonly bindings: ChannelBindings;
  private binding: Buffer | undefined;
  private readonly plus: boolean;
  private readonly lookup: ScramLookup;
  private readonly fakeSalt: (username: string) => string;
  /** The iteration count real accounts get, so that unknown users look the same. */
  private readonly fakeIterations: number;
  private first: ParsedFirst | undefined;
  private serverFirst = '';
  private nonce = '';
  private credentials: ScramCredentials | undefined;

  constructor(options: { hash: ScramHash; plus: boolean; bindings: ChannelBindings; lookup: ScramLookup; fakeSalt: (username: string) => string; fakeIterations?: number }) {
    this.hash = options.hash;
    this.plus = options.plus;
    this.bindings = options.bindings;
    this.lookup = options.lookup;
    this.fakeSalt = options.fakeSalt;
    this.fakeIterations = options.fakeIterations ?? 10_000;
  }

  async start(clientFirst: string): Promise<ScramStep> {
    const parsed = parseClientFirst(clientFirst);
    if ('condition' in parsed) return { kind: 'failure', ...parsed };
    if (this.plus && parsed.cbindFlag !== 'p') return { kind: 'failure', condition: 'not-authorized', text: 'channel binding required by this mechanism' };
    if (!this.plus && parsed.cbindFlag === 'p') return { kind: 'failure', condition: 'not-authorized', text: 'channel binding not expected' };
    if (parsed.cbindFlag === 'p') {
      this.binding = this.bindings.get(parsed.cbName as ChannelBindingType);
      if (!this.binding) {
        const supported = [...this.bindings.keys()].join(', ') || 'none';
        return { kind: 'failure', condition: 'not-authorized', text: `channel binding ${parsed.cbName ?? ''} is not available on this connection (supported: ${supported})`, countsAsGuess: false };
      }
    }
    this.first = parsed;
    this.credentials = await this.lookup(parsed.username, this.hash);
    // Unknown users get a stable fake salt so that the exchange does not reveal which accounts exist.
    const salt = this.credentials?.salt ?? this.fakeSalt(parsed.username);
    const iterations = this.credentials?.iterations ?? this.fakeIterations;
    this.nonce = parsed.clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${salt},i=${iterations}`;
    return { kind: 'challenge', data: this.serverFirst };
  }

  async finish(clientFinal: string): Promise<ScramStep> {
    const first = this.first;
    if (!first) return { kind: 'failure', condition: 'malformed-request', text: 'unexpected response' };
    const match = /^c=([^,]*),r=([^,]*)(?:,.*)?,p=([A-Za-z0-9+/=]+)$/.exec(clientFinal);
    if (!match) return { kind: 'failure', condition: 'malformed-request', text: 'malformed client-final-message' };
    const [, channel = '', nonce = '', proofB64 = ''] = match;
    if (nonce !== this.nonce) return { kind: 'failure', condition: 'not-authorized', text: 'nonce mismatch' };
    const expectedChannel = Buffer.concat([Buffer.from(first.gs2Header), first.cbindFlag === 'p' && this.binding ? this.binding : Buffer.alloc(0)]);
    if (!safeEqual(Buffer.from(channel, 'base64'), expectedChannel)) return { kind: 'failure', condition: 'not-authorized', text: 'channel binding mismatch' };
    const credentials = this.credentials;
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${first.bare},${this.serverFirst},${withoutProof}`;
    if (!credentials) return { kind: 'failure', condition: 'not-authorized', text: 'authentication failed' };
    const algorithm = NODE_HASH[this.hash];
    const storedKey = Buffer.from(credentials.storedKey, 'base64');
    const clientSignature = createHmac(algorithm, storedKey).update(authMessage).digest();
    const proof = Buffer.from(proofB64, 'base64');
    if (proof.length !== clientSignature.length) return { kind: 'failure', condition: 'not-authorized', text: 'authentication failed' };
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = (proof[i] ?? 0) ^ (clientSignature[i] ?? 0);
    const computedStoredKey = createHash(algorithm).update(clientKey).digest();
    if (!safeEqual(computedStoredKey, storedKey)) return { kind: 'failure', condition: 'not-authorized', text: 'authentication failed' };
    const serverSignature = createHmac(algorithm, Buffer.from(credentials.serverKey, 'base64')).update(authMessage).digest('base64');
    return { kind: 'success', data: `v=${serverSignature}`, username: first.username };
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 5802 §5.1 saslname: "=2C" is ",", "=3D" is "="; any other "=" is invalid. */
function decodeSaslName(name: string): string | undefined {
  if (/=(?!2C|3D)/.test(name)) return undefined;
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

function malformed(text: string): { condition: 'malformed-request'; text: string } {
  return { condition: 'malformed-request', text };
}

function parseClientFirst(message: string): ParsedFirst | { condition: 'malformed-request' | 'invalid-authzid'; text: string } {
  const match = /^(n|y|p=([A-Za-z0-9.-]+)),(a=[^,]*)?,(.*)$/.exec(message);
  if (!match) return malformed('malformed gs2 header');
  const [, flag = '', cbName, authzid, bare = ''] = match;
  // RFC 6120 §6.4.5: a refused authorization identity is invalid-authzid, as for PLAIN.
  if (authzid !== undefined) return { condition: 'invalid-authzid', text: 'authorization identity not supported' };
  const fields = /^(?:m=[^,]*,)?n=([^,]*),r=([^,]+)(?:,.*)?$/.exec(bare);
  if (!fields) return malformed('malformed client-first-message');
  if (bare.startsWith('m=')) return malformed('mandatory extensions are not supported');
  const username = decodeSaslName(fields[1] ?? '');
  if (!username) return malformed('malformed username');
  const gs2Header = message.slice(0, message.length - bare.length);
  return {
    gs2Header,
    cbindFlag: flag.startsWith('p') ? 'p' : (flag as 'n' | 'y'),
    cbName,
    username: username.normalize('NFKC'),
    clientNonce: fields[2] ?? '',
    bare,
  };
}
