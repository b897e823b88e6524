// ConnectionGate with a fake clock: the per-IP cap on unauthenticated
// connections, the connection-rate bucket, and bounded memory.

import { describe, expect, it } from 'vitest';
import { ConnectionGate } from './connection-gate.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 5_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('ConnectionGate', () => {
  it('caps unauthenticated connections per IP', () => {
    const gate = new ConnectionGate(3, 100, clock().now);
    expect([1, 2, 3, 4].map(() => gate.admit('192.0.2.1'))).toEqual([true, true, true, false]);
    expect(gate.admit('192.0.2.2')).toBe(true); // another address is not affected
  });

  it('frees a slot when a connection authenticates or ends', () => {
    const gate = new ConnectionGate(2, 100, clock().now);
    gate.admit('ip');
    gate.admit('ip');
    expect(gate.admit('ip')).toBe(false);
    gate.authenticated('ip');
    expect(gate.admit('ip')).toBe(true);
    expect(gate.admit('ip')).toBe(false);
    gate.released('ip', false);
    expect(gate.admit('ip')).toBe(true);
    // Ending an already authenticated connection frees nothing more.
    gate.released('ip', true);
    expect(gate.admit('ip')).toBe(false);
  });

  it('never lets the count go negative', () => {
    const gate = new ConnectionGate(1, 100, clock().now);
    gate.released('ip', false);
    gate.authenticated('ip');
    expect(gate.admit('ip')).toBe(true);
    expect(gate.admit('ip')).toBe(false);
  });

  it('limits the rate of new connections with a bucket of five seconds worth', () => {
    const time = clock();
    const gate = new ConnectionGate(1000, 2, time.now); // 2 per second, burst 10
    const admitted = Array.from({ length: 12 }, () => gate.admit('ip'));
    expect(admitted.filter(Boolean)).toHaveLength(10);
    expect(admitted.slice(10)).toEqual([false, false]);
    time.advance(499);
    expect(gate.admit('ip')).toBe(false);
    time.advance(1);
    expect(gate.admit('ip')).toBe(true); // one token after half a second
    expect(gate.admit('ip')).toBe(false);
    time.advance(60_000);
    expect(Array.from({ length: 11 }, () => gate.admit('ip')).filter(Boolean)).toHaveLength(10); // refilled to the burst, not beyond
  });

  it('counts refused attempts against neither the cap nor the bucket', () => {
    const time = clock();
    const gate = new ConnectionGate(1, 1, time.now);
    expect(gate.admit('ip')).toBe(true);
    for (let i = 0; i < 10; i++) expect(gate.admit('ip')).toBe(false);
    gate.released('ip', false);
    expect(gate.admit('ip')).toBe(true);
  });

  it('forgets an address with nothing open and a full bucket', () => {
    const gate = new ConnectionGate(5, 10, clock().now);
    gate.admit('a');
    gate.admit('b');
    expect(gate.trackedAddresses).toBe(2);
    gate.authenticated('a');
    gate.released('a', true);
    gate.released('b', false);
    expect(gate.trackedAddresses).toBe(0);
  });

  it('eventually forgets addresses whose bucket was drained, once it has refilled', () => {
    const time = clock();
    const gate = new ConnectionGate(100, 1, time.now); // burst 5
    for (let i = 0; i < 1000; i++) {
      const ip = `2001:db8::${i.toString(16)}`;
      for (let j = 0; j < 3; j++) gate.admit(ip);
      for (let j = 0; j < 3; j++) gate.released(ip, false);
    }
    // Each address made three quick connections and closed them all.
    time.advance(60_000);
    gate.admit('198.51.100.1');
    gate.released('198.51.100.1', false);
    expect(gate.trackedAddresses).toBe(0);
  });

  it('keeps an address that still has connections open', () => {
    const time = clock();
    const gate = new ConnectionGate(100, 1, time.now);
    gate.admit('busy');
    time.advance(60_000);
    gate.admit('other');
    expect(gate.trackedAddresses).toBe(2);
    expect(gate.admit('busy')).toBe(true);
  });
});
