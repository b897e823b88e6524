import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedLock', () => {
  it('runs tasks of one key one after another, in submission order', async () => {
    const lock = new KeyedLock<number>();
    const log: string[] = [];
    const task = (name: string) => async (): Promise<string> => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([lock.run(1, task('a')), lock.run(1, task('b')), lock.run(1, task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different keys interleave', async () => {
    const lock = new KeyedLock<string>();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const blocked = lock.run('x', () => new Promise<void>((resolve) => { release = resolve; }));
    await lock.run('y', async () => { log.push('y ran while x waits'); });
    expect(log).toEqual(['y ran while x waits']);
    release();
    await blocked;
  });

  it('keeps going after a failing task and reports the failure to its caller only', async () => {
    const lock = new KeyedLock<number>();
    const failing = lock.run(7, async () => { throw new Error('boom'); });
    const next = lock.run(7, async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('forgets keys once their queue is empty', async () => {
    const lock = new KeyedLock<number>();
    await lock.run(1, async () => undefined);
    await tick();
    expect(lock.size).toBe(0);
  });
});
