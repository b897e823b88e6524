// XEP-0198 client-side bookkeeping, free of I/O: counts handled inbound
// stanzas (h), keeps sent stanzas until the server acknowledges them, and
// says which to send again after a resumption.
// https://xmpp.org/extensions/xep-0198.html

import type { XmlElement } from './xml.js';

const MOD = 2 ** 32;

export class StreamManagement {
  /** Server-assigned id to resume with; undefined when resumption is not on. */
  id?: string;
  enabled = false;
  inbound = 0;
  private outboundAcked = 0;
  private unacked: XmlElement[] = [];

  reset(): void {
    this.id = undefined;
    this.enabled = false;
    this.inbound = 0;
    this.outboundAcked = 0;
  }

  /** Call when <enabled/> arrives (a fresh session). */
  enable(id: string | undefined): void {
    this.enabled = true;
    this.id = id;
    this.inbound = 0;
    this.outboundAcked = 0;
  }

  received(): void {
    if (this.enabled) this.inbound = (this.inbound + 1) % MOD;
  }

  sent(stanza: XmlElement): void {
    if (this.enabled) this.unacked.push(stanza);
  }

  /** The server's <a h/>: drop what it has handled. */
  acknowledged(h: number): void {
    const handled = (h - this.outboundAcked + MOD) % MOD;
    if (handled > this.unacked.length) return;
    this.unacked.splice(0, handled);
    this.outboundAcked = h;
  }

  pending(): number {
    return this.unacked.length;
  }

  /** After <resumed h/>: the stanzas the server never got, to send again. */
  resumed(h: number): XmlElement[] {
    this.acknowledged(h);
    const again = this.unacked;
    this.unacked = [];
    return again;
  }

  /** After a failed resumption: messages still unconfirmed (iqs are answered by errors anyway). */
  lost(): XmlElement[] {
    const messages = this.unacked.filter((s) => s.name === 'message');
    this.unacked = [];
    this.reset();
    return messages;
  }
}
