// XMPP over WebSocket (RFC 7395) for the browser: SASL SCRAM, resource
// binding, XEP-0198 stream management with resumption, automatic
// reconnection, and iq request/response tracking. No UI here.

import { x, parseFrame } from './xml.js';
import type { XmlElement } from './xml.js';
import { ScramClient } from './scram.js';
import { StreamManagement } from './stream-management.js';
import { LoginError, StanzaError } from './stanza-error.js';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const SM = 'urn:xmpp:sm:3';

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'reconnecting';

export interface Credentials {
  websocketUrl: string;
  domain: string;
  username: string;
  password: string;
  resource?: string;
}

type Listener<T> = (value: T) => void;

export class Connection {
  state: ConnectionState = 'offline';
  jid = '';
  private ws?: WebSocket;
  private sm = new StreamManagement();
  private inbox: XmlElement[] = [];
  private waiting?: { resolve: (el: XmlElement) => void; reject: (e: Error) => void };
  private iqHandlers: Array<(iq: XmlElement) => XmlElement | undefined> = [];
  private pendingIq = new Map<string, { resolve: (el: XmlElement) => void; reject: (e: Error) => void }>();
  private stanzaListeners = new Set<Listener<XmlElement>>();
  private stateListeners = new Set<Listener<ConnectionState>>();
  private sessionListeners = new Set<Listener<{ resumed: boolean }>>();
  private credentials?: Credentials;
  private retry = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private ackTimer?: ReturnType<typeof setTimeout>;
  private counter = 0;
  private stopping = false;

  onStanza(l: Listener<XmlElement>): () => void {
    this.stanzaListeners.add(l);
    return () => this.stanzaListeners.delete(l);
  }

  onState(l: Listener<ConnectionState>): () => void {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  }

  /** Answers iq get/set requests: return the reply, or undefined to let others try. */
  onIq(handler: (iq: XmlElement) => XmlElement | undefined): void {
    this.iqHandlers.push(handler);
  }

  /** Fires after every new session (resumed=false: rooms must be joined again) or resumption. */
  onSession(l: Listener<{ resumed: boolean }>): () => void {
    this.sessionListeners.add(l);
    return () => this.sessionListeners.delete(l);
  }

  nextId(prefix = 'c'): string {
    this.counter += 1;
    return `${prefix}${Date.now().toString(36)}${this.counter}`;
  }

  /** Logs in; rejects with LoginError when the password is wrong or the server cannot be reached. */
  async login(credentials: Credentials): Promise<string> {
    this.stopping = false;
    this.credentials = credentials;
    this.sm = new StreamManagement();
    this.setState('connecting');
    try {
      await this.open(false);
    } catch (error) {
      this.closeSocket();
      this.setState('offline');
      throw error;
    }
    return this.jid;
  }

  /** After a password change: later reconnections authenticate with the new one. */
  setPassword(password: string): void {
    if (this.credentials) this.credentials = { ...this.credentials, password };
  }

