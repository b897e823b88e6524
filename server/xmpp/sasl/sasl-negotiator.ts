// SASL negotiation for one connection (RFC 6120 §6): mechanism list,
// SCRAM and PLAIN exchanges, failure throttling, and the rule that an
// authorization identity different from the authenticated one is refused.
// https://www.rfc-editor.org/rfc/rfc6120#section-6

import { createHmac } from 'node:crypto';
import type { Element } from '../stanza.js';
import { el } from '../stanza.js';
import { NS_SASL } from '../namespaces.js';
import { ScramServer } from './scram.js';
import type { ScramHash } from './scram.js';
import type { AuthThrottle } from './auth-throttle.js';
import type { ScramCredentials } from '../../store/types.js';
import type { ChannelBindings } from '../stream/transport.js';
import { escapeEmailLocalpart } from '../../core/jid-escape.js';

export interface SaslAccounts {
  scramCredentials(localpart: string, domain: string, hash: ScramHash): Promise<ScramCredentials | undefined>;
  verifyPassword(localpart: string, domain: string, password: string): Promise<{ localpart: string } | undefined>;
}

export interface SaslConnection {
  domain: string;
  ip: string;
  secure: boolean;
  bindings: ChannelBindings;
}

export type SaslResult =
  | { kind: 'continue'; reply: Element }
  | { kind: 'success'; reply: Element; localpart: string }
  | { kind: 'failure'; reply: Element; delayMs: number };

type Mechanism = 'SCRAM-SHA-256-PLUS' | 'SCRAM-SHA-1-PLUS' | 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'PLAIN';

export class SaslNegotiator {
  private scram: ScramServer | undefined;
  /** The mechanism whose initial response is still to come in a <response/>. */
  private awaitingInitial: 'PLAIN' | 'SCRAM' | undefined;
  private readonly accounts: SaslAccounts;
  private readonly throttle: AuthThrottle;
  private readonly secret: Buffer;
  private readonly connection: SaslConnection;
  private attemptedUser = '';

  private readonly iterations: number;

  /** `iterations`: the SCRAM iteration count of this server's accounts, shown to unknown users too. */
  constructor(accounts: SaslAccounts, throttle: AuthThrottle, secret: Buffer, connection: SaslConnection, iterations = 10_000) {
    this.iterations = iterations;
    this.accounts = accounts;
    this.throttle = throttle;
    this.secret = secret;
    this.connection = connection;
  }

  mechanisms(): Mechanism[] {
    const list: Mechanism[] = [];
    if (this.connection.bindings.size > 0) list.push('SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS');
    list.push('SCRAM-SHA-256', 'SCRAM-SHA-1');
    if (this.connection.secure) list.push('PLAIN');
    return list;
  }

  get inProgress(): boolean {
    return this.scram !== undefined || this.awaitingInitial !== undefined;
  }

  async handle(element: Element): Promise<SaslResult> {
    if (element.name === 'abort') {
      this.reset();
      return this.fail('aborted', undefined);
    }
    if (element.name === 'auth') {
      this.reset();
      return this.auth(element.attrs.mechanism ?? '', element.getText());
    }
    if (element.name === 'response' && this.inProgress) {
      const awaiting = this.awaitingInitial;
      this.awaitingInitial = undefined;
      const data = decode(element.getText());
      if (data === undefined) {
        this.reset();
        return this.fail('malformed-request', 'invalid base64');
      }
      if (awaiting === 'PLAIN') return this.plain(data);
      if (awaiting === 'SCRAM') return this.scramStart(data);
      const scram = this.scram;
      this.scram = undefined;
      if (!scram) return this.fail('malformed-request', 'unexpected SASL element');
      const step = await scram.finish(data);
      if (step.kind === 'success') return this.succeed(step.username, step.data);
      return this.fail(step.kind === 'failure' ? step.condition : 'not-authorized', step.kind === 'failure' ? step.text : undefined);
    }
    return this.fail('malformed-request', 'unexpected SASL element');
  }

  private reset(): void {
    this.scram = undefined;
    this.awaitingInitial = undefined;
  }

