// AuthThrottle with a fake clock: growth, cap, forgetting, reset, bounds.

import { describe, expect, it } from 'vitest';
import { AuthThrottle, DEFAULT_THROTTLE } from './auth-throttle.js';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const OPTIONS = { freeAttempts: 3, baseDelayMs: 500, maxDelayMs: 4_000, forgetAfterMs: 60_000, maxEntries: 1000 };

describe('AuthThrottle', () => {
  it('lets the free attempts through, then doubles the delay per failure up to the cap (per account)', () => {
    const time = clock();
    const throttle = new AuthThrottle(OPTIONS, time.now);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      // A different IP each time: only the account record grows.
      throttle.recordFailure('alice@example.org', `192.0.2.${i}`);
      delays.push(throttle.delayFor('alice@example.org', `192.0.2.${i}`));
      time.advance(1_000);
    }
    expect(delays).toEqual([0, 0, 0, 500, 1_000, 2_000, 4_000, 4_000]);
  });

  it('grows per IP across accounts', () => {
    const time = clock();
    const throttle = new AuthThrottle(OPTIONS, time.now);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      throttle.recordFailure(`user${i}@example.org`, '198.51.100.7');
      delays.push(throttle.delayFor(`user${i}@example.org`, '198.51.100.7'));
    }
    expect(delays).toEqual([0, 0, 0, 500, 1_000, 2_000]);
    // Another IP trying a fresh account is not slowed down.
    expect(throttle.delayFor('user9@example.org', '198.51.100.8')).toBe(0);
    // The IP's delay applies to any account it tries.
    expect(throttle.delayFor('someone@example.org', '198.51.100.7')).toBe(2_000);
  });

  it('takes the larger of the account and IP delays', () => {
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0 }, clock().now);
    throttle.recordFailure('a@x', 'ip1');
    throttle.recordFailure('a@x', 'ip2');
    throttle.recordFailure('b@x', 'ip2');
    expect(throttle.delayFor('a@x', 'ip9')).toBe(1_000); // account a: 2 failures
    expect(throttle.delayFor('c@x', 'ip2')).toBe(1_000); // ip2: 2 failures
    expect(throttle.delayFor('a@x', 'ip2')).toBe(1_000);
    expect(throttle.delayFor('b@x', 'ip1')).toBe(500);
  });

  it('forgets failures after the window and starts again from zero', () => {
    const time = clock();
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0 }, time.now);
    for (let i = 0; i < 4; i++) throttle.recordFailure('alice@x', 'ip');
    expect(throttle.delayFor('alice@x', 'ip')).toBe(4_000);
    time.advance(60_000);
    expect(throttle.delayFor('alice@x', 'ip')).toBe(4_000); // still inside the window
    time.advance(1);
    expect(throttle.delayFor('alice@x', 'ip')).toBe(0);
    throttle.recordFailure('alice@x', 'ip');
    expect(throttle.delayFor('alice@x', 'ip')).toBe(500);
  });

  it('measures the window from the last failure', () => {
    const time = clock();
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0 }, time.now);
    throttle.recordFailure('alice@x', 'ip');
    time.advance(50_000);
    throttle.recordFailure('alice@x', 'ip');
    time.advance(50_000);
    expect(throttle.delayFor('alice@x', 'ip')).toBe(1_000);
    time.advance(10_001);
    expect(throttle.delayFor('alice@x', 'ip')).toBe(0);
  });

  it("resets the account on success but keeps the IP's record", () => {
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0 }, clock().now);
    for (let i = 0; i < 3; i++) throttle.recordFailure('alice@x', 'ip');
    throttle.recordFailure('bob@x', 'other-ip');
    throttle.recordSuccess('alice@x', 'ip');
    // Alice from a clean address is no longer slowed down…
    expect(throttle.delayFor('alice@x', 'clean-ip')).toBe(0);
    // …but the address that guessed keeps its delay: one valid login must not reset a guesser.
    expect(throttle.delayFor('mallory@x', 'ip')).toBe(2000);
    expect(throttle.delayFor('bob@x', 'other-ip')).toBe(500);
    throttle.recordFailure('alice@x', 'clean-ip');
    expect(throttle.delayFor('alice@x', 'clean-ip')).toBe(500);
  });

  it('keeps at most maxEntries records, dropping the least recently failed', () => {
    const time = clock();
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0, maxEntries: 4 }, time.now);
    for (let i = 0; i < 10; i++) {
      throttle.recordFailure(`u${i}@x`, `ip${i}`);
      time.advance(1);
    }
    // Two records per failure (account, IP): the last two pairs remain.
    expect(throttle.delayFor('u9@x', 'ip9')).toBe(500);
    expect(throttle.delayFor('u8@x', 'ip8')).toBe(500);
    expect(throttle.delayFor('u7@x', 'ip7')).toBe(0);
    expect(throttle.delayFor('u0@x', 'ip0')).toBe(0);
  });

  it('counts a renewed record as recent when choosing what to drop', () => {
    const time = clock();
    const throttle = new AuthThrottle({ ...OPTIONS, freeAttempts: 0, maxEntries: 4, forgetAfterMs: 1_000 }, time.now);
    throttle.recordFailure('a@x', 'ip-a');
    time.advance(10);
    throttle.recordFailure('b@x', 'ip-b');
    time.advance(2_000); // both expired
    throttle.recordFailure('a@x', 'ip-a'); // renewed: now the most recent
    time.advance(1);
    throttle.recordFailure('c@x', 'ip-c'); // over the bound: b's records go
    expect(throttle.delayFor('a@x', 'ip-a')).toBe(500);
    expect(throttle.delayFor('c@x', 'ip-c')).toBe(500);
  });

  it('has sensible defaults', () => {
    expect(DEFAULT_THROTTLE.freeAttempts).toBeGreaterThan(0);
    expect(DEFAULT_THROTTLE.maxDelayMs).toBeGreaterThan(DEFAULT_THROTTLE.baseDelayMs);
    const throttle = new AuthThrottle();
    expect(throttle.delayFor('nobody@x', 'ip')).toBe(0);
  });
});
