// SaslNegotiator over fake accounts: mechanism lists, PLAIN, SCRAM through
// the XML elements, errors, and what the throttle sees.
// RFC 6120 §6 — https://www.rfc-editor.org/rfc/rfc6120#section-6

import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SaslNegotiator } from './sasl-negotiator.js';
import type { SaslAccounts, SaslConnection, SaslResult } from './sasl-negotiator.js';
import { AuthThrottle } from './auth-throttle.js';
import type { ScramHash } from './scram.js';
import { deriveScramCredentials } from '../../domain/scram-keys.js';
import { el } from '../stanza.js';
import type { Element } from '../stanza.js';
import { NS_SASL } from '../namespaces.js';
import type { ScramCredentials } from '../../store/types.js';
import { NO_BINDINGS } from '../stream/transport.js';
import type { ChannelBindings } from '../stream/transport.js';

const DOMAIN = 'example.org';
const SECRET = Buffer.from('node secret for fake salts');

interface Account {
  password: string;
  sha1: ScramCredentials;
  sha256: ScramCredentials;
}

const accounts = new Map<string, Account>();
const verifyCalls: string[] = [];

const fakeAccounts: SaslAccounts = {
  async scramCredentials(localpart, domain, hash) {
    if (domain !== DOMAIN) return undefined;
    const account = accounts.get(localpart);
    return account ? (hash === 'sha-1' ? account.sha1 : account.sha256) : undefined;
  },
  async verifyPassword(localpart, domain, password) {
    verifyCalls.push(`${localpart}@${domain}`);
    const account = domain === DOMAIN ? accounts.get(localpart) : undefined;
    return account && account.password === password ? { localpart } : undefined;
  },
};

beforeAll(async () => {
  for (const [name, password] of [['alice', 'alice-secret'], ['bob', 'bob-secret']] as const) {
    accounts.set(name, { password, sha1: await deriveScramCredentials(password, 'sha1', 4096), sha256: await deriveScramCredentials(password, 'sha256', 4096) });
  }
});

function negotiator(connection: Partial<SaslConnection> = {}, throttle = new AuthThrottle({ freeAttempts: 1, baseDelayMs: 100, maxDelayMs: 10_000 })): SaslNegotiator {
  return new SaslNegotiator(fakeAccounts, throttle, SECRET, { domain: DOMAIN, ip: '192.0.2.10', secure: true, bindings: NO_BINDINGS, ...connection });
}

const exporterBinding = (data: Buffer): ChannelBindings => new Map([['tls-exporter', data]]);

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const auth = (mechanism: string, text: string): Element => el('auth', { xmlns: NS_SASL, mechanism }, text);
const response = (text: string): Element => el('response', { xmlns: NS_SASL }, text);
const plain = (authzid: string, authcid: string, password: string): string => b64(`${authzid}\u0000${authcid}\u0000${password}`);

function condition(result: SaslResult): string | undefined {
  if (result.kind !== 'failure') return undefined;
  expect(result.reply.name).toBe('failure');
  expect(result.reply.attrs.xmlns).toBe(NS_SASL);
  return result.reply.getChildElements()[0]?.name;
}

function challengeText(result: SaslResult): string {
  if (result.kind !== 'continue') throw new Error(`expected a challenge, got ${result.reply.toString()}`);
  expect(result.reply.name).toBe('challenge');
  expect(result.reply.attrs.xmlns).toBe(NS_SASL);
  return Buffer.from(result.reply.getText(), 'base64').toString('utf8');
}

