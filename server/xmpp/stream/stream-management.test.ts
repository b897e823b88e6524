// XEP-0198 counters: in-order h over completed stanzas, acknowledgements
// with wrap-around at 2^32, and the unacknowledged queue.

import { describe, expect, it } from 'vitest';
import { StreamManagement } from './stream-management.js';
import { el } from '../stanza.js';
import type { Element } from '../stanza.js';

const message = (id: string): Element => el('message', { id });

/**
 * Starts every counter at `count`, as if that many stanzas had gone each way
 * and been acknowledged: reaching 2^32 for real would take four billion
 * stanzas, so the test sets the private counters directly.
 */
function startCountersAt(sm: StreamManagement, count: number): void {
  const internal = sm as unknown as { sentCount: number; ackedCount: number; receivedCount: number; handledCount: number };
  internal.sentCount = count;
  internal.ackedCount = count;
  internal.receivedCount = count;
  internal.handledCount = count;
}

describe('StreamManagement inbound h', () => {
  it('counts stanzas completed in order', () => {
    const sm = new StreamManagement('sm1', true, 100);
    expect(sm.handled).toBe(0);
    const a = sm.received();
    const b = sm.received();
    expect([a, b]).toEqual([1, 2]);
    sm.complete(a);
    expect(sm.handled).toBe(1);
    sm.complete(b);
    expect(sm.handled).toBe(2);
  });

  it('advances h only over the completed prefix when stanzas complete out of order', () => {
    const sm = new StreamManagement('sm1', true, 100);
    const seq = [sm.received(), sm.received(), sm.received(), sm.received(), sm.received()];
    sm.complete(seq[2] as number);
    sm.complete(seq[4] as number);
    expect(sm.handled).toBe(0); // stanza 1 is still being written
    sm.complete(seq[1] as number);
    expect(sm.handled).toBe(0);
    sm.complete(seq[0] as number);
    expect(sm.handled).toBe(3); // 1, 2, 3 done; 4 pending
    sm.complete(seq[3] as number);
    expect(sm.handled).toBe(5);
  });

  it('ignores a stanza completed twice', () => {
    const sm = new StreamManagement('sm1', true, 100);
    const a = sm.received();
    const b = sm.received();
    const c = sm.received();
    sm.complete(b);
    sm.complete(b);
    sm.complete(a);
    sm.complete(a);
    expect(sm.handled).toBe(2);
    sm.complete(c);
    expect(sm.handled).toBe(3);
  });

  it('reports h modulo 2^32', () => {
    const sm = new StreamManagement('sm1', true, 100);
    startCountersAt(sm, 2 ** 32 - 2);
    const a = sm.received();
    const b = sm.received();
    const c = sm.received();
    sm.complete(b);
    expect(sm.handled).toBe(2 ** 32 - 2);
    sm.complete(a);
    expect(sm.handled).toBe(0); // wrapped after 2^32 - 1
    sm.complete(c);
    expect(sm.handled).toBe(1);
  });
});

describe('StreamManagement acknowledgements', () => {
  it('drops acknowledged stanzas from the front of the queue', () => {
    const sm = new StreamManagement('sm1', true, 100);
    for (const id of ['a', 'b', 'c', 'd']) sm.sent(message(id));
    expect(sm.unackedCount).toBe(4);
    expect(sm.acknowledge(2)).toBe(true);
    expect(sm.peekUnacked().map((s) => s.attrs.id)).toEqual(['c', 'd']);
    expect(sm.acknowledge(2)).toBe(true); // repeated h: nothing new
    expect(sm.unackedCount).toBe(2);
    expect(sm.acknowledge(4)).toBe(true);
    expect(sm.unackedCount).toBe(0);
  });

  it('refuses an h acknowledging more than was sent and changes nothing', () => {
    const sm = new StreamManagement('sm1', true, 100);
    sm.sent(message('a'));
    sm.sent(message('b'));
    expect(sm.acknowledge(3)).toBe(false);
    expect(sm.unackedCount).toBe(2);
    expect(sm.acknowledge(1)).toBe(true);
    expect(sm.acknowledge(0)).toBe(false); // going backwards is acknowledging 2^32 - 1 more
    expect(sm.acknowledge(2 ** 32 - 1)).toBe(false);
    expect(sm.peekUnacked().map((s) => s.attrs.id)).toEqual(['b']);
  });

  it('clears the pending request flag on a valid acknowledgement only', () => {
    const sm = new StreamManagement('sm1', true, 100);
    sm.sent(message('a'));
    sm.requestPending = true;
    expect(sm.acknowledge(5)).toBe(false);
    expect(sm.requestPending).toBe(true);
    expect(sm.acknowledge(1)).toBe(true);
    expect(sm.requestPending).toBe(false);
  });

  it('wraps around at 2^32', () => {
    const sm = new StreamManagement('sm1', true, 10);
    startCountersAt(sm, 2 ** 32 - 2);
    for (const id of ['a', 'b', 'c', 'd']) sm.sent(message(id));
    expect(sm.acknowledge(2 ** 32 - 1)).toBe(true);
    expect(sm.peekUnacked().map((s) => s.attrs.id)).toEqual(['b', 'c', 'd']);
    expect(sm.acknowledge(0)).toBe(true);
    expect(sm.peekUnacked().map((s) => s.attrs.id)).toEqual(['c', 'd']);
    expect(sm.acknowledge(3)).toBe(false); // one more than sent
    expect(sm.acknowledge(2)).toBe(true);
    expect(sm.unackedCount).toBe(0);
    expect(sm.acknowledge(2 ** 32 - 1)).toBe(false); // backwards across the wrap
  });

  it('accepts an h that acknowledges everything across the wrap in one step', () => {
    const sm = new StreamManagement('sm1', true, 10);
    startCountersAt(sm, 2 ** 32 - 1);
    sm.sent(message('a'));
    sm.sent(message('b'));
    expect(sm.acknowledge(1)).toBe(true);
    expect(sm.unackedCount).toBe(0);
  });
});

describe('StreamManagement queue', () => {
  it('peekUnacked keeps the queue; takeUnacked empties it and counts it as acknowledged', () => {
    const sm = new StreamManagement('sm1', true, 100);
    sm.sent(message('a'));
    sm.sent(message('b'));
    expect(sm.peekUnacked().map((s) => s.attrs.id)).toEqual(['a', 'b']);
    expect(sm.unackedCount).toBe(2);
    const taken = sm.takeUnacked();
    expect(taken.map((s) => s.attrs.id)).toEqual(['a', 'b']);
    expect(sm.unackedCount).toBe(0);
    expect(sm.peekUnacked()).toEqual([]);
    // The client's view of h continues from what was sent.
    sm.sent(message('c'));
    expect(sm.acknowledge(1)).toBe(false);
    expect(sm.acknowledge(3)).toBe(true);
    expect(sm.unackedCount).toBe(0);
  });

  it('reports overflow past maxUnacked', () => {
    const sm = new StreamManagement('sm1', false, 2);
    sm.sent(message('a'));
    sm.sent(message('b'));
    expect(sm.isOverflowing).toBe(false);
    sm.sent(message('c'));
    expect(sm.isOverflowing).toBe(true);
    sm.acknowledge(1);
    expect(sm.isOverflowing).toBe(false);
  });

  it('keeps its id and resumable flag', () => {
    const sm = new StreamManagement('abc', false, 1);
    expect(sm.id).toBe('abc');
    expect(sm.resumable).toBe(false);
  });
});
