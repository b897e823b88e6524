// SerialQueue: strict order, synchronous fast path, async tasks, errors.

import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SerialQueue', () => {
  it('runs synchronous tasks at once, in order', () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    const log: number[] = [];
    queue.push(() => void log.push(1));
    expect(log).toEqual([1]); // ran inside push()
    queue.push(() => void log.push(2));
    expect(log).toEqual([1, 2]);
    expect(queue.size).toBe(0);
    expect(errors).toEqual([]);
  });

  it('runs a task pushed by a running task after it, not inside it', () => {
    const queue = new SerialQueue(() => undefined);
    const log: string[] = [];
    queue.push(() => {
      log.push('outer start');
      queue.push(() => void log.push('inner'));
      log.push('outer end');
    });
    expect(log).toEqual(['outer start', 'outer end', 'inner']);
  });

  it('waits for an async task before starting the next one', async () => {
    const queue = new SerialQueue(() => undefined);
    const log: string[] = [];
    const gate = deferred();
    queue.push(async () => {
      log.push('a start');
      await gate.promise;
      log.push('a end');
    });
    queue.push(() => void log.push('b'));
    queue.push(async () => void log.push('c'));
    expect(log).toEqual(['a start']);
    expect(queue.size).toBe(2);
    await tick();
    expect(log).toEqual(['a start']);
    gate.resolve();
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('reports errors, sync and async, and keeps going', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    const log: string[] = [];
    queue.push(() => {
      throw new Error('sync');
    });
    queue.push(() => void log.push('after sync'));
    queue.push(async () => {
      throw new Error('async');
    });
    queue.push(() => void log.push('after async'));
    await tick();
    expect(log).toEqual(['after sync', 'after async']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });

  it('goes back to the synchronous path once drained', async () => {
    const queue = new SerialQueue(() => undefined);
    const log: string[] = [];
    queue.push(async () => void log.push('async'));
    await tick();
    queue.push(() => void log.push('sync'));
    expect(log).toEqual(['async', 'sync']);
  });

  it('clear() drops waiting tasks but lets the running one finish', async () => {
    const queue = new SerialQueue(() => undefined);
    const log: string[] = [];
    const gate = deferred();
    queue.push(async () => {
      await gate.promise;
      log.push('running');
    });
    queue.push(() => void log.push('dropped'));
    queue.clear();
    expect(queue.size).toBe(0);
    gate.resolve();
    await tick();
    queue.push(() => void log.push('later'));
    expect(log).toEqual(['running', 'later']);
  });
});
