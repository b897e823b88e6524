// ScramServer against a client written here from RFC 5802 §3 and RFC 7677,
// checked first on the RFCs' own test vectors (RFC 5802 §5, RFC 7677 §3).

import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ScramServer } from './scram.js';
import type { ScramHash, ScramStep } from './scram.js';
import { deriveScramCredentials } from '../../domain/scram-keys.js';
import type { ScramCredentials } from '../../store/types.js';
import type { ChannelBindingType } from '../stream/transport.js';

const NODE: Record<ScramHash, 'sha1' | 'sha256'> = { 'sha-1': 'sha1', 'sha-256': 'sha256' };

function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** The client side of RFC 5802, written from the RFC independently of the server. */
class ScramClient {
  readonly hash: ScramHash;
  private readonly password: string;
  private readonly gs2Header: string;
  private readonly binding: Buffer;
  private readonly bare: string;
  private readonly nonce: string;
  expectedServerSignature = '';

  constructor(options: { hash: ScramHash; username: string; password: string; nonce: string; gs2Header?: string; binding?: Buffer; rawUsername?: boolean }) {
    this.hash = options.hash;
    this.password = options.password;
    this.nonce = options.nonce;
    this.gs2Header = options.gs2Header ?? 'n,,';
    this.binding = options.binding ?? Buffer.alloc(0);
    this.bare = `n=${options.rawUsername ? options.username : saslName(options.username)},r=${options.nonce}`;
  }

  first(): string {
    return this.gs2Header + this.bare;
  }

  final(serverFirst: string, tamper: { nonce?: string; channel?: string; proof?: (proof: Buffer) => Buffer } = {}): string {
    const fields = new Map(serverFirst.split(',').map((part) => [part.slice(0, 1), part.slice(2)]));
    const nonce = fields.get('r') ?? '';
    if (!nonce.startsWith(this.nonce) || nonce.length <= this.nonce.length) throw new Error('server nonce does not extend ours');
    const algorithm = NODE[this.hash];
    const salted = pbkdf2Sync(this.password.normalize('NFKC'), Buffer.from(fields.get('s') ?? '', 'base64'), Number(fields.get('i')), this.hash === 'sha-1' ? 20 : 32, algorithm);
    const clientKey = createHmac(algorithm, salted).update('Client Key').digest();
    const storedKey = createHash(algorithm).update(clientKey).digest();
    const channel = tamper.channel ?? Buffer.concat([Buffer.from(this.gs2Header), this.binding]).toString('base64');
    const withoutProof = `c=${channel},r=${tamper.nonce ?? nonce}`;
    const authMessage = `${this.bare},${serverFirst},${withoutProof}`;
    const signature = createHmac(algorithm, storedKey).update(authMessage).digest();
    let proof: Buffer = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
    if (tamper.proof) proof = tamper.proof(proof);
    const serverKey = createHmac(algorithm, salted).update('Server Key').digest();
    this.expectedServerSignature = createHmac(algorithm, serverKey).update(authMessage).digest('base64');
    return `${withoutProof},p=${proof.toString('base64')}`;
  }
}

// RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), user "user", password "pencil".
const RFC5802 = {
  hash: 'sha-1' as const,
  clientNonce: 'fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  salt: 'QSXCR+Q6sek8bf92',
};
const RFC7677 = {
  hash: 'sha-256' as const,
  clientNonce: 'rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
};

async function rfcCredentials(vector: typeof RFC5802 | typeof RFC7677): Promise<ScramCredentials> {
  return deriveScramCredentials('pencil', NODE[vector.hash], 4096, Buffer.from(vector.salt, 'base64'));
}

function server(options: {
  hash: ScramHash;
  accounts?: Record<string, ScramCredentials>;
  plus?: boolean;
  bindings?: Partial<Record<ChannelBindingType, Buffer>>;
  lookups?: string[];
}): ScramServer {
  return new ScramServer({
    hash: options.hash,
    plus: options.plus ?? false,
    bindings: new Map(Object.entries(options.bindings ?? {}) as Array<[ChannelBindingType, Buffer]>),
    lookup: async (username, hash) => {
      options.lookups?.push(`${username}/${hash}`);
      return options.accounts?.[username];
    },
    fakeSalt: (username) => Buffer.from(`fake:${username}`).toString('base64'),
  });
}

