// One client connection: the stream state machine of RFC 6120 (open →
// STARTTLS → SASL → bind → stanzas), its write path (batched per tick,
// bounded), and its end (clean close, error, or XEP-0198 hibernation).
// https://www.rfc-editor.org/rfc/rfc6120#section-4

import { randomBytes } from 'node:crypto';
import type { Jid } from '../../core/jid.js';
import { SerialQueue } from '../../core/serial-queue.js';
import type { Account } from '../../store/types.js';
import type { Element } from '../stanza.js';
import { NS_CLIENT, NS_FRAMING, NS_SASL, NS_SM, NS_TLS } from '../namespaces.js';
import { closeStream, openStream, streamError } from './stream-framing.js';
import type { StreamErrorCondition } from './stream-framing.js';
import { XmlStreamParser } from './xml-stream.js';
import type { XmlStreamHandlers } from './xml-stream.js';
import type { Transport } from './transport.js';
import type { SaslNegotiator } from '../sasl/sasl-negotiator.js';
import { StreamManagement } from './stream-management.js';
import type { SessionEnvironment } from './session-environment.js';
import { negotiateElement, sendFeatures } from './negotiation.js';
import { handleSmNonza } from './sm-nonzas.js';

export type SessionPhase = 'connected' | 'authenticated' | 'bound' | 'hibernated' | 'closed';

export class ClientSession {
  readonly streamId = randomBytes(12).toString('base64url');
  readonly createdAt = Date.now();
  readonly env: SessionEnvironment;
  transport: Transport;
  parser: XmlStreamParser;
  phase: SessionPhase = 'connected';
  domain = '';
  lang = 'en';
  account: Account | undefined;
  jid: Jid | undefined;
  sasl: SaslNegotiator | undefined;
  saslFailures = 0;
  sm: StreamManagement | undefined;
  /** Last available presence broadcast by the client, undefined when unavailable. */
  presence: Element | undefined;
  priority = 0;
  rosterRequested = false;
  carbons = false;
  /** XEP-0352: while inactive, non-urgent stanzas wait (see csi module). */
  holdFilter: ((stanza: Element) => boolean) | undefined;
  readonly held: Element[] = [];
  /** Full JIDs this session sent directed presence to (RFC 6121 §4.6). */
  readonly directedPresence = new Set<string>();
  lastReceivedAt = Date.now();
  pingSentAt = 0;
  hibernatedAt = 0;
  private streamOpened = false;
  /** Set once the closing tag is queued: nothing may be written after it. */
  private closing = false;
  private readonly pending: string[] = [];
  private flushScheduled = false;
  private readonly inbound: SerialQueue;
  private tokens: number;
  private tokensAt = Date.now();

  constructor(transport: Transport, env: SessionEnvironment) {
    this.env = env;
    this.transport = transport;
    this.tokens = env.limits.stanzaBurst;
    this.inbound = new SerialQueue((error) => env.log.error('stanza processing failed', { error, session: this.streamId }));
    this.parser = this.createParser();
    this.attach(transport);
  }

  get isAuthenticated(): boolean {
    return this.account !== undefined;
  }

  get isBound(): boolean {
    return this.phase === 'bound' || this.phase === 'hibernated';
  }

  get isAvailable(): boolean {
    return this.presence !== undefined;
  }

  attach(transport: Transport): void {
    this.transport = transport;
    transport.onData((chunk) => {
      this.lastReceivedAt = Date.now();
      this.pingSentAt = 0;
      this.parser.write(chunk);
    });
    transport.onClose(() => {
      if (this.transport === transport) this.transportClosed();
    });
  }

  private createParser(): XmlStreamParser {
    return new XmlStreamParser(this.transport.kind === 'websocket' ? 'websocket' : 'stream', this.env.limits, this.parserHandlers());
  }

