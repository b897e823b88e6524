// Contracts for the WebAdmin's repositories: admin sessions, API tokens and
// SmartDiscover hosts/URLs (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { appErrorOf, createAccount, createDomain, uniqueName, useStore, type MakeStore } from './fixtures.js';

const MINUTE = 60_000;

export function describeAdminSessionsRepo(make: MakeStore): void {
  describe('AdminSessionsRepo', () => {
    const store = useStore(make);

    it('stores a session by id hash, touches it, deletes it', async () => {
      const { repos } = store();
      const account = await createAccount(repos, (await createDomain(repos)).id);
      const at = new Date(Date.UTC(2026, 10, 23, 10, 0, 0, 123));
      const hash = uniqueName('hash');
      const session = await repos.adminSessions.insert({ idHash: hash, accountId: account.id, csrfToken: 'csrf-1', ip: '192.0.2.7', at, expiresAt: new Date(at.getTime() + 30 * MINUTE) });
      expect(await repos.adminSessions.getByHash(hash)).toEqual(session);
      expect(await repos.adminSessions.getByHash(uniqueName('other'))).toBeUndefined();
      const later = new Date(at.getTime() + 5 * MINUTE);
      await repos.adminSessions.touch(session.id, later, new Date(later.getTime() + 30 * MINUTE));
      expect(await repos.adminSessions.getByHash(hash)).toMatchObject({ lastSeenAt: later, expiresAt: new Date(later.getTime() + 30 * MINUTE), createdAt: at });
      expect(await repos.adminSessions.delete(session.id)).toBe(true);
      expect(await repos.adminSessions.delete(session.id)).toBe(false);
      expect(await repos.adminSessions.getByHash(hash)).toBeUndefined();
    });

    it('refuses a duplicate id hash; deletes expired sessions and an account’s sessions', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [alice, bob] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const now = new Date();
      const old = uniqueName('old');
      await repos.adminSessions.insert({ idHash: old, accountId: alice.id, csrfToken: 'c', ip: null, at: new Date(now.getTime() - 60 * MINUTE), expiresAt: new Date(now.getTime() - MINUTE) });
      const fresh = uniqueName('fresh');
      await repos.adminSessions.insert({ idHash: fresh, accountId: alice.id, csrfToken: 'c', ip: null, at: now, expiresAt: new Date(now.getTime() + MINUTE) });
      const bobs = uniqueName('bob');
      await repos.adminSessions.insert({ idHash: bobs, accountId: bob.id, csrfToken: 'c', ip: null, at: now, expiresAt: new Date(now.getTime() + MINUTE) });
      expect((await appErrorOf(repos.adminSessions.insert({ idHash: fresh, accountId: bob.id, csrfToken: 'c', ip: null, at: now, expiresAt: now }))).condition).toBe('conflict');
      expect(await repos.adminSessions.deleteExpired(now)).toBeGreaterThanOrEqual(1);
      expect(await repos.adminSessions.getByHash(old)).toBeUndefined();
      expect(await repos.adminSessions.getByHash(fresh)).toBeDefined();
      expect(await repos.adminSessions.deleteForAccount(alice.id)).toBe(1);
      expect(await repos.adminSessions.getByHash(fresh)).toBeUndefined();
      expect(await repos.adminSessions.getByHash(bobs)).toBeDefined();
    });

    it('drops the sessions of a deleted account', async () => {
      const { repos } = store();
      const account = await createAccount(repos, (await createDomain(repos)).id);
      const hash = uniqueName('gone');
      await repos.adminSessions.insert({ idHash: hash, accountId: account.id, csrfToken: 'c', ip: null, at: new Date(), expiresAt: new Date(Date.now() + MINUTE) });
      await repos.accounts.delete(account.id);
      expect(await repos.adminSessions.getByHash(hash)).toBeUndefined();
    });
  });
}