function challengeOf(step: ScramStep): string {
  if (step.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(step)}`);
  return step.data;
}

function failureOf(step: ScramStep): { condition: string; text: string } {
  if (step.kind !== 'failure') throw new Error(`expected a failure, got ${JSON.stringify(step)}`);
  return { condition: step.condition, text: step.text };
}

describe('the test client', () => {
  for (const vector of [RFC5802, RFC7677]) {
    it(`reproduces the ${vector.hash} test vector`, () => {
      const client = new ScramClient({ hash: vector.hash, username: 'user', password: 'pencil', nonce: vector.clientNonce });
      expect(client.first()).toBe(`n,,n=user,r=${vector.clientNonce}`);
      expect(client.final(vector.serverFirst)).toBe(vector.clientFinal);
      expect(`v=${client.expectedServerSignature}`).toBe(vector.serverFinal);
    });
  }
});

describe('ScramServer', () => {
  for (const vector of [RFC5802, RFC7677]) {
    it(`authenticates the RFC ${vector.hash === 'sha-1' ? '5802' : '7677'} user with credentials derived from its password, salt and iterations`, async () => {
      const credentials = await rfcCredentials(vector);
      const lookups: string[] = [];
      const scram = server({ hash: vector.hash, accounts: { user: credentials }, lookups });
      const client = new ScramClient({ hash: vector.hash, username: 'user', password: 'pencil', nonce: vector.clientNonce });

      const serverFirst = challengeOf(await scram.start(client.first()));
      expect(lookups).toEqual([`user/${vector.hash}`]);
      const match = /^r=([^,]+),s=([^,]+),i=(\d+)$/.exec(serverFirst);
      expect(match).not.toBeNull();
      const [, nonce = '', salt, iterations] = match ?? [];
      expect(nonce.startsWith(vector.clientNonce)).toBe(true);
      expect(nonce.length).toBeGreaterThan(vector.clientNonce.length + 16);
      expect(nonce).toMatch(/^[\x21-\x2b\x2d-\x7e]+$/); // printable, no comma (RFC 5802 §7)
      expect(salt).toBe(vector.salt);
      expect(iterations).toBe('4096');

      const step = await scram.finish(client.final(serverFirst));
      expect(step).toEqual({ kind: 'success', data: `v=${client.expectedServerSignature}`, username: 'user' });
    });
  }

  it('draws a fresh server nonce for every exchange', async () => {
    const credentials = await rfcCredentials(RFC7677);
    const first = challengeOf(await server({ hash: 'sha-256', accounts: { user: credentials } }).start('n,,n=user,r=abc'));
    const second = challengeOf(await server({ hash: 'sha-256', accounts: { user: credentials } }).start('n,,n=user,r=abc'));
    expect(first).not.toBe(second);
  });

  it('refuses a wrong password, a tampered proof and a proof of the wrong length', async () => {
    const credentials = await rfcCredentials(RFC7677);
    const cases: Array<[string, (proof: Buffer) => Buffer]> = [
      ['wrong password', (proof) => proof],
      ['flipped bit', (proof) => Buffer.from(proof.map((b, i) => (i === 0 ? b ^ 1 : b)))],
      ['short proof', (proof) => proof.subarray(0, 20)],
    ];
    for (const [label, tamper] of cases) {
      const scram = server({ hash: 'sha-256', accounts: { user: credentials } });
      const client = new ScramClient({ hash: 'sha-256', username: 'user', password: label === 'wrong password' ? 'pencil2' : 'pencil', nonce: 'n0nce' });
      const serverFirst = challengeOf(await scram.start(client.first()));
      expect(failureOf(await scram.finish(client.final(serverFirst, { proof: tamper }))), label).toEqual({ condition: 'not-authorized', text: 'authentication failed' });
    }
  });

  it('refuses a client-final-message whose nonce is not the combined nonce', async () => {
    const credentials = await rfcCredentials(RFC5802);
    for (const nonce of ['n0nce', 'n0nceX', '']) {
      const scram = server({ hash: 'sha-1', accounts: { user: credentials } });
      const client = new ScramClient({ hash: 'sha-1', username: 'user', password: 'pencil', nonce: 'n0nce' });
      const serverFirst = challengeOf(await scram.start(client.first()));
      expect(failureOf(await scram.finish(client.final(serverFirst, { nonce }))).condition).toBe('not-authorized');
    }
  });

  it('refuses an authorization identity', async () => {
    const credentials = await rfcCredentials(RFC7677);
    const scram = server({ hash: 'sha-256', accounts: { user: credentials } });
    const failure = failureOf(await scram.start('n,a=user@example.org,n=user,r=abc'));
    expect(failure.condition).toBe('invalid-authzid');
    expect(failureOf(await scram.finish('c=biws,r=abc,p=AAAA')).condition).toBe('malformed-request');
  });

  it('answers malformed client-first-messages with malformed-request', async () => {
    const messages = [
      '',
      'n,,',
      'x,,n=user,r=abc',
      'n,n=user,r=abc',
      'n,,r=abc,n=user',
      'n,,n=user',
      'n,,n=user,r=',
      'n,,m=ext,n=user,r=abc',
      'n,,n=,r=abc',
      'n,,n=us=er,r=abc',
      'n,,n=us=2c,r=abc',
      'p,,n=user,r=abc',
      'p=,,n=user,r=abc',
    ];
    for (const message of messages) {
      const lookups: string[] = [];
      const step = await server({ hash: 'sha-256', lookups }).start(message);
      expect(failureOf(step).condition, JSON.stringify(message)).toBe('malformed-request');
      expect(lookups).toEqual([]);
    }
  });

  it('answers malformed or early client-final-messages with malformed-request', async () => {
    expect(failureOf(await server({ hash: 'sha-1' }).finish('c=biws,r=abc,p=AAAA')).condition).toBe('malformed-request');
    const credentials = await rfcCredentials(RFC5802);
    for (const final of ['', 'c=biws', 'c=biws,r=x', 'r=x,c=biws,p=AAAA', 'c=biws,r=x,p=', 'c=biws,r=x,p=!!!!', 'garbage']) {
      const scram = server({ hash: 'sha-1', accounts: { user: credentials } });
      challengeOf(await scram.start('n,,n=user,r=abc'));
      expect(failureOf(await scram.finish(final)).condition, JSON.stringify(final)).toBe('malformed-request');
    }
  });

  it('decodes =2C and =3D in the username (RFC 5802 §5.1) and normalises it', async () => {
    const credentials = await rfcCredentials(RFC7677);
    const lookups: string[] = [];
    const scram = server({ hash: 'sha-256', accounts: { 'a,b=c': credentials }, lookups });
    const client = new ScramClient({ hash: 'sha-256', username: 'a,b=c', password: 'pencil', nonce: 'xyz' });
    expect(client.first()).toBe('n,,n=a=2Cb=3Dc,r=xyz');
    const step = await scram.finish(client.final(challengeOf(await scram.start(client.first()))));
    expect(step.kind).toBe('success');
    expect(step.kind === 'success' && step.username).toBe('a,b=c');

    const fullwidth: string[] = [];
    await server({ hash: 'sha-256', lookups: fullwidth }).start('n,,n=\uff55ser,r=abc');
    expect(fullwidth).toEqual(['user/sha-256']);
  });

  it('gives an unknown user the fake salt and fails it exactly like a wrong password', async () => {
    const scram = server({ hash: 'sha-256', accounts: {} });
    const client = new ScramClient({ hash: 'sha-256', username: 'ghost', password: 'pencil', nonce: 'abc' });
    const serverFirst = challengeOf(await scram.start(client.first()));
    expect(serverFirst).toMatch(new RegExp(`,s=${Buffer.from('fake:ghost').toString('base64').replace(/[+/]/g, '\\$&')},i=\\d+$`));
    expect(failureOf(await scram.finish(client.final(serverFirst)))).toEqual({ condition: 'not-authorized', text: 'authentication failed' });
  });

  describe('channel binding (RFC 5802 §6, RFC 9266)', () => {
    const exporter = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const finished = Buffer.from('tls 1.2 finished');

    async function exchange(options: { plus: boolean; bindings?: Partial<Record<ChannelBindingType, Buffer>>; gs2Header: string; clientBinding?: Buffer; channel?: string }): Promise<ScramStep> {
      const credentials = await rfcCredentials(RFC7677);
      const scram = server({ hash: 'sha-256', accounts: { user: credentials }, plus: options.plus, bindings: options.bindings ?? {} });
      const client = new ScramClient({ hash: 'sha-256', username: 'user', password: 'pencil', nonce: 'cb', gs2Header: options.gs2Header, binding: options.clientBinding });
      const start = await scram.start(client.first());
      if (start.kind !== 'challenge') return start;
      return scram.finish(client.final(start.data, options.channel === undefined ? {} : { channel: options.channel }));
    }

    it('accepts p=tls-exporter with the right binding data', async () => {
      const step = await exchange({ plus: true, bindings: { 'tls-exporter': exporter }, gs2Header: 'p=tls-exporter,,', clientBinding: exporter });
      expect(step.kind).toBe('success');
    });

    it('accepts p=tls-unique where the connection offers it (TLS 1.2)', async () => {
      const step = await exchange({ plus: true, bindings: { 'tls-unique': finished }, gs2Header: 'p=tls-unique,,', clientBinding: finished });
      expect(step.kind).toBe('success');
    });

    it('refuses p=tls-exporter with other binding data, or none', async () => {
      const other = Buffer.from(exporter.map((b) => b ^ 0xff));
      expect(failureOf(await exchange({ plus: true, bindings: { 'tls-exporter': exporter }, gs2Header: 'p=tls-exporter,,', clientBinding: other }))).toEqual({ condition: 'not-authorized', text: 'channel binding mismatch' });
      expect(failureOf(await exchange({ plus: true, bindings: { 'tls-exporter': exporter }, gs2Header: 'p=tls-exporter,,' })).condition).toBe('not-authorized');
    });

    it('refuses a binding type the connection does not have, without counting it as a password guess', async () => {
      for (const [bindings, header] of [[{ 'tls-exporter': exporter }, 'p=tls-unique,,'], [{ 'tls-unique': finished }, 'p=tls-exporter,,'], [{}, 'p=tls-exporter,,'], [{ 'tls-exporter': exporter }, 'p=tls-server-end-point,,']] as const) {
        const step = await exchange({ plus: true, bindings, gs2Header: header, clientBinding: exporter });
        expect(step.kind === 'failure' && step.condition, header).toBe('not-authorized');
        expect(step.kind === 'failure' && step.countsAsGuess, header).toBe(false);
      }
    });

    it('refuses a c= attribute that does not repeat the gs2 header', async () => {
      const channel = Buffer.from('n,,').toString('base64');
      expect(failureOf(await exchange({ plus: false, gs2Header: 'y,,', channel })).text).toBe('channel binding mismatch');
    });

    it('refuses binding on a non-PLUS mechanism and no binding on a PLUS one', async () => {
      expect(failureOf(await exchange({ plus: false, bindings: { 'tls-exporter': exporter }, gs2Header: 'p=tls-exporter,,', clientBinding: exporter })).condition).toBe('not-authorized');
      expect(failureOf(await exchange({ plus: true, bindings: { 'tls-exporter': exporter }, gs2Header: 'n,,' })).condition).toBe('not-authorized');
      expect(failureOf(await exchange({ plus: true, bindings: { 'tls-exporter': exporter }, gs2Header: 'y,,' })).condition).toBe('not-authorized');
    });

    it('accepts "y" even where -PLUS is offered (documented deviation from RFC 5802 §6 for tls-unique-only clients)', async () => {
      expect((await exchange({ plus: false, bindings: { 'tls-exporter': exporter }, gs2Header: 'y,,' })).kind).toBe('success');
    });

    it('accepts "y" and "n" when no binding is available', async () => {
      expect((await exchange({ plus: false, gs2Header: 'y,,' })).kind).toBe('success');
      expect((await exchange({ plus: false, gs2Header: 'n,,' })).kind).toBe('success');
      expect((await exchange({ plus: false, bindings: { 'tls-exporter': exporter }, gs2Header: 'n,,' })).kind).toBe('success');
    });
  });
});
