// EventBus: priority order, first true wins, sync/async handlers, unhook.

import { describe, expect, it } from 'vitest';
import { EventBus } from './events.js';

interface TestEvents {
  ping: { calls: string[] };
  pong: { calls: string[] };
}

describe('EventBus.fire', () => {
  it('returns false when nobody listens', () => {
    const bus = new EventBus<TestEvents>();
    expect(bus.fire('ping', { calls: [] })).toBe(false);
    expect(bus.has('ping')).toBe(false);
  });

  it('runs handlers from the highest priority down, in registration order within a priority', () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', ({ calls }) => void calls.push('low'), -10);
    bus.hook('ping', ({ calls }) => void calls.push('default-1'));
    bus.hook('ping', ({ calls }) => void calls.push('high'), 10);
    bus.hook('ping', ({ calls }) => void calls.push('default-2'), 0);
    const payload = { calls: [] as string[] };
    expect(bus.fire('ping', payload)).toBe(false);
    expect(payload.calls).toEqual(['high', 'default-1', 'default-2', 'low']);
  });

  it('stops at the first handler that returns true', () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', ({ calls }) => {
      calls.push('a');
      return false;
    }, 3);
    bus.hook('ping', ({ calls }) => {
      calls.push('b');
      return true;
    }, 2);
    bus.hook('ping', ({ calls }) => {
      calls.push('c');
      return true;
    }, 1);
    const payload = { calls: [] as string[] };
    expect(bus.fire('ping', payload)).toBe(true);
    expect(payload.calls).toEqual(['a', 'b']);
  });

  it('treats only true as handled (not truthy values)', () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', () => 1 as unknown as boolean);
    bus.hook('ping', ({ calls }) => void calls.push('next'));
    const payload = { calls: [] as string[] };
    expect(bus.fire('ping', payload)).toBe(false);
    expect(payload.calls).toEqual(['next']);
  });

  it('stays synchronous while handlers are synchronous', () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', () => false);
    bus.hook('ping', () => true);
    expect(bus.fire('ping', { calls: [] })).toBe(true);
  });

  it('awaits an async handler, then continues with the next ones', async () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', async ({ calls }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push('slow');
      return false;
    }, 2);
    bus.hook('ping', ({ calls }) => {
      calls.push('sync');
      return false;
    }, 1);
    bus.hook('ping', async ({ calls }) => {
      calls.push('async-true');
      return true;
    }, 0);
    bus.hook('ping', ({ calls }) => void calls.push('never'), -1);
    const payload = { calls: [] as string[] };
    const result = bus.fire('ping', payload);
    expect(result).toBeInstanceOf(Promise);
    expect(payload.calls).toEqual([]);
    expect(await result).toBe(true);
    expect(payload.calls).toEqual(['slow', 'sync', 'async-true']);
  });

  it('resolves false when every async handler declines', async () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', async () => false);
    bus.hook('ping', async () => undefined);
    expect(await bus.fire('ping', { calls: [] })).toBe(false);
  });

  it('propagates a handler error to the caller', async () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', () => {
      throw new Error('sync boom');
    });
    expect(() => bus.fire('ping', { calls: [] })).toThrow('sync boom');
    const other = new EventBus<TestEvents>();
    other.hook('ping', async () => {
      throw new Error('async boom');
    });
    await expect(other.fire('ping', { calls: [] })).rejects.toThrow('async boom');
  });

  it('keeps events apart', () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('pong', () => true);
    expect(bus.fire('ping', { calls: [] })).toBe(false);
    expect(bus.fire('pong', { calls: [] })).toBe(true);
  });
});

describe('EventBus.hook unhook', () => {
  it('removes exactly the registration it was returned for', () => {
    const bus = new EventBus<TestEvents>();
    const same = ({ calls }: { calls: string[] }): void => void calls.push('same');
    const first = bus.hook('ping', same);
    bus.hook('ping', same);
    first();
    const payload = { calls: [] as string[] };
    bus.fire('ping', payload);
    expect(payload.calls).toEqual(['same']);
  });

  it('forgets the event when its last handler is removed, and tolerates a second call', () => {
    const bus = new EventBus<TestEvents>();
    const unhook = bus.hook('ping', () => true);
    expect(bus.has('ping')).toBe(true);
    unhook();
    expect(bus.has('ping')).toBe(false);
    expect(bus.fire('ping', { calls: [] })).toBe(false);
    unhook();
    const again = bus.hook('ping', () => true);
    unhook(); // the old unhook must not remove the new registration
    expect(bus.fire('ping', { calls: [] })).toBe(true);
    again();
    expect(bus.has('ping')).toBe(false);
  });

  it('lets a handler unhook itself while the event runs, without skipping the others', () => {
    const bus = new EventBus<TestEvents>();
    const unhook = bus.hook('ping', ({ calls }) => {
      calls.push('once');
      unhook();
    }, 1);
    bus.hook('ping', ({ calls }) => void calls.push('always'));
    const first = { calls: [] as string[] };
    bus.fire('ping', first);
    const second = { calls: [] as string[] };
    bus.fire('ping', second);
    expect(first.calls).toEqual(['once', 'always']);
    expect(second.calls).toEqual(['always']);
  });

  it('does not run a handler added while the event is being fired', async () => {
    for (const count of [1, 2]) {
      const bus = new EventBus<TestEvents>();
      let added = false;
      for (let i = 0; i < count; i++) {
        bus.hook('ping', async ({ calls }) => {
          calls.push(`original-${i}`);
          if (!added) {
            added = true;
            bus.hook('ping', ({ calls: c }) => void c.push('late'), -1);
          }
          return false;
        });
      }
      const payload = { calls: [] as string[] };
      await bus.fire('ping', payload);
      expect(payload.calls, `${count} handler(s)`).toEqual(Array.from({ length: count }, (_, i) => `original-${i}`));
    }
  });
});

describe('EventBus.notify', () => {
  it('runs every handler in priority order even when some return true, awaiting async ones', async () => {
    const bus = new EventBus<TestEvents>();
    bus.hook('ping', async ({ calls }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push('first');
      return true;
    }, 5);
    bus.hook('ping', ({ calls }) => {
      calls.push('second');
      return true;
    });
    const payload = { calls: [] as string[] };
    await bus.notify('ping', payload);
    expect(payload.calls).toEqual(['first', 'second']);
    await expect(bus.notify('pong', payload)).resolves.toBeUndefined();
  });
});
