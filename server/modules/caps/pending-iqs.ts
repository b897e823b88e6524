// Server-originated iq requests to a client and their responses (RFC 6120
// §8.2.3: a response carries the request's id and comes from its `to`).
// The caps module uses it for disco#info queries; the response arrives as a
// client iq result/error addressed to the server domain.

import { randomBytes } from 'node:crypto';
import type { Element } from '../../xmpp/stanza.js';

interface Pending {
  to: string;
  resolve: (response: Element | undefined) => void;
  timer: NodeJS.Timeout;
}

export class PendingIqs {
  private readonly pending = new Map<string, Pending>();
  private readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /**
   * Sends `iq` (its id is set here) with `send` and resolves with the
   * result or error stanza, or undefined when no answer came in time.
   */
  request(iq: Element, send: (iq: Element) => void, timeoutMs: number): Promise<Element | undefined> {
    const id = `${this.prefix}-${randomBytes(9).toString('base64url')}`;
    iq.attrs.id = id;
    const to = iq.attrs.to ?? '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, undefined), timeoutMs);
      timer.unref();
      this.pending.set(id, { to, resolve, timer });
      send(iq);
    });
  }

  /** Takes a response iq; returns true when it answered one of our requests. */
  handle(stanza: Element, from: string): boolean {
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'result' && type !== 'error')) return false;
    const id = stanza.attrs.id;
    if (id === undefined) return false;
    const entry = this.pending.get(id);
    // A response from anyone but the queried entity is not an answer (spoofing).
    if (!entry || entry.to !== from) return false;
    this.settle(id, stanza);
    return true;
  }

  /** Gives up on every request sent to `to` (its session ended). */
  abandon(to: string): void {
    for (const [id, entry] of this.pending) if (entry.to === to) this.settle(id, undefined);
  }

  clear(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
  }

  get size(): number {
    return this.pending.size;
  }

  private settle(id: string, response: Element | undefined): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(response);
  }
}