  private parserHandlers(): XmlStreamHandlers {
    return {
      onStreamOpen: (attrs) => this.streamOpen(attrs),
      onElement: (element) => this.element(element),
      onStreamClose: () => this.close(),
      onFault: (fault, text) => this.close(fault, text),
    };
  }

  /** Starts a new stream after STARTTLS or SASL success (RFC 6120 §4.3.3). */
  restartStream(): void {
    this.streamOpened = false;
    if (this.transport.kind === 'tcp') this.parser.reset();
  }

  private streamOpen(attrs: Record<string, string>): void {
    const wasOpened = this.streamOpened;
    this.streamOpened = true;
    const to = (attrs.to ?? '').toLowerCase();
    this.lang = attrs['xml:lang'] ?? this.lang;
    const headerDomain = this.env.isLocalDomain(to) ? to : this.env.defaultDomain;
    this.writeRaw(openStream(this.transport.kind, { id: this.streamId, from: this.domain || headerDomain, lang: 'en' }));
    if (wasOpened) return this.close('invalid-xml', 'the stream was opened twice');
    const expectedNs = this.transport.kind === 'websocket' ? NS_FRAMING : NS_CLIENT;
    if ((this.transport.kind === 'websocket' ? attrs.xmlns : attrs.xmlns ?? NS_CLIENT) !== expectedNs) return this.close('invalid-namespace');
    if (attrs.version !== '1.0') return this.close('unsupported-version', 'only XMPP 1.0 streams are supported');
    if (!this.env.isLocalDomain(to)) return this.close('host-unknown', `this server does not serve "${to}"`);
    if (this.domain && to !== this.domain) return this.close('host-unknown', 'the domain changed on stream restart');
    this.domain = to;
    sendFeatures(this);
  }

  private element(element: Element): void {
    if (!this.streamOpened) return this.close('not-authorized', 'the stream is not open');
    if (this.phase !== 'bound') {
      this.inbound.push(() => negotiateElement(this, element));
      return;
    }
    const xmlns = element.attrs.xmlns ?? NS_CLIENT;
    if (xmlns === NS_CLIENT && (element.name === 'message' || element.name === 'presence' || element.name === 'iq')) {
      this.stanza(element);
    } else if (xmlns === NS_SM) {
      handleSmNonza(this, element);
    } else if (!this.env.nonza(this, element)) {
      this.close('unsupported-stanza-type', `<${element.name}/> is not understood here`);
    }
  }

  private stanza(stanza: Element): void {
    const seq = this.sm?.received();
    if (stanza.name === 'message' && !this.takeToken()) {
      this.env.rejectStanza(this, stanza, 'resource-constraint', 'You are sending messages too fast; slow down.');
      if (seq !== undefined) this.sm?.complete(seq);
      return;
    }
    this.inbound.push(() => {
      const durable: Promise<unknown>[] = [];
      const done = this.env.route(this, stanza, (p) => durable.push(p));
      const finish = (): void => {
        if (seq === undefined) return;
        if (durable.length === 0) this.sm?.complete(seq);
        else void Promise.allSettled(durable).then(() => this.sm?.complete(seq));
      };
      if (done instanceof Promise) return done.then(finish);
      finish();
    });
  }

