// Contract for AccountsRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { appErrorOf, createAccount, createDomain, scram, uniqueName, useStore, type MakeStore } from './fixtures.js';

export function describeAccountsRepo(make: MakeStore): void {
  describe('AccountsRepo', () => {
    const store = useStore(make);

    it('inserts an account with defaults and reads it back', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await repos.accounts.insert({
        domainId: domain.id, localpart: 'alice', displayName: 'Alice Zoë 🎉', email: 'alice@mail.example',
        scramSha1: scram('a1'), scramSha256: scram('a256'),
      });
      expect(account).toMatchObject({
        domainId: domain.id, domain: domain.name, localpart: 'alice', kind: 'user', displayName: 'Alice Zoë 🎉',
        firstName: null, lastName: null, email: 'alice@mail.example', disabled: false, serverAdmin: false,
        groupware: null, webdav: null, teamchat: null, quotaBytes: null, rosterVersion: 0, lastLoginAt: null, lastLoginIp: null,
        scramSha1: scram('a1'), scramSha256: scram('a256'),
      });
      expect(await repos.accounts.get(account.id)).toEqual(account);
      expect(await repos.accounts.getByAddress('alice', domain.name)).toEqual(account);
    });

    it('returns undefined for unknown accounts', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      await createAccount(repos, domain.id, { localpart: 'bob' });
      expect(await repos.accounts.get(987_654_321)).toBeUndefined();
      expect(await repos.accounts.getByAddress('bob', 'other.invalid')).toBeUndefined();
      expect(await repos.accounts.getByAddress('nobody', domain.name)).toBeUndefined();
      expect(await repos.accounts.update(987_654_321, { disabled: true })).toBeUndefined();
      expect(await repos.accounts.delete(987_654_321)).toBe(false);
    });

    it('finds accounts by their exact email, without case, beyond any search page', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const email = `${uniqueName('jean')}@exemple.fr`;
      // Many accounts whose email contains the address: a substring search would page through them.
      for (let i = 0; i < 3; i++) await createAccount(repos, domain.id, { email: `x${email}` });
      const owner = await createAccount(repos, domain.id, { email: email.toUpperCase() });
      await createAccount(repos, domain.id, { email: `${email}.org` });
      expect((await repos.accounts.findByEmail(email)).map((a) => a.id)).toEqual([owner.id]);
      expect(await repos.accounts.findByEmail(`nobody-${email}`)).toEqual([]);
      expect(await repos.accounts.findByEmail('%@exemple.fr')).toEqual([]);
    });

    it('keeps localparts exact: no case or accent folding in the unique key', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      await createAccount(repos, domain.id, { localpart: 'rene' });
      await createAccount(repos, domain.id, { localpart: 'rené' });
      await createAccount(repos, domain.id, { localpart: 'Rene' });
      expect((await repos.accounts.getByAddress('rené', domain.name))?.localpart).toBe('rené');
      expect(await repos.accounts.count({ domainId: domain.id })).toBe(3);
    });

    it('refuses a duplicate address with a conflict, allows it in another domain', async () => {
      const { repos } = store();
      const [one, two] = [await createDomain(repos), await createDomain(repos)];
      await createAccount(repos, one.id, { localpart: 'carol' });
      expect((await appErrorOf(createAccount(repos, one.id, { localpart: 'carol' }))).condition).toBe('conflict');
      expect((await createAccount(repos, two.id, { localpart: 'carol' })).domain).toBe(two.name);
    });

    it('refuses an account in an unknown domain', async () => {
      const { repos } = store();
      expect((await appErrorOf(createAccount(repos, 987_654_321))).condition).toBe('item-not-found');
    });

    it('updates policies, quota, names and SCRAM secrets', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await createAccount(repos, domain.id, { firstName: 'Dana' });
      const updated = await repos.accounts.update(account.id, {
        teamchat: false, groupware: true, quotaBytes: 5_000_000_000, lastName: 'Doe', serverAdmin: true,
        disabled: true, language: 'fr', scramSha256: scram('new'),
      });
      expect(updated).toMatchObject({
        firstName: 'Dana', lastName: 'Doe', teamchat: false, groupware: true, webdav: null, quotaBytes: 5_000_000_000,
        serverAdmin: true, disabled: true, language: 'fr', scramSha256: scram('new'), scramSha1: scram('1'),
      });
      const inherited = await repos.accounts.update(account.id, { teamchat: null, quotaBytes: null });
      expect(inherited).toMatchObject({ teamchat: null, groupware: true, quotaBytes: null });
    });

    it('searches case-insensitively over names and email, with literal wildcards', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      await createAccount(repos, domain.id, { localpart: 'erin', displayName: 'Erin Sommer' });
      await createAccount(repos, domain.id, { localpart: 'frank', lastName: 'SOMMERFELD' });
      await createAccount(repos, domain.id, { localpart: 'gus', email: 'gus.sommer@mail.example' });
      await createAccount(repos, domain.id, { localpart: 'h_i' });
      await createAccount(repos, domain.id, { localpart: 'hxi' });
      const localparts = async (search: string): Promise<string[]> =>
        (await repos.accounts.find({ domainId: domain.id, search })).map((a) => a.localpart);
      expect(await localparts('sOmMer')).toEqual(['erin', 'frank', 'gus']);
      expect(await localparts('h_i')).toEqual(['h_i']);
      expect(await localparts('%')).toEqual([]);
      expect(await localparts('nothing-like-this')).toEqual([]);
      expect(await repos.accounts.count({ domainId: domain.id, search: 'sommer' })).toBe(3);
    });

    it('pages in a stable order and counts by kind', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      for (const localpart of ['p5', 'p1', 'p4', 'p2', 'p3']) await createAccount(repos, domain.id, { localpart });
      await createAccount(repos, domain.id, { localpart: 'guest1', kind: 'guest' });
      const page = async (limit: number, offset: number): Promise<string[]> =>
        (await repos.accounts.find({ domainId: domain.id, kind: 'user', limit, offset })).map((a) => a.localpart);
      expect(await page(2, 0)).toEqual(['p1', 'p2']);
      expect(await page(2, 2)).toEqual(['p3', 'p4']);
      expect(await page(2, 4)).toEqual(['p5']);
      expect((await repos.accounts.find({ domainId: domain.id, offset: 5 })).map((a) => a.localpart)).toEqual(['p5']);
      expect(await repos.accounts.count({ domainId: domain.id })).toBe(6);
      expect(await repos.accounts.count({ domainId: domain.id, kind: 'guest' })).toBe(1);
      expect((await repos.accounts.find({ domainId: domain.id, kind: 'guest' }))[0]?.kind).toBe('guest');
    });

    it('records logins with millisecond precision', async () => {
      const { repos } = store();
      const account = await createAccount(repos, (await createDomain(repos)).id);
      const at = new Date('2026-03-04T05:06:07.089Z');
      await repos.accounts.recordLogin(account.id, at, '2001:db8::1');
      expect(await repos.accounts.get(account.id)).toMatchObject({ lastLoginAt: at, lastLoginIp: '2001:db8::1' });
    });

    it('bumps the roster version', async () => {
      const { repos } = store();
      const account = await createAccount(repos, (await createDomain(repos)).id);
      expect(await repos.accounts.bumpRosterVersion(account.id)).toBe(1);
      expect(await repos.accounts.bumpRosterVersion(account.id)).toBe(2);
      expect((await repos.accounts.get(account.id))?.rosterVersion).toBe(2);
      expect((await appErrorOf(repos.accounts.bumpRosterVersion(987_654_321))).condition).toBe('item-not-found');
    });

    it('deletes an account', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await createAccount(repos, domain.id, { localpart: uniqueName('del') });
      expect(await repos.accounts.delete(account.id)).toBe(true);
      expect(await repos.accounts.get(account.id)).toBeUndefined();
      expect(await repos.accounts.getByAddress(account.localpart, domain.name)).toBeUndefined();
    });
  });
}