  async logout(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.ackTimer);
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.write(x('presence', { type: 'unavailable' }));
      this.ws.send(`<close xmlns="${FRAMING}"/>`);
    }
    this.closeSocket();
    this.sm.reset();
    this.failPending(new StanzaError('remote-server-timeout'));
    this.setState('offline');
  }

  /** Drops the socket without a goodbye, as a network cut would (tests, "reconnect now"). */
  dropSocket(): void {
    this.ws?.close();
  }

  send(stanza: XmlElement): void {
    if (!stanza.attrs.id && stanza.name !== 'presence') stanza.attrs.id = this.nextId();
    this.sm.sent(stanza);
    if (this.state === 'online') {
      this.write(stanza);
      this.scheduleAckRequest();
    }
  }

  /** Sends an iq and resolves with the result, or rejects with a StanzaError. */
  iq(stanza: XmlElement, timeoutMs = 30_000): Promise<XmlElement> {
    const id = stanza.attrs.id ?? this.nextId('q');
    stanza.attrs.id = id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingIq.delete(id);
        reject(new StanzaError('remote-server-timeout'));
      }, timeoutMs);
      this.pendingIq.set(id, {
        resolve: (el) => {
          clearTimeout(timer);
          resolve(el);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send(stanza);
    });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }

  private write(el: XmlElement): void {
    this.ws?.send(el.toString());
  }

  private closeSocket(): void {
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.onerror = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }

  private next(): Promise<XmlElement> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (!this.ws) return Promise.reject(new LoginError('network'));
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Reads elements until one that is not an <open/> (server stream header). */
  private async nextElement(): Promise<XmlElement> {
    for (;;) {
      const el = await this.next();
      if (el.name === 'close' && el.ns() === FRAMING) throw new LoginError('connection-closed');
      if (el.name !== 'open') return el;
    }
  }

  private connectSocket(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'xmpp');
      this.ws = ws;
      this.inbox = [];
      let opened = false;
      ws.onopen = () => {
        opened = true;
        resolve();
      };
      ws.onerror = () => {
        if (!opened) reject(new LoginError('network'));
      };
      ws.onclose = () => {
        if (!opened) reject(new LoginError('network'));
        // Wake a negotiation that waits for the next element.
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.reject(new LoginError('network'));
        if (this.ws === ws) this.socketLost();
      };
      ws.onmessage = (event) => this.frame(String(event.data));
    });
  }

  private frame(text: string): void {
    const el = parseFrame(text);
    if (!el) return;
    if (this.state === 'online') {
      this.handle(el);
      return;
    }
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting.resolve(el);
    } else this.inbox.push(el);
  }

  private openStream(): void {
    this.ws?.send(`<open xmlns="${FRAMING}" to="${this.credentials?.domain ?? ''}" version="1.0"/>`);
  }

  /** Connects, authenticates, then resumes or binds. */
  private async open(resume: boolean): Promise<void> {
    const c = this.credentials;
    if (!c) throw new LoginError('not-authorized');
    await this.connectSocket(c.websocketUrl);
    this.openStream();
    let features = await this.nextElement();
    const mechanisms = features.child('mechanisms', SASL)?.childrenNamed('mechanism').map((m) => m.text()) ?? [];
    const hash = mechanisms.includes('SCRAM-SHA-256') ? 'SHA-256' : mechanisms.includes('SCRAM-SHA-1') ? 'SHA-1' : undefined;
    if (!hash) throw new LoginError('no-mechanism');
    const scram = new ScramClient(hash, c.username, c.password);
    this.ws?.send(x('auth', { xmlns: SASL, mechanism: scram.mechanism }, scram.first()).toString());
    let answer = await this.nextElement();
    if (answer.name === 'challenge') {
      this.ws?.send(x('response', { xmlns: SASL }, await scram.final(answer.text())).toString());
      answer = await this.nextElement();
    }
    if (answer.name !== 'success') throw new LoginError(answer.elements().find((e) => e.name !== 'text')?.name ?? 'not-authorized');
    if (!scram.verify(answer.text())) throw new LoginError('server-signature');
    this.openStream();
    features = await this.nextElement();
    const canSm = features.child('sm', SM) !== undefined;
    if (resume && canSm && this.sm.id) {
      this.ws?.send(x('resume', { xmlns: SM, previd: this.sm.id, h: this.sm.inbound }).toString());
      const reply = await this.nextElement();
      if (reply.name === 'resumed') {
        const again = this.sm.resumed(Number(reply.attrs.h));
        this.setState('online');
        for (const s of again) this.send(s);
        this.drainInbox();
        for (const l of this.sessionListeners) l({ resumed: true });
        return;
      }
    }
    const lost = resume ? this.sm.lost() : [];
    if (resume) this.failPending(new StanzaError('remote-server-timeout'));
    const bound = await this.bind(c.resource);
    this.jid = bound;
    if (canSm) {
      this.ws?.send(x('enable', { xmlns: SM, resume: 'true' }).toString());
      const enabled = await this.nextElement();
      if (enabled.name === 'enabled') this.sm.enable(enabled.attrs.resume === 'true' || enabled.attrs.resume === '1' ? enabled.attrs.id : undefined);
      else this.inbox.unshift(enabled);
    }
    this.setState('online');
    this.retry = 0;
    this.drainInbox();
    for (const l of this.sessionListeners) l({ resumed: false });
    for (const s of lost) this.send(s);
  }

  private async bind(resource?: string): Promise<string> {
    const id = this.nextId('bind');
    this.ws?.send(x('iq', { type: 'set', id }, x('bind', { xmlns: BIND }, resource ? x('resource', {}, resource) : undefined)).toString());
    for (;;) {
      const el = await this.nextElement();
      if (el.name === 'iq' && el.attrs.id === id) {
        if (el.attrs.type !== 'result') throw new LoginError(StanzaError.from(el).condition);
        const jid = el.child('bind', BIND)?.childText('jid');
        if (!jid) throw new LoginError('bind');
        return jid;
      }
    }
  }

  private drainInbox(): void {
    const queued = this.inbox;
    this.inbox = [];
    for (const el of queued) this.handle(el);
  }

  private handle(el: XmlElement): void {
    if (el.ns() === SM) {
      if (el.name === 'r') this.write(x('a', { xmlns: SM, h: this.sm.inbound }));
      else if (el.name === 'a') this.sm.acknowledged(Number(el.attrs.h));
      return;
    }
    if (el.name === 'close' || el.name === 'error') {
      this.ws?.close();
      return;
    }
    if (el.name !== 'iq' && el.name !== 'message' && el.name !== 'presence') return;
    this.sm.received();
    if (el.name === 'iq') {
      const type = el.attrs.type;
      if (type === 'result' || type === 'error') {
        const pending = el.attrs.id ? this.pendingIq.get(el.attrs.id) : undefined;
        if (pending && el.attrs.id) {
          this.pendingIq.delete(el.attrs.id);
          if (type === 'result') pending.resolve(el);
          else pending.reject(StanzaError.from(el));
        }
        return;
      }
      for (const handler of this.iqHandlers) {
        const reply = handler(el);
        if (reply) {
          this.send(reply);
          return;
        }
      }
      // Nobody answers this iq get/set: reply so the sender does not wait.
      this.replyUnsupported(el);
      return;
    }
    for (const l of this.stanzaListeners) l(el);
  }

  private replyUnsupported(iq: XmlElement): void {
    if (iq.child('ping', 'urn:xmpp:ping')) {
      this.send(x('iq', { type: 'result', id: iq.attrs.id, to: iq.attrs.from }));
      return;
    }
    this.send(x('iq', { type: 'error', id: iq.attrs.id, to: iq.attrs.from }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))));
  }

  private scheduleAckRequest(): void {
    if (!this.sm.enabled || this.ackTimer) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      if (this.state === 'online' && this.sm.pending() > 0) this.write(x('r', { xmlns: SM }));
    }, 250);
  }

  private failPending(error: Error): void {
    for (const p of this.pendingIq.values()) p.reject(error);
    this.pendingIq.clear();
  }

  private socketLost(): void {
    this.ws = undefined;
    if (this.stopping || this.state === 'offline' || this.state === 'connecting') return;
    this.setState('reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(10_000, 300 * 2 ** this.retry);
    this.retry += 1;
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.open(this.sm.id !== undefined);
    } catch (error) {
      this.closeSocket();
      if (error instanceof LoginError && error.condition === 'not-authorized') {
        this.failPending(new StanzaError('not-authorized'));
        this.setState('offline');
        return;
      }
      if (!this.stopping) this.scheduleReconnect();
    }
  }
}