  /** Token bucket on messages per session (DESIGN.md: message rate per session). */
  private takeToken(): boolean {
    const now = Date.now();
    const { stanzaRate, stanzaBurst } = this.env.limits;
    this.tokens = Math.min(stanzaBurst, this.tokens + ((now - this.tokensAt) / 1000) * stanzaRate);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Sends a stanza to the client, counted and kept for XEP-0198 until acknowledged. */
  send(stanza: Element): void {
    if (this.phase === 'closed') return;
    if (this.holdFilter?.(stanza)) {
      this.held.push(stanza);
      return;
    }
    if (this.sm) {
      this.sm.sent(stanza);
      if (this.sm.isOverflowing) return this.overflow();
    }
    if (this.phase === 'hibernated') return;
    this.writeRaw(stanza.toString());
  }

  /** Sends a pre-serialised stanza (fan-out serialises once); no XEP-0198 copy is kept when the caller passes none. */
  sendSerialized(xml: string, stanza: Element): void {
    if (this.holdFilter || this.sm || this.phase !== 'bound') return this.send(stanza);
    this.writeRaw(xml);
  }

  /** Releases stanzas held while the client was inactive (XEP-0352). */
  releaseHeld(): void {
    const held = this.held.splice(0);
    for (const stanza of held) this.send(stanza);
  }

  /** Writes a stream-level element (nonza): not counted by XEP-0198. */
  sendNonza(element: Element): void {
    if (this.phase !== 'hibernated' && this.phase !== 'closed') this.writeRaw(element.toString());
  }

  writeRaw(xml: string): void {
    if (this.closing) return;
    this.pending.push(xml);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    if (this.sm && !this.closing && !this.sm.requestPending && this.sm.unackedCount > 0 && this.phase === 'bound') {
      this.sm.requestPending = true;
      this.pending.push(`<r xmlns='${NS_SM}'/>`);
    }
    const chunks = this.pending.splice(0);
    if (this.transport.kind === 'websocket') for (const chunk of chunks) this.transport.write(chunk);
    else this.transport.write(chunks.length === 1 ? (chunks[0] as string) : chunks.join(''));
    if (this.transport.bufferedBytes() > this.env.limits.maxOutgoingBytes) this.overflow();
  }

  /** A client that does not read (or acknowledge) fast enough is cut, never allowed to grow memory. */
  private overflow(): void {
    this.env.log.warn('outgoing queue over limit; disconnecting slow client', { jid: this.jid?.full });
    this.pending.length = 0;
    this.sm = this.sm?.resumable ? this.sm : undefined;
    this.transport.destroy();
  }

  /** Closes the stream, with a stream error first when `condition` is given. */
  close(condition?: StreamErrorCondition, text?: string): void {
    if (this.phase === 'closed') return;
    if (condition) {
      if (!this.streamOpened) this.writeRaw(openStream(this.transport.kind, { id: this.streamId, from: this.domain || this.env.defaultDomain, lang: 'en' }));
      this.writeRaw(streamError(condition, text));
      this.env.log.debug('stream error', { condition, text, ip: this.transport.remoteAddress });
    }
    this.writeRaw(closeStream(this.transport.kind));
    this.closing = true;
    this.flush();
    this.parser.reset();
    this.transport.end();
    this.terminate(condition === undefined);
  }

  private transportClosed(): void {
    if (this.phase === 'closed') return;
    if (this.phase === 'bound' && this.sm?.resumable) {
      this.phase = 'hibernated';
      this.hibernatedAt = Date.now();
      this.inbound.clear();
      this.env.log.debug('session hibernated', { jid: this.jid?.full });
      return;
    }
    this.terminate(false);
  }

  /** Ends the session for good: the node unregisters it and stores unacknowledged messages offline. */
  terminate(clean: boolean): void {
    if (this.phase === 'closed') return;
    const wasBound = this.isBound;
    this.phase = 'closed';
    this.inbound.clear();
    this.env.ended(this, { wasBound, clean });
  }

  /**
   * Takes over the connection of `fresh`, a new stream that resumed this
   * hibernated (or stale) session (XEP-0198 §5). The fresh stream's parser
   * is already inside its open stream, so it is kept and re-pointed here.
   */
  adoptConnection(fresh: ClientSession): void {
    if (this.phase !== 'hibernated') this.transport.destroy();
    fresh.phase = 'closed';
    this.parser = fresh.parser;
    this.parser.setHandlers(this.parserHandlers());
    this.streamOpened = true;
    this.closing = false;
    this.phase = 'bound';
    this.hibernatedAt = 0;
    this.lastReceivedAt = Date.now();
    this.attach(fresh.transport);
  }
}