/** Minimal RFC 5802 client for the XML-level runs. */
function scramFinal(hash: ScramHash, gs2Header: string, bare: string, serverFirst: string, password: string, binding = Buffer.alloc(0)): { final: string; verifier: string } {
  const algorithm = hash === 'sha-1' ? 'sha1' : 'sha256';
  const fields = new Map(serverFirst.split(',').map((p) => [p.slice(0, 1), p.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(fields.get('s') ?? '', 'base64'), Number(fields.get('i')), hash === 'sha-1' ? 20 : 32, algorithm);
  const clientKey = createHmac(algorithm, salted).update('Client Key').digest();
  const withoutProof = `c=${Buffer.concat([Buffer.from(gs2Header), binding]).toString('base64')},r=${fields.get('r') ?? ''}`;
  const authMessage = `${bare},${serverFirst},${withoutProof}`;
  const signature = createHmac(algorithm, createHash(algorithm).update(clientKey).digest()).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] ?? 0))).toString('base64');
  const verifier = createHmac(algorithm, createHmac(algorithm, salted).update('Server Key').digest()).update(authMessage).digest('base64');
  return { final: `${withoutProof},p=${proof}`, verifier };
}

describe('SaslNegotiator mechanisms', () => {
  it('offers SCRAM only before TLS, PLAIN inside TLS, and the -PLUS variants with channel binding', () => {
    expect(negotiator({ secure: false }).mechanisms()).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-1']);
    expect(negotiator({ secure: true }).mechanisms()).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']);
    expect(negotiator({ secure: true, bindings: exporterBinding(Buffer.from('bind')) }).mechanisms()).toEqual(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']);
  });

  it('refuses a mechanism it did not offer with invalid-mechanism', async () => {
    for (const mechanism of ['DIGEST-MD5', 'EXTERNAL', '', 'scram-sha-256', 'SCRAM-SHA-256-PLUS']) {
      expect(condition(await negotiator().handle(auth(mechanism, plain('', 'alice', 'alice-secret')))), mechanism).toBe('invalid-mechanism');
    }
  });

  it('answers PLAIN without TLS with encryption-required, without checking the password', async () => {
    verifyCalls.length = 0;
    expect(condition(await negotiator({ secure: false }).handle(auth('PLAIN', plain('', 'alice', 'alice-secret'))))).toBe('encryption-required');
    expect(verifyCalls).toEqual([]);
  });
});

describe('SaslNegotiator PLAIN', () => {
  it('authenticates with the right password, by localpart or bare JID, in any case', async () => {
    for (const authcid of ['alice', 'alice@example.org', 'Alice', 'ALICE@Example.ORG']) {
      const result = await negotiator().handle(auth('PLAIN', plain('', authcid, 'alice-secret')));
      expect(result.kind, authcid).toBe('success');
      if (result.kind !== 'success') continue;
      expect(result.localpart).toBe('alice');
      expect(result.reply.toString()).toBe(`<success xmlns="${NS_SASL}"/>`);
    }
  });

  it('binds the session to the account that verified the password', async () => {
    // Fullwidth letters normalise (NFKC) to "alice": the session must be alice's, not "ａｌｉｃｅ".
    const result = await negotiator().handle(auth('PLAIN', plain('', 'ａｌｉｃｅ', 'alice-secret')));
    expect(result.kind === 'success' && result.localpart).toBe('alice');
  });

  it('answers a wrong password or an unknown user with not-authorized', async () => {
    expect(condition(await negotiator().handle(auth('PLAIN', plain('', 'alice', 'wrong'))))).toBe('not-authorized');
    expect(condition(await negotiator().handle(auth('PLAIN', plain('', 'nobody', 'alice-secret'))))).toBe('not-authorized');
    expect(condition(await negotiator().handle(auth('PLAIN', plain('', 'alice@elsewhere.example', 'alice-secret'))))).toBe('not-authorized');
    expect(condition(await negotiator().handle(auth('PLAIN', plain('', '', 'alice-secret'))))).toBe('not-authorized');
  });

  it('includes a text in failures', async () => {
    const result = await negotiator().handle(auth('PLAIN', plain('', 'alice', 'wrong')));
    expect(result.reply.getChildText('text')).toBe('authentication failed');
  });

  it('accepts an authzid naming the authenticated account and refuses any other', async () => {
    for (const authzid of ['alice@example.org', 'alice']) {
      expect((await negotiator().handle(auth('PLAIN', plain(authzid, 'alice', 'alice-secret')))).kind, authzid).toBe('success');
    }
    verifyCalls.length = 0;
    for (const authzid of ['bob@example.org', 'bob', 'alice@elsewhere.example', 'alice@example.org/res']) {
      expect(condition(await negotiator().handle(auth('PLAIN', plain(authzid, 'alice', 'alice-secret')))), authzid).toBe('invalid-authzid');
    }
    expect(verifyCalls).toEqual([]);
  });

  it('answers a malformed PLAIN message with malformed-request', async () => {
    for (const message of [b64('alice\u0000alice-secret'), b64('\u0000alice\u0000alice-secret\u0000x'), b64('no nulls at all'), '=']) {
      expect(condition(await negotiator().handle(auth('PLAIN', message))), message).toBe('malformed-request');
    }
  });

  it('takes the PLAIN message in a response when the auth element carried none', async () => {
    const sasl = negotiator();
    expect(challengeText(await sasl.handle(auth('PLAIN', '')))).toBe('');
    expect(sasl.inProgress).toBe(true);
    const result = await sasl.handle(response(plain('', 'alice', 'alice-secret')));
    expect(result.kind === 'success' && result.localpart).toBe('alice');
    expect(sasl.inProgress).toBe(false);
  });
});

describe('SaslNegotiator base64 and sequencing', () => {
  it('answers invalid base64 with malformed-request', async () => {
    for (const text of ['!!!!', 'YWxpY2U', 'YW=xpY2U', 'Y W x p', '====']) {
      expect(condition(await negotiator().handle(auth('PLAIN', text))), text).toBe('malformed-request');
    }
    const sasl = negotiator();
    await sasl.handle(auth('SCRAM-SHA-256', b64('n,,n=alice,r=abcdef')));
    expect(condition(await sasl.handle(response('not base64!')))).toBe('malformed-request');
  });

  it('tolerates whitespace around base64 text', async () => {
    const result = await negotiator().handle(auth('PLAIN', `\n  ${plain('', 'alice', 'alice-secret')}\n`));
    expect(result.kind).toBe('success');
  });

  it('answers a response without an exchange in progress with malformed-request', async () => {
    expect(condition(await negotiator().handle(response(b64('c=biws,r=x,p=AAAA'))))).toBe('malformed-request');
    expect(condition(await negotiator().handle(el('success', { xmlns: NS_SASL })))).toBe('malformed-request');
  });

  it('answers abort with aborted and forgets the exchange', async () => {
    const sasl = negotiator();
    await sasl.handle(auth('SCRAM-SHA-1', b64('n,,n=alice,r=abcdef')));
    expect(sasl.inProgress).toBe(true);
    const result = await sasl.handle(el('abort', { xmlns: NS_SASL }));
    expect(condition(result)).toBe('aborted');
    expect(result.kind === 'failure' && result.delayMs).toBe(0);
    expect(sasl.inProgress).toBe(false);
    expect(condition(await sasl.handle(response(b64('c=biws,r=x,p=AAAA'))))).toBe('malformed-request');
  });
});

describe('SaslNegotiator SCRAM', () => {
  for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const) {
    it(`runs ${mechanism} with an initial response`, async () => {
      const hash = mechanism === 'SCRAM-SHA-1' ? 'sha-1' : 'sha-256';
      const sasl = negotiator({ secure: false });
      const bare = 'n=alice,r=fixedclientnonce';
      const serverFirst = challengeText(await sasl.handle(auth(mechanism, b64(`n,,${bare}`))));
      expect(serverFirst).toMatch(/^r=fixedclientnonce[^,]+,s=[^,]+,i=4096$/);
      const { final, verifier } = scramFinal(hash, 'n,,', bare, serverFirst, 'alice-secret');
      const result = await sasl.handle(response(b64(final)));
      expect(result.kind).toBe('success');
      if (result.kind !== 'success') return;
      expect(result.localpart).toBe('alice');
      expect(Buffer.from(result.reply.getText(), 'base64').toString()).toBe(`v=${verifier}`);
    });
  }

  it('runs SCRAM when the client sends its first message in a response (no initial response)', async () => {
    const sasl = negotiator({ secure: false });
    expect(challengeText(await sasl.handle(auth('SCRAM-SHA-256', '')))).toBe('');
    const bare = 'n=alice,r=lateclientnonce';
    const serverFirst = challengeText(await sasl.handle(response(b64(`n,,${bare}`))));
    expect(serverFirst).toMatch(/^r=lateclientnonce/);
    const { final } = scramFinal('sha-256', 'n,,', bare, serverFirst, 'alice-secret');
    const result = await sasl.handle(response(b64(final)));
    expect(result.kind === 'success' && result.localpart).toBe('alice');
  });

  it('runs SCRAM-SHA-256-PLUS with tls-exporter binding data', async () => {
    const binding = Buffer.from('exported keying material 32 byte');
    const sasl = negotiator({ bindings: exporterBinding(binding) });
    const bare = 'n=bob,r=plusnonce';
    const serverFirst = challengeText(await sasl.handle(auth('SCRAM-SHA-256-PLUS', b64(`p=tls-exporter,,${bare}`))));
    const good = scramFinal('sha-256', 'p=tls-exporter,,', bare, serverFirst, 'bob-secret', binding);
    expect((await sasl.handle(response(b64(good.final)))).kind).toBe('success');

    const other = negotiator({ bindings: exporterBinding(binding) });
    const serverFirst2 = challengeText(await other.handle(auth('SCRAM-SHA-256-PLUS', b64(`p=tls-exporter,,${bare}`))));
    const bad = scramFinal('sha-256', 'p=tls-exporter,,', bare, serverFirst2, 'bob-secret', Buffer.from('another connection keying mat.'));
    expect(condition(await other.handle(response(b64(bad.final))))).toBe('not-authorized');
  });

  it('refuses a binding type the connection lacks, with no throttle delay', async () => {
    const throttle = new AuthThrottle({ freeAttempts: 0, baseDelayMs: 100, maxDelayMs: 10_000 });
    const sasl = negotiator({ bindings: exporterBinding(Buffer.from('binding')) }, throttle);
    const result = await sasl.handle(auth('SCRAM-SHA-256-PLUS', b64('p=tls-unique,,n=alice,r=abc')));
    expect(condition(result)).toBe('not-authorized');
    expect(result.kind === 'failure' && result.delayMs).toBe(0);
    expect(sasl.inProgress).toBe(false);
    expect(throttle.delayFor('alice@example.org', '192.0.2.10')).toBe(0);
  });

  it('refuses a wrong password with not-authorized', async () => {
    const sasl = negotiator();
    const bare = 'n=alice,r=abc';
    const serverFirst = challengeText(await sasl.handle(auth('SCRAM-SHA-256', b64(`n,,${bare}`))));
    const { final } = scramFinal('sha-256', 'n,,', bare, serverFirst, 'not-alice-secret');
    expect(condition(await sasl.handle(response(b64(final))))).toBe('not-authorized');
  });

  it('gives unknown users a fake salt that is stable, per username, and independent of spelling', async () => {
    const saltOf = async (username: string, secret = SECRET): Promise<string> => {
      const sasl = new SaslNegotiator(fakeAccounts, new AuthThrottle(), secret, { domain: DOMAIN, ip: '192.0.2.1', secure: true, bindings: NO_BINDINGS });
      const first = challengeText(await sasl.handle(auth('SCRAM-SHA-256', b64(`n,,n=${username},r=abc`))));
      return /,s=([^,]+),/.exec(first)?.[1] ?? '';
    };
    const ghost = await saltOf('ghost');
    expect(Buffer.from(ghost, 'base64')).toHaveLength(16); // same shape as a real salt
    expect(await saltOf('ghost')).toBe(ghost);
    expect(await saltOf('ghost2')).not.toBe(ghost);
    expect(await saltOf('ghost', Buffer.from('another node secret'))).not.toBe(ghost);
    // Spellings that name one account must give one salt, as they would for an existing account.
    expect(await saltOf('GHOST')).toBe(ghost);
    expect(await saltOf('ghost@example.org')).toBe(ghost);
    // A real account keeps its own salt whatever the spelling.
    const alice = accounts.get('alice')?.sha256.salt;
    expect(await saltOf('alice')).toBe(alice);
    expect(await saltOf('Alice@example.org')).toBe(alice);
  });

  it('refuses an authzid in SCRAM', async () => {
    expect(condition(await negotiator().handle(auth('SCRAM-SHA-256', b64('n,a=alice@example.org,n=alice,r=abc'))))).toBe('invalid-authzid');
  });
});

