// XEP-0198: Stream Management — counters, the unacknowledged queue and the
// in-order "handled" count. https://xmpp.org/extensions/xep-0198.html
//
// Durability: an inbound stanza counts as handled only once its effects are
// committed (DESIGN.md, durability rule), so `h` advances through the
// prefix of completed stanzas, never past one still being written.

import type { Element } from '../stanza.js';

const MAX_COUNTER = 2 ** 32;

export class StreamManagement {
  readonly id: string;
  readonly resumable: boolean;
  /** Outbound stanzas not yet acknowledged by the client, oldest first. */
  private unacked: Element[] = [];
  private sentCount = 0;
  private ackedCount = 0;
  private receivedCount = 0;
  private handledCount = 0;
  private readonly completedAhead = new Set<number>();
  private readonly maxUnacked: number;
  requestPending = false;

  constructor(id: string, resumable: boolean, maxUnacked: number) {
    this.id = id;
    this.resumable = resumable;
    this.maxUnacked = maxUnacked;
  }

  /** Inbound `h` as the client should see it (mod 2^32). */
  get handled(): number {
    return this.handledCount % MAX_COUNTER;
  }

  get unackedCount(): number {
    return this.unacked.length;
  }

  get isOverflowing(): boolean {
    return this.unacked.length > this.maxUnacked;
  }

  /** Registers an inbound stanza; returns its sequence number for complete(). */
  received(): number {
    this.receivedCount += 1;
    return this.receivedCount;
  }

  /** Marks inbound stanza `seq` handled; advances `h` over the completed prefix. */
  complete(seq: number): void {
    if (seq === this.handledCount + 1) {
      this.handledCount = seq;
      while (this.completedAhead.delete(this.handledCount + 1)) this.handledCount += 1;
    } else if (seq > this.handledCount) {
      this.completedAhead.add(seq);
    }
  }

  /** Records an outbound stanza kept until acknowledged. */
  sent(stanza: Element): void {
    this.sentCount += 1;
    this.unacked.push(stanza);
  }

  /**
   * Applies the client's `<a h=…/>`; returns false when h acknowledges more
   * than was sent (XEP-0198 §4: a stream error undefined-condition).
   */
  acknowledge(h: number): boolean {
    const acked = this.ackedCount % MAX_COUNTER;
    const delta = (h - acked + MAX_COUNTER) % MAX_COUNTER;
    if (delta > this.unacked.length) return false;
    this.unacked.splice(0, delta);
    this.ackedCount += delta;
    this.requestPending = false;
    return true;
  }

  /** The unacknowledged stanzas, to write again after a resume (counters unchanged). */
  peekUnacked(): readonly Element[] {
    return this.unacked;
  }

  /** Takes every unacknowledged stanza for offline storage when the session ends. */
  takeUnacked(): Element[] {
    const stanzas = this.unacked;
    this.unacked = [];
    this.ackedCount = this.sentCount;
    return stanzas;
  }
}
