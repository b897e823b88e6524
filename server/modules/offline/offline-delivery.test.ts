import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import type { OfflineMessage } from '../../store/types.js';
import type { Element } from '../../xmpp/stanza.js';
import type { Account } from '../../store/types.js';
import { OfflineDelivery } from './offline-delivery.js';
import type { OfflineRecipient } from './offline-delivery.js';

const log = createLogger('error', 'test', () => undefined);

function fakeRepo(count: number) {
  let rows: OfflineMessage[] = Array.from({ length: count }, (_, i) => ({ id: i + 1, stanza: `<message to='bob@x'><body>m${i + 1}</body></message>`, createdAt: new Date() }));
  const deleted: number[] = [];
  return {
    deleted,
    add(stanza: string) {
      rows.push({ id: rows.length + deleted.length + 100, stanza, createdAt: new Date() });
    },
    repo: {
      find: async (_account: number, limit: number) => rows.slice(0, limit),
      deleteIds: async (_account: number, ids: number[]) => {
        deleted.push(...ids);
        rows = rows.filter((r) => !ids.includes(r.id));
      },
    },
  };
}

function session(priority = 0): OfflineRecipient & { sent: Element[] } {
  const sent: Element[] = [];
  return { sent, priority, phase: 'bound', account: { id: 1 } as Account, send: (s: Element) => void sent.push(s) };
}

describe('OfflineDelivery', () => {
  it('sends everything oldest first, across batches, then deletes it', async () => {
    const store = fakeRepo(250);
    const target = session();
    expect(await new OfflineDelivery(store.repo, log, 1000).flush(target)).toBe(250);
    expect(target.sent.map((s) => s.getChildText('body'))).toEqual(Array.from({ length: 250 }, (_, i) => `m${i + 1}`));
    expect(store.deleted).toHaveLength(250);
  });

  it('does nothing for a negative priority', async () => {
    const store = fakeRepo(3);
    const target = session(-1);
    expect(await new OfflineDelivery(store.repo, log, 1000).flush(target)).toBe(0);
    expect(store.deleted).toEqual([]);
  });

  it('never sends the same message to two resources coming online together', async () => {
    const store = fakeRepo(5);
    const delivery = new OfflineDelivery(store.repo, log, 1000);
    const one = session();
    const two = session();
    await Promise.all([delivery.flush(one), delivery.flush(two)]);
    expect(one.sent.length + two.sent.length).toBe(5);
  });

  it('keeps what it could not hand over when the session closes, and drops unreadable rows', async () => {
    const store = fakeRepo(0);
    store.add('<message><body>ok</body></message>');
    store.add('not xml <');
    const target = session();
    const delivery = new OfflineDelivery(store.repo, log, 1000);
    expect(await delivery.flush(target)).toBe(1);
    expect(store.deleted).toHaveLength(2);
    store.add('<message><body>later</body></message>');
    target.phase = 'closed';
    expect(await delivery.flush(target)).toBe(0);
    expect(store.deleted).toHaveLength(2);
  });
});
