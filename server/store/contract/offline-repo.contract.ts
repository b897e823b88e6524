// Contract for OfflineRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { createAccount, createDomain, useStore, type MakeStore } from './fixtures.js';

export function describeOfflineRepo(make: MakeStore): void {
  describe('OfflineRepo', () => {
    const store = useStore(make);
    const newAccount = async (): Promise<number> => {
      const { repos } = store();
      return (await createAccount(repos, (await createDomain(repos)).id)).id;
    };

    it('returns messages oldest first, limited, with their time', async () => {
      const { offline } = store().repos;
      const owner = await newAccount();
      const first = new Date('2026-01-02T03:04:05.678Z');
      await offline.insert(owner, ['<message id="1"/>', '<message id="2"/>'], first);
      await offline.insert(owner, ['<message id="3"/>'], new Date(first.getTime() + 1));
      const all = await offline.find(owner, 10);
      expect(all.map((m) => m.stanza)).toEqual(['<message id="1"/>', '<message id="2"/>', '<message id="3"/>']);
      expect(all[0]?.createdAt).toEqual(first);
      expect((await offline.find(owner, 2)).map((m) => m.stanza)).toEqual(['<message id="1"/>', '<message id="2"/>']);
      expect(await offline.count(owner)).toBe(3);
    });

    it('deletes only the given ids of the given account', async () => {
      const { offline } = store().repos;
      const [owner, other] = [await newAccount(), await newAccount()];
      await offline.insert(owner, ['<message id="a"/>', '<message id="b"/>'], new Date());
      await offline.insert(other, ['<message id="c"/>'], new Date());
      const [a] = await offline.find(owner, 1);
      const [c] = await offline.find(other, 1);
      await offline.deleteIds(owner, [a!.id, c!.id]);
      expect((await offline.find(owner, 10)).map((m) => m.stanza)).toEqual(['<message id="b"/>']);
      expect(await offline.count(other)).toBe(1);
      await offline.deleteIds(owner, []);
      expect(await offline.count(owner)).toBe(1);
    });

    it('is empty for an account with no messages', async () => {
      const { offline } = store().repos;
      const owner = await newAccount();
      await offline.insert(owner, [], new Date());
      expect(await offline.find(owner, 10)).toEqual([]);
      expect(await offline.count(owner)).toBe(0);
    });
  });
}