describe('SaslNegotiator throttling', () => {
  it('reports a growing delay on repeated failures and none on success', async () => {
    const throttle = new AuthThrottle({ freeAttempts: 1, baseDelayMs: 100, maxDelayMs: 10_000 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await negotiator({}, throttle).handle(auth('PLAIN', plain('', 'alice', 'wrong')));
      if (result.kind === 'failure') delays.push(result.delayMs);
    }
    expect(delays).toEqual([0, 100, 200, 400]);
    // The failures were recorded against alice@example.org and the IP.
    expect(throttle.delayFor('alice@example.org', '203.0.113.1')).toBe(400);
    expect(throttle.delayFor('bob@example.org', '192.0.2.10')).toBe(400);

    expect((await negotiator({}, throttle).handle(auth('PLAIN', plain('', 'Alice', 'alice-secret')))).kind).toBe('success');
    // Success clears the account's record, not the address's.
    expect(throttle.delayFor('alice@example.org', '198.51.100.7')).toBe(0);
    expect(throttle.delayFor('carol@example.org', '192.0.2.10')).toBe(400);
  });

  it('counts failures under every spelling of an account against that account', async () => {
    const throttle = new AuthThrottle({ freeAttempts: 0, baseDelayMs: 100, maxDelayMs: 10_000 });
    for (const [i, spelling] of ['ａｌｉｃｅ', 'ALICE', 'alice@EXAMPLE.org', 'ａlice'].entries()) {
      await negotiator({ ip: `203.0.113.${i}` }, throttle).handle(auth('PLAIN', plain('', spelling, 'wrong')));
    }
    expect(throttle.delayFor('alice@example.org', '198.51.100.99')).toBe(800);
  });

  it('counts SCRAM failures against the account named in the exchange', async () => {
    const throttle = new AuthThrottle({ freeAttempts: 0, baseDelayMs: 100, maxDelayMs: 10_000 });
    const sasl = negotiator({ ip: '198.51.100.1' }, throttle);
    const bare = 'n=Bob,r=abc';
    const serverFirst = challengeText(await sasl.handle(auth('SCRAM-SHA-1', b64(`n,,${bare}`))));
    const result = await sasl.handle(response(b64(scramFinal('sha-1', 'n,,', bare, serverFirst, 'wrong').final)));
    expect(result.kind === 'failure' && result.delayMs).toBe(100);
    expect(throttle.delayFor('bob@example.org', '203.0.113.9')).toBe(100);
  });

  it('does not count malformed requests, aborts or unknown mechanisms', async () => {
    const throttle = new AuthThrottle({ freeAttempts: 0, baseDelayMs: 100, maxDelayMs: 10_000 });
    const sasl = negotiator({}, throttle);
    for (const element of [auth('PLAIN', '!!!'), auth('X-UNKNOWN', ''), el('abort', { xmlns: NS_SASL }), response('AAAA')]) {
      const result = await sasl.handle(element);
      expect(result.kind === 'failure' && result.delayMs).toBe(0);
    }
    expect(throttle.delayFor('anyone@example.org', '192.0.2.10')).toBe(0);
  });
});
