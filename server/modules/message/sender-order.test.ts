import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { SenderOrder } from './sender-order.js';

const log = createLogger('error', 'test', () => undefined);

function deferred(): { promise: Promise<void>; resolve(): void; reject(e: unknown): void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SenderOrder', () => {
  it('delivers at once when nothing is pending', () => {
    const order = new SenderOrder(log);
    const seen: string[] = [];
    order.run('a', undefined, () => seen.push('now'), () => seen.push('failed'));
    expect(seen).toEqual(['now']);
    expect(order.pendingSenders).toBe(0);
  });

  it('keeps a later uncommitted message behind an earlier one waiting for its commit', async () => {
    const order = new SenderOrder(log);
    const seen: string[] = [];
    const first = deferred();
    order.run('a', first.promise, () => seen.push('1'), () => seen.push('1 failed'));
    order.run('a', undefined, () => seen.push('2 (chat state)'), () => seen.push('2 failed'));
    const third = deferred();
    order.run('a', third.promise, () => seen.push('3'), () => seen.push('3 failed'));
    order.run('b', undefined, () => seen.push('other sender'), () => undefined);
    third.resolve();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['other sender']);
    first.resolve();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['other sender', '1', '2 (chat state)', '3']);
    expect(order.pendingSenders).toBe(0);
  });

  it('reports a failed commit instead of delivering, and goes on with the next', async () => {
    const order = new SenderOrder(log);
    const seen: string[] = [];
    const first = deferred();
    order.run('a', first.promise, () => seen.push('1'), (e) => seen.push(`1 failed: ${String(e)}`));
    order.run('a', Promise.resolve(), () => seen.push('2'), () => seen.push('2 failed'));
    first.reject('disk full');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['1 failed: disk full', '2']);
  });

  it('survives a throwing delivery step', async () => {
    const order = new SenderOrder(log);
    const seen: string[] = [];
    order.run('a', Promise.resolve(), () => {
      throw new Error('boom');
    }, () => undefined);
    order.run('a', undefined, () => seen.push('next'), () => undefined);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['next']);
  });
});