  private async auth(mechanism: string, text: string): Promise<SaslResult> {
    if (!(this.mechanisms() as string[]).includes(mechanism)) {
      if (mechanism === 'PLAIN' && !this.connection.secure) return this.fail('encryption-required', 'PLAIN needs an encrypted connection');
      return this.fail('invalid-mechanism', `mechanism ${mechanism} is not offered`);
    }
    // RFC 6120 §6.4.2: an empty <auth/> carries no initial response (the
    // client sends it in a <response/> to an empty challenge); "=" is an
    // initial response of zero length.
    const absent = text.trim() === '';
    const data = absent ? '' : decode(text);
    if (data === undefined) return this.fail('malformed-request', 'invalid base64');
    if (mechanism === 'PLAIN') {
      if (!absent) return this.plain(data);
      this.awaitingInitial = 'PLAIN';
      return { kind: 'continue', reply: el('challenge', { xmlns: NS_SASL }) };
    }
    const hash: ScramHash = mechanism.startsWith('SCRAM-SHA-256') ? 'sha-256' : 'sha-1';
    this.scram = new ScramServer({
      hash,
      plus: mechanism.endsWith('-PLUS'),
      bindings: this.connection.bindings,
      lookup: (username, h) => {
        this.attemptedUser = username;
        const localpart = this.localpartOf(username);
        return localpart === undefined ? Promise.resolve(undefined) : this.accounts.scramCredentials(localpart, this.connection.domain, h);
      },
      // Keyed on the account the name designates ("Bob", "bob@domain" → bob), as real salts are.
      fakeIterations: this.iterations,
      fakeSalt: (username) => createHmac('sha256', this.secret).update(this.localpartOf(username) ?? username).digest().subarray(0, 16).toString('base64'),
    });
    if (!absent) return this.scramStart(data);
    this.awaitingInitial = 'SCRAM';
    return { kind: 'continue', reply: el('challenge', { xmlns: NS_SASL }) };
  }

  private async scramStart(data: string): Promise<SaslResult> {
    const scram = this.scram;
    if (!scram) return this.fail('malformed-request', 'unexpected SASL element');
    const step = await scram.start(data);
    if (step.kind === 'challenge') return { kind: 'continue', reply: el('challenge', { xmlns: NS_SASL }, encode(step.data)) };
    this.scram = undefined;
    return this.fail(step.kind === 'failure' ? step.condition : 'not-authorized', step.kind === 'failure' ? step.text : undefined, step.kind === 'failure' && step.countsAsGuess === false);
  }

  private async plain(data: string): Promise<SaslResult> {
    const parts = data.split('\u0000');
    if (parts.length !== 3) return this.fail('malformed-request', 'malformed PLAIN message');
    const [authzid = '', authcid = '', password = ''] = parts;
    // Normalised before anything else, so spelling variants of one account share its throttle record.
    this.attemptedUser = authcid.normalize('NFKC');
    const localpart = this.localpartOf(this.attemptedUser);
    if (localpart === undefined) return this.fail('not-authorized', 'authentication failed');
    if (authzid && authzid !== `${localpart}@${this.connection.domain}` && authzid !== localpart) {
      return this.fail('invalid-authzid', 'authorization identity must be the authenticated account');
    }
    const account = await this.accounts.verifyPassword(localpart, this.connection.domain, password);
    if (!account) return this.fail('not-authorized', 'authentication failed');
    // The session belongs to the account that verified the password, not to the name as typed.
    return this.succeed(account.localpart, undefined);
  }

  /**
   * Accepts "user" or "user@this-domain" as the SASL username; any other
   * address is an email address, which names a guest account by its
   * XEP-0106-escaped form ("jean@exemple.fr" → "jean\\40exemple.fr"), so
   * guests log in with the address they were invited under.
   */
  private localpartOf(username: string): string | undefined {
    const at = username.lastIndexOf('@');
    if (at !== -1 && username.slice(at + 1).toLowerCase() !== this.connection.domain) return escapeEmailLocalpart(username.toLowerCase());
    const local = (at === -1 ? username : username.slice(0, at)).toLowerCase();
    return local || undefined;
  }

  private succeed(username: string, data: string | undefined): SaslResult {
    const localpart = this.localpartOf(username) ?? username;
    this.throttle.recordSuccess(`${localpart}@${this.connection.domain}`, this.connection.ip);
    return { kind: 'success', localpart, reply: el('success', { xmlns: NS_SASL }, data === undefined ? null : encode(data)) };
  }

  /** `notAGuess`: failures that say nothing about the password (e.g. an unsupported channel binding) are not throttled. */
  private fail(condition: string, text: string | undefined, notAGuess = false): SaslResult {
    const account = `${this.localpartOf(this.attemptedUser) ?? this.attemptedUser}@${this.connection.domain}`;
    const counts = !notAGuess && (condition === 'not-authorized' || condition === 'invalid-authzid');
    if (counts) this.throttle.recordFailure(account, this.connection.ip);
    const reply = el('failure', { xmlns: NS_SASL }, el(condition), text ? el('text', { 'xml:lang': 'en' }, text) : null);
    return { kind: 'failure', reply, delayMs: counts ? this.throttle.delayFor(account, this.connection.ip) : 0 };
  }
}

function decode(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '=' || trimmed === '') return '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return undefined;
  return Buffer.from(trimmed, 'base64').toString('utf8');
}

function encode(text: string): string {
  return text === '' ? '=' : Buffer.from(text, 'utf8').toString('base64');
}
