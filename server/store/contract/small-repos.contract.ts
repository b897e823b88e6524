// Contracts for the small key/value repositories: VcardRepo, BlocklistRepo
// and SettingsRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { createAccount, createDomain, uniqueName, useStore, type MakeStore } from './fixtures.js';

export function describeVcardRepo(make: MakeStore): void {
  describe('VcardRepo', () => {
    const store = useStore(make);

    it('stores one vCard per account and replaces it', async () => {
      const { repos } = store();
      const owner = (await createAccount(repos, (await createDomain(repos)).id)).id;
      expect(await repos.vcards.get(owner)).toBeUndefined();
      await repos.vcards.put(owner, '<vCard xmlns="vcard-temp"><FN>Zoë</FN></vCard>');
      await repos.vcards.put(owner, '<vCard xmlns="vcard-temp"><FN>Zoë 2</FN></vCard>');
      expect(await repos.vcards.get(owner)).toBe('<vCard xmlns="vcard-temp"><FN>Zoë 2</FN></vCard>');
    });
  });
}

export function describeBlocklistRepo(make: MakeStore): void {
  describe('BlocklistRepo', () => {
    const store = useStore(make);

    it('adds idempotently, lists sorted, removes and clears per account', async () => {
      const { repos } = store();
      const domainId = (await createDomain(repos)).id;
      const [owner, other] = [(await createAccount(repos, domainId)).id, (await createAccount(repos, domainId)).id];
      await repos.blocklist.add(owner, ['spam@example.org', 'evil.example', 'spam@example.org']);
      await repos.blocklist.add(owner, ['spam@example.org', 'troll@example.org']);
      await repos.blocklist.add(other, ['other@example.org']);
      expect(await repos.blocklist.find(owner)).toEqual(['evil.example', 'spam@example.org', 'troll@example.org']);
      await repos.blocklist.remove(owner, ['evil.example', 'not-there@example.org']);
      expect(await repos.blocklist.find(owner)).toEqual(['spam@example.org', 'troll@example.org']);
      await repos.blocklist.clear(owner);
      expect(await repos.blocklist.find(owner)).toEqual([]);
      expect(await repos.blocklist.find(other)).toEqual(['other@example.org']);
    });
  });
}

export function describeSettingsRepo(make: MakeStore): void {
  describe('SettingsRepo', () => {
    const store = useStore(make);

    it('gets, puts, overwrites and lists settings', async () => {
      const { settings } = store().repos;
      const key = uniqueName('setting.');
      expect(await settings.get(key)).toBeUndefined();
      await settings.put(key, 'one');
      await settings.put(key, '{"two":"deux ✓"}');
      expect(await settings.get(key)).toBe('{"two":"deux ✓"}');
      expect((await settings.all())[key]).toBe('{"two":"deux ✓"}');
    });
  });
}
