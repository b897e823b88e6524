import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseJid } from '../../core/jid.js';
import type { DurableWrite } from '../../domain/durable-writer.js';
import { NS_DELAY, NS_HINTS } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { OfflineStore } from './offline-store.js';

const bob = parseJid('bob@x.test');
const chat = (text: string, ...extra: ReturnType<typeof el>[]) => el('message', { type: 'chat', from: 'a@x.test/r', to: 'bob@x.test' }, el('body', null, text), ...extra);

function setup(limit: number, stored = 0) {
  const writes: DurableWrite[] = [];
  const committed: number[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = new OfflineStore({
    repo: { count: async () => stored },
    durable: {
      write: (op) => {
        writes.push(op);
        return gate;
      },
    },
    accountIdOf: async (jid) => (jid.bare === 'bob@x.test' ? 42 : undefined),
    limit,
    committed: (id) => committed.push(id),
    now: () => new Date('2024-02-03T04:05:06.000Z'),
  });
  return { store, writes, committed, release: () => release() };
}

describe('OfflineStore', () => {
  it('stores a message with a delay stamp from the domain and registers the write', async () => {
    const { store, writes, committed, release } = setup(10);
    const durable: Promise<unknown>[] = [];
    expect(await store.store({ stanza: chat('hi'), to: bob, durable: (p) => durable.push(p) })).toBe(true);
    expect(durable).toHaveLength(1);
    const copy = writes[0]?.offline?.[0];
    expect(copy?.accountId).toBe(42);
    expect(copy?.stanza).toContain(`<delay xmlns="${NS_DELAY}" from="x.test" stamp="2024-02-03T04:05:06.000Z"/>`);
    release();
    await durable[0];
    await new Promise((r) => setImmediate(r));
    expect(committed).toEqual([42]);
  });

  it('declines what is not worth storing', async () => {
    const { store, writes } = setup(10);
    const noop = () => undefined;
    expect(await store.store({ stanza: el('message', { type: 'chat' }, el('active', { xmlns: 'http://jabber.org/protocol/chatstates' })), to: bob, durable: noop })).toBe(false);
    expect(await store.store({ stanza: chat('x', el('no-store', { xmlns: NS_HINTS })), to: bob, durable: noop })).toBe(false);
    expect(await store.store({ stanza: el('message', { type: 'headline' }, el('body', null, 'x')), to: bob, durable: noop })).toBe(false);
    expect(await store.store({ stanza: chat('x'), to: parseJid('ghost@x.test'), durable: noop })).toBe(false);
    expect(writes).toHaveLength(0);
  });

  it('counts exactly under a burst, even when a committed row is visible before its commit is acknowledged', async () => {
    // A real database shows a committed row to a count on another connection
    // before the writer hears its commit: model that, and the store must
    // neither overshoot the limit nor refuse early by counting a row twice.
    let visible = 1;
    const writes: DurableWrite[] = [];
    const store = new OfflineStore({
      repo: { count: async () => visible },
      durable: {
        write: (op) => {
          writes.push(op);
          visible += 1;
          return new Promise<void>((resolve) => setImmediate(resolve));
        },
      },
      accountIdOf: async () => 42,
      limit: 3,
    });
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => store.store({ stanza: chat(`m${i}`), to: bob, durable: () => undefined })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    const reason = (results[2] as PromiseRejectedResult).reason as AppError;
    expect(reason).toBeInstanceOf(AppError);
    expect(reason.condition).toBe('resource-constraint');
    expect(reason.text).toMatch(/bob@x\.test is offline and cannot take more messages/);
    expect(writes).toHaveLength(2);
  });
});
