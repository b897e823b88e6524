// Minimal XMPP client for load: STARTTLS (TCP), SASL SCRAM, resource binding,
// optional session establishment and initial presence, then raw stanzas.
// RFC 6120 §5 (STARTTLS), §6 (SASL), §7 (bind) — https://www.rfc-editor.org/rfc/rfc6120
// RFC 3921 §3 (session, only when not marked <optional/>) — https://www.rfc-editor.org/rfc/rfc3921#section-3
// After login every element goes straight to onStanza: no queue, no parsing.
import type { ScramHash } from './scram.js';
import { mechanismName, ScramClient } from './scram.js';
import type { ScannerSink } from './stanza-scanner.js';
import { TcpTransport } from './tcp-transport.js';
import type { Endpoint, XmppTransport } from './transport.js';
import { WsTransport } from './ws-transport.js';
import { childText, childTexts, escapeXml, localName, rootAttr } from './xml-text.js';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
/** Stanzas carry it explicitly: RFC 7395 §3.3.3 wants every WebSocket frame fully qualified. */
export const NS_CLIENT = 'jabber:client';

export interface ClientOptions {
  endpoint: Endpoint;
  username: string;
  password: string;
  resource: string;
  hash: ScramHash;
  /** Send `<presence/>` after binding. */
  presence: boolean;
  /** Whole login must finish within this many milliseconds. */
  timeoutMs: number;
}

type Waiter = { accept: (xml: string) => void; fail: (err: Error) => void };

export class XmppClient {
  /** Full JID assigned by the server once bound. */
  jid = '';
  /** Called for every element received after login. */
  onStanza: ((xml: string) => void) | undefined;
  /** Called once when the connection ends, whatever the cause. */
  onClosed: ((err?: Error) => void) | undefined;

  private readonly options: ClientOptions;
  private readonly transport: XmppTransport;
  private readonly pending: string[] = [];
  private waiter: Waiter | undefined;
  private loggedIn = false;
  private ended: Error | undefined;
  private endedWaiters: (() => void)[] = [];
  private isClosed = false;

  constructor(options: ClientOptions) {
    this.options = options;
    this.transport = options.endpoint.kind === 'ws' ? new WsTransport(options.endpoint) : new TcpTransport(options.endpoint);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Connects and logs in; rejects (and tears down) on any failure or timeout. */
  async login(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`login timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      await Promise.race([this.negotiate(), timeout]);
    } catch (err) {
      this.transport.destroy();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  send(xml: string): void {
    this.transport.send(xml);
  }

  bufferedBytes(): number {
    return this.transport.bufferedBytes();
  }

  /** Closes the stream politely and waits (bounded) for the server to close too. */
  async close(graceMs = 2000): Promise<void> {
    if (this.isClosed) return;
    const done = new Promise<void>((resolve) => this.endedWaiters.push(resolve));
    this.transport.sendClose();
    const timer = setTimeout(() => this.transport.destroy(), graceMs);
    await done;
    clearTimeout(timer);
  }

  /** Sends the closing tag and half-closes at once: the server finishes the teardown alone. */
  closeNow(): void {
    if (this.isClosed) return;
    this.transport.sendClose();
    this.transport.end();
  }

  destroy(): void {
    this.transport.destroy();
  }

  private async negotiate(): Promise<void> {
    const sink: ScannerSink = {
      streamOpened: () => undefined,
      element: (xml) => this.deliver(xml),
      streamClosed: () => this.transport.destroy(),
    };
    await this.transport.connect(sink, (err) => this.handleClosed(err));
    this.transport.openStream();
    let features = await this.expect('features');
    if (this.transport.needsStartTls) {
      if (features.indexOf('<starttls') < 0) throw new Error('server offers no STARTTLS');
      this.transport.send(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
      await this.expect('proceed');
      await this.transport.startTls();
      this.transport.openStream();
      features = await this.expect('features');
    }
    await this.authenticate(features);
    this.transport.openStream();
    features = await this.expect('features');
    await this.bind(features);
    this.loggedIn = true;
    if (this.options.presence) this.transport.send(`<presence xmlns='${NS_CLIENT}'/>`);
    // Anything that arrived between bind and now still reaches the handler.
    for (const xml of this.pending.splice(0)) this.onStanza?.(xml);
  }

  private async authenticate(features: string): Promise<void> {
    const mechanism = mechanismName(this.options.hash);
    if (!childTexts(features, 'mechanism').includes(mechanism)) {
      throw new Error(`server does not offer ${mechanism}: ${features}`);
    }
    const scram = new ScramClient(this.options.hash, this.options.username, this.options.password);
    this.transport.send(`<auth xmlns='${NS_SASL}' mechanism='${mechanism}'>${scram.initialResponse()}</auth>`);
    const challenge = await this.expect('challenge');
    const response = await scram.respond(childTextOfRoot(challenge));
    this.transport.send(`<response xmlns='${NS_SASL}'>${response}</response>`);
    const success = await this.expect('success');
    if (!scram.verifySuccess(childTextOfRoot(success))) throw new Error('server signature mismatch');
  }

  private async bind(features: string): Promise<void> {
    if (features.indexOf('urn:ietf:params:xml:ns:xmpp-bind') < 0) throw new Error('server offers no resource binding');
    this.transport.send(
      `<iq xmlns='${NS_CLIENT}' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>` +
        `<resource>${escapeXml(this.options.resource)}</resource></bind></iq>`,
    );
    const result = await this.expectIq('bind1');
    this.jid = childText(result, 'jid') ?? '';
    const sessionAt = features.indexOf('urn:ietf:params:xml:ns:xmpp-session');
    // Only the legacy mandatory form needs the round trip.
    if (sessionAt >= 0 && features.indexOf('<optional', sessionAt) < 0) {
      this.transport.send(`<iq xmlns='${NS_CLIENT}' type='set' id='sess1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>`);
      await this.expectIq('sess1');
    }
  }

  private deliver(xml: string): void {
    if (this.loggedIn) {
      this.onStanza?.(xml);
      return;
    }
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.accept(xml);
    } else {
      this.pending.push(xml);
    }
  }

  private handleClosed(err?: Error): void {
    this.isClosed = true;
    this.ended = err ?? new Error('connection closed');
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.fail(this.ended);
    for (const resolve of this.endedWaiters.splice(0)) resolve();
    this.onClosed?.(err);
  }

  private next(): Promise<string> {
    const queued = this.pending.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((accept, fail) => {
      this.waiter = { accept, fail };
    });
  }

  /** Waits for a top-level element named `name`; a SASL failure or stream error aborts. */
  private async expect(name: string): Promise<string> {
    for (;;) {
      const xml = await this.next();
      const got = localName(xml);
      if (got === name) return xml;
      if (got === 'failure' || got === 'error') throw new Error(`server refused: ${xml.slice(0, 300)}`);
    }
  }

  private async expectIq(id: string): Promise<string> {
    for (;;) {
      const xml = await this.expect('iq');
      if (rootAttr(xml, 'id') !== id) continue;
      if (rootAttr(xml, 'type') === 'result') return xml;
      throw new Error(`iq ${id} failed: ${xml.slice(0, 300)}`);
    }
  }
}

/** Text content of the root element (SASL payloads), '' when empty or `=`. */
function childTextOfRoot(xml: string): string {
  const gt = xml.indexOf('>');
  if (xml.charCodeAt(gt - 1) === 0x2f) return '';
  const close = xml.lastIndexOf('</');
  const text = xml.slice(gt + 1, close).trim();
  return text === '=' ? '' : text;
}
