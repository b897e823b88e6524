import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('lets a few failures pass, then makes each attempt wait longer, up to the cap', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle({ freeAttempts: 3, maxDelayMs: 8000, now: () => now });
    const keys = ['account:a@x', 'ip:192.0.2.1'];
    for (let i = 0; i < 2; i++) throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(0);
    throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(1);
    now += 1000;
    expect(throttle.retryAfter(keys)).toBe(0);
    throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(2);
    for (let i = 0; i < 10; i++) throttle.failed(keys);
    expect(throttle.retryAfter(keys)).toBe(8);
  });

  it('counts accounts and IPs separately; a success clears only the keys given', () => {
    const now = 5_000_000;
    const throttle = new LoginThrottle({ freeAttempts: 1, now: () => now });
    throttle.failed(['account:a@x', 'ip:192.0.2.1']);
    expect(throttle.retryAfter(['account:b@x', 'ip:192.0.2.2'])).toBe(0);
    expect(throttle.retryAfter(['account:b@x', 'ip:192.0.2.1'])).toBe(1);
    throttle.succeeded(['account:a@x']);
    expect(throttle.retryAfter(['account:a@x'])).toBe(0);
    expect(throttle.retryAfter(['ip:192.0.2.1'])).toBe(1);
  });

  it('forgets old failures and stays bounded', () => {
    let now = 0;
    const throttle = new LoginThrottle({ freeAttempts: 1, windowMs: 10_000, maxEntries: 3, now: () => now });
    throttle.failed(['k1']);
    now += 20_000;
    expect(throttle.retryAfter(['k1'])).toBe(0);
    for (const key of ['a', 'b', 'c', 'd']) throttle.failed([key]);
    expect(throttle.retryAfter(['a'])).toBe(0);
    expect(throttle.retryAfter(['d'])).toBe(1);
  });
});