export function describeApiTokensRepo(make: MakeStore): void {
  describe('ApiTokensRepo', () => {
    const store = useStore(make);

    it('stores tokens by hash, lists an account’s, records use, deletes only the owner’s', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [alice, bob] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const at = new Date(Date.UTC(2026, 10, 23, 9, 0, 0, 0));
      const hash = uniqueName('tok');
      const first = await repos.apiTokens.insert({ accountId: alice.id, tokenHash: hash, name: 'backup script', at });
      const second = await repos.apiTokens.insert({ accountId: alice.id, tokenHash: uniqueName('tok'), name: 'monitoring', at });
      expect(await repos.apiTokens.getByHash(hash)).toEqual(first);
      expect((await repos.apiTokens.findByAccount(alice.id)).map((t) => t.name)).toEqual(['backup script', 'monitoring']);
      expect(await repos.apiTokens.findByAccount(bob.id)).toEqual([]);
      const used = new Date(at.getTime() + 1000);
      await repos.apiTokens.touch(first.id, used);
      expect((await repos.apiTokens.getByHash(hash))?.lastUsedAt).toEqual(used);
      expect(await repos.apiTokens.delete(second.id, bob.id)).toBe(false);
      expect(await repos.apiTokens.delete(second.id, alice.id)).toBe(true);
      expect((await repos.apiTokens.findByAccount(alice.id)).map((t) => t.id)).toEqual([first.id]);
      expect((await appErrorOf(repos.apiTokens.insert({ accountId: bob.id, tokenHash: hash, name: 'dup', at }))).condition).toBe('conflict');
    });
  });
}

export function describeDiscoveryRepo(make: MakeStore): void {
  describe('DiscoveryRepo', () => {
    const store = useStore(make);

    it('adds, changes and removes service hosts; refuses the same service, host and port twice', async () => {
      const { repos } = store();
      const host = `${uniqueName('mail')}.example`;
      const imap = await repos.discovery.insertHost({ service: 'imap', host, port: 993, mode: 'tls' });
      const smtp = await repos.discovery.insertHost({ service: 'smtp', host, port: 587, mode: 'starttls' });
      const mine = (await repos.discovery.hosts()).filter((h) => h.host === host);
      expect(mine).toEqual([imap, smtp]);
      expect((await appErrorOf(repos.discovery.insertHost({ service: 'imap', host, port: 993, mode: 'starttls' }))).condition).toBe('conflict');
      expect(await repos.discovery.updateHost(smtp.id, { service: 'smtp', host, port: 465, mode: 'tls' })).toEqual({ ...smtp, port: 465, mode: 'tls' });
      expect((await appErrorOf(repos.discovery.updateHost(smtp.id, { service: 'imap', host, port: 993, mode: 'tls' }))).condition).toBe('conflict');
      expect(await repos.discovery.updateHost(987_654_321, { service: 'smtp', host, port: 1, mode: 'tls' })).toBeUndefined();
      expect(await repos.discovery.deleteHost(imap.id)).toBe(true);
      expect(await repos.discovery.deleteHost(imap.id)).toBe(false);
      expect(await repos.discovery.getHost(smtp.id)).toMatchObject({ port: 465 });
    });

    it('puts (inserts or replaces) and removes service URLs by name', async () => {
      const { repos } = store();
      const name = uniqueName('url');
      await repos.discovery.putUrl(name, 'https://chat.example/web/');
      await repos.discovery.putUrl(name, 'https://chat.example/client/');
      const found = (await repos.discovery.urls()).filter((u) => u.name === name);
      expect(found.map((u) => u.url)).toEqual(['https://chat.example/client/']);
      expect(found[0]?.updatedAt).toBeInstanceOf(Date);
      expect(await repos.discovery.deleteUrl(name)).toBe(true);
      expect(await repos.discovery.deleteUrl(name)).toBe(false);
    });
  });
}

export function describeAccountsScope(make: MakeStore): void {
  describe('AccountsRepo domainIds filter (WebAdmin scopes)', () => {
    const store = useStore(make);

    it('lists and counts only the accounts of the given domains; an empty list matches nothing', async () => {
      const { repos } = store();
      const [one, two, three] = [await createDomain(repos), await createDomain(repos), await createDomain(repos)];
      const a = await createAccount(repos, one.id);
      const b = await createAccount(repos, two.id);
      await createAccount(repos, three.id);
      expect((await repos.accounts.find({ domainIds: [one.id, two.id] })).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      expect(await repos.accounts.count({ domainIds: [one.id, two.id] })).toBe(2);
      expect(await repos.accounts.find({ domainIds: [] })).toEqual([]);
      expect(await repos.accounts.count({ domainIds: [] })).toBe(0);
    });
  });
}
