// Contract for DomainsRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { appErrorOf, createAccount, uniqueName, useStore, type MakeStore } from './fixtures.js';

export function describeDomainsRepo(make: MakeStore): void {
  describe('DomainsRepo', () => {
    const store = useStore(make);

    it('inserts with defaults and reads back by id and name', async () => {
      const { domains } = store().repos;
      const name = `${uniqueName('d')}.example`;
      const domain = await domains.insert({ name, description: 'Les Amis' });
      expect(domain).toMatchObject({ name, kind: 'regular', description: 'Les Amis', groupware: true, webdav: true, teamchat: true });
      expect(domain.createdAt).toBeInstanceOf(Date);
      expect(await domains.get(domain.id)).toEqual(domain);
      expect(await domains.getByName(name)).toEqual(domain);
      expect((await domains.find()).map((d) => d.name)).toContain(name);
    });

    it('stores a guest domain with its switches', async () => {
      const { domains } = store().repos;
      const domain = await domains.insert({
        name: `${uniqueName('g')}.example`, kind: 'guest', groupware: false, webdav: false, teamchat: false,
      });
      expect(await domains.get(domain.id)).toMatchObject({ kind: 'guest', groupware: false, webdav: false, teamchat: false });
    });

    it('returns undefined for unknown domains', async () => {
      const { domains } = store().repos;
      expect(await domains.get(987_654_321)).toBeUndefined();
      expect(await domains.getByName('nowhere.invalid')).toBeUndefined();
      expect(await domains.update(987_654_321, { teamchat: false })).toBeUndefined();
      expect(await domains.delete(987_654_321)).toBe(false);
    });

    it('refuses a duplicate name with a conflict', async () => {
      const { domains } = store().repos;
      const name = `${uniqueName('d')}.example`;
      await domains.insert({ name });
      const error = await appErrorOf(domains.insert({ name }));
      expect(error.condition).toBe('conflict');
    });

    it('updates only the given fields', async () => {
      const { domains } = store().repos;
      const domain = await domains.insert({ name: `${uniqueName('d')}.example`, description: 'before' });
      const updated = await domains.update(domain.id, { teamchat: false });
      expect(updated).toMatchObject({ description: 'before', groupware: true, webdav: true, teamchat: false });
      expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(domain.updatedAt.getTime());
      expect(await domains.update(domain.id, { description: null })).toMatchObject({ description: null, teamchat: false });
    });

    it('lists domains sorted by name', async () => {
      const { domains } = store().repos;
      const names = (await domains.find()).map((d) => d.name);
      expect(names).toEqual([...names].sort());
    });

    it('deletes a domain and its accounts', async () => {
      const { repos } = store();
      const domain = await repos.domains.insert({ name: `${uniqueName('d')}.example` });
      const account = await createAccount(repos, domain.id);
      expect(await repos.domains.delete(domain.id)).toBe(true);
      expect(await repos.domains.get(domain.id)).toBeUndefined();
      expect(await repos.accounts.get(account.id)).toBeUndefined();
    });
  });
}
