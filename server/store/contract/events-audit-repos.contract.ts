// Contracts for the append-only logs: EventsRepo and AuditRepo (run on every
// database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { createAccount, createDomain, useStore, type MakeStore } from './fixtures.js';

export function describeEventsRepo(make: MakeStore): void {
  describe('EventsRepo', () => {
    const store = useStore(make);

    it('appends with increasing ids and reads after an id in order', async () => {
      const { events } = store().repos;
      const start = await events.lastId();
      const ids = [
        await events.append('account-deleted', '{"id":1}'),
        await events.append('policy-changed', '{"domain":"a.example"}'),
        await events.append('room-destroyed', '{"room":3}'),
      ];
      expect(ids[0]).toBeGreaterThan(start);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(await events.lastId()).toBe(ids[2]);
      const read = await events.after(start, 2);
      expect(read.map((e) => [e.id, e.type, e.payload])).toEqual([
        [ids[0], 'account-deleted', '{"id":1}'],
        [ids[1], 'policy-changed', '{"domain":"a.example"}'],
      ]);
      expect(read[0]?.createdAt).toBeInstanceOf(Date);
      expect((await events.after(ids[1]!, 10)).map((e) => e.id)).toEqual([ids[2]]);
      expect(await events.after(ids[2]!, 10)).toEqual([]);
    });

    it('prunes events older than a date', async () => {
      const { events } = store().repos;
      const id = await events.append('old', '{}');
      expect(await events.prune(new Date(Date.now() - 3_600_000))).toBe(0);
      expect((await events.after(id - 1, 10)).map((e) => e.id)).toContain(id);
      expect(await events.prune(new Date(Date.now() + 3_600_000))).toBeGreaterThanOrEqual(1);
      expect(await events.after(0, 10)).toEqual([]);
      // Ids keep growing after a prune: followers never see one twice.
      expect(await events.append('new', '{}')).toBeGreaterThan(id);
    });
  });
}

export function describeAuditRepo(make: MakeStore): void {
  describe('AuditRepo', () => {
    const store = useStore(make);

    it('finds entries newest first, by actor, with paging', async () => {
      const { repos } = store();
      const actor = await createAccount(repos, (await createDomain(repos)).id);
      const base = { actorAccountId: actor.id, actor: `${actor.localpart}@${actor.domain}`, targetType: 'account', ip: '192.0.2.1' };
      for (const action of ['account-created', 'password-reset', 'account-disabled']) {
        await repos.audit.append({ ...base, action, targetId: '42', details: `{"action":"${action}"}` });
      }
      await repos.audit.append({ actorAccountId: null, actor: 'cli', action: 'domain-created', targetType: null, targetId: null, details: null, ip: null });
      const mine = await repos.audit.find({ limit: 10, actorAccountId: actor.id });
      expect(mine.map((e) => e.action)).toEqual(['account-disabled', 'password-reset', 'account-created']);
      expect(mine[0]).toMatchObject({ ...base, targetId: '42', details: '{"action":"account-disabled"}' });
      expect(mine[0]?.createdAt).toBeInstanceOf(Date);
      expect((await repos.audit.find({ limit: 1, offset: 1, actorAccountId: actor.id })).map((e) => e.action)).toEqual(['password-reset']);
      expect((await repos.audit.find({ limit: 1 }))[0]).toMatchObject({ actor: 'cli', action: 'domain-created', actorAccountId: null });
    });

    it('keeps entries when the actor account is deleted', async () => {
      const { repos } = store();
      const actor = await createAccount(repos, (await createDomain(repos)).id);
      await repos.audit.append({ actorAccountId: actor.id, actor: 'gone@example.org', action: 'x', targetType: null, targetId: null, details: null, ip: null });
      const [entry] = await repos.audit.find({ limit: 1 });
      await repos.accounts.delete(actor.id);
      const [after] = await repos.audit.find({ limit: 1 });
      expect(after).toMatchObject({ id: entry?.id, actorAccountId: null, actor: 'gone@example.org' });
    });
  });
}
