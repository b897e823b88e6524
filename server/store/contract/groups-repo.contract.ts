// Contract for GroupsRepo (run on every database by describeAllRepos):
// groups, members of each principal type, managers, join requests.
import { describe, expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import type { Group } from '../teamchat-types.js';
import { appErrorOf, createAccount, createDomain, uniqueName, useStore, type MakeStore } from './fixtures.js';

export async function createGroup(repos: Repositories, domainId: number, extra: Partial<Pick<Group, 'access'>> = {}): Promise<Group> {
  const alias = uniqueName('g');
  return repos.groups.insert({ domainId, name: `Group ${alias}`, alias, ...extra });
}

export function describeGroupsRepo(make: MakeStore): void {
  describe('GroupsRepo', () => {
    const store = useStore(make);

    it('inserts with defaults and reads back by id and alias', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const group = await repos.groups.insert({ domainId: domain.id, name: 'Les Amis', alias: uniqueName('amis') });
      expect(group).toMatchObject({ domainId: domain.id, domain: domain.name, name: 'Les Amis', access: 'open', description: null, teamchatEnabled: false });
      expect(group.createdAt).toBeInstanceOf(Date);
      expect(await repos.groups.get(group.id)).toEqual(group);
      expect(await repos.groups.getByAlias(domain.id, group.alias)).toEqual(group);
      const restricted = await repos.groups.insert({ domainId: domain.id, name: 'R', alias: uniqueName('r'), access: 'restricted', description: 'd' });
      expect(restricted).toMatchObject({ access: 'restricted', description: 'd' });
    });

    it('returns undefined or false for unknown groups', async () => {
      const { repos } = store();
      expect(await repos.groups.get(987_654_321)).toBeUndefined();
      expect(await repos.groups.getByAlias(987_654_321, 'nobody')).toBeUndefined();
      expect(await repos.groups.update(987_654_321, { name: 'x' })).toBeUndefined();
      expect(await repos.groups.delete(987_654_321)).toBe(false);
      expect(await repos.groups.getJoinRequest(987_654_321)).toBeUndefined();
      expect(await repos.groups.removeMember(987_654_321, { type: 'account', accountId: 1 })).toBe(false);
      expect(await repos.groups.removeManager(987_654_321, 1)).toBe(false);
    });

    it('refuses a duplicate alias in a domain but allows it in another', async () => {
      const { repos } = store();
      const [a, b] = [await createDomain(repos), await createDomain(repos)];
      const alias = uniqueName('dup');
      await repos.groups.insert({ domainId: a.id, name: 'One', alias });
      expect((await appErrorOf(repos.groups.insert({ domainId: a.id, name: 'Two', alias }))).condition).toBe('conflict');
      expect((await repos.groups.insert({ domainId: b.id, name: 'Three', alias })).domainId).toBe(b.id);
    });

    it('updates only the given fields and finds by domain and search', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const group = await repos.groups.insert({ domainId: domain.id, name: 'Zebra Team', alias: uniqueName('zebra'), description: 'keep' });
      const other = await createGroup(repos, domain.id);
      const updated = await repos.groups.update(group.id, { teamchatEnabled: true, access: 'private' });
      expect(updated).toMatchObject({ name: 'Zebra Team', description: 'keep', teamchatEnabled: true, access: 'private' });
      const all = await repos.groups.find({ domainId: domain.id });
      expect(all.map((g) => g.id).sort()).toEqual([group.id, other.id].sort());
      expect(all.map((g) => g.name)).toEqual([...all.map((g) => g.name)].sort());
      expect((await repos.groups.find({ domainId: domain.id, search: 'zEBRA' })).map((g) => g.id)).toEqual([group.id]);
      expect(await repos.groups.find({ domainId: domain.id, search: '100%_' })).toEqual([]);
    });

    it('stores members of each principal type once and removes them', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await createAccount(repos, domain.id);
      const group = await createGroup(repos, domain.id);
      const child = await createGroup(repos, domain.id);
      await repos.groups.addMember(group.id, { type: 'account', accountId: account.id }, account.id);
      await repos.groups.addMember(group.id, { type: 'domain', domainId: domain.id }, null);
      await repos.groups.addMember(group.id, { type: 'group', groupId: child.id }, null);
      expect(await repos.groups.members(group.id)).toEqual([
        { type: 'account', accountId: account.id },
        { type: 'domain', domainId: domain.id },
        { type: 'group', groupId: child.id },
      ]);
      expect((await appErrorOf(repos.groups.addMember(group.id, { type: 'account', accountId: account.id }, null))).condition).toBe('conflict');
      expect((await appErrorOf(repos.groups.addMember(group.id, { type: 'group', groupId: child.id }, null))).condition).toBe('conflict');
      const edges = await repos.groups.allMemberships();
      expect(edges).toContainEqual({ groupId: group.id, member: { type: 'group', groupId: child.id } });
      expect(await repos.groups.removeMember(group.id, { type: 'group', groupId: 987_654_321 })).toBe(false);
      expect(await repos.groups.removeMember(group.id, { type: 'domain', domainId: domain.id })).toBe(true);
      expect(await repos.groups.removeMember(group.id, { type: 'domain', domainId: domain.id })).toBe(false);
      expect(await repos.groups.members(group.id)).toHaveLength(2);
    });

    it('keeps managers once each and lists what an account manages', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [a, b] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const [g1, g2] = [await createGroup(repos, domain.id), await createGroup(repos, domain.id)];
      await repos.groups.addManager(g1.id, b.id);
      await repos.groups.addManager(g1.id, a.id);
      await repos.groups.addManager(g2.id, a.id);
      expect((await appErrorOf(repos.groups.addManager(g1.id, a.id))).condition).toBe('conflict');
      expect(await repos.groups.managers(g1.id)).toEqual([a.id, b.id].sort((x, y) => x - y));
      expect((await repos.groups.managedBy(a.id)).sort()).toEqual([g1.id, g2.id].sort());
      expect(await repos.groups.removeManager(g1.id, a.id)).toBe(true);
      expect(await repos.groups.removeManager(g1.id, a.id)).toBe(false);
      expect(await repos.groups.managedBy(a.id)).toEqual([g2.id]);
    });

    it('decides a join request once (a second decision returns false)', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [asker, manager] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const group = await createGroup(repos, domain.id, { access: 'restricted' });
      const request = await repos.groups.insertJoinRequest(group.id, asker.id, 'please');
      expect(request).toMatchObject({ groupId: group.id, accountId: asker.id, status: 'pending', message: 'please', decidedBy: null, decidedAt: null });
      expect(await repos.groups.findJoinRequests({ groupId: group.id, status: 'pending' })).toEqual([request]);
      const at = new Date('2026-11-23T10:00:00Z');
      expect(await repos.groups.decideJoinRequest(request.id, 'approved', manager.id, at)).toBe(true);
      expect(await repos.groups.decideJoinRequest(request.id, 'rejected', manager.id, new Date())).toBe(false);
      const decided = await repos.groups.getJoinRequest(request.id);
      expect(decided).toMatchObject({ status: 'approved', decidedBy: manager.id });
      expect(decided?.decidedAt?.getTime()).toBe(at.getTime());
      expect(await repos.groups.findJoinRequests({ groupId: group.id, status: 'pending' })).toEqual([]);
      expect((await repos.groups.findJoinRequests({ accountId: asker.id })).map((r) => r.id)).toEqual([request.id]);
    });

    it('deletes a group with its members, managers, requests and memberships in other groups', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await createAccount(repos, domain.id);
      const [parent, group] = [await createGroup(repos, domain.id), await createGroup(repos, domain.id)];
      await repos.groups.addMember(group.id, { type: 'account', accountId: account.id }, null);
      await repos.groups.addMember(parent.id, { type: 'group', groupId: group.id }, null);
      await repos.groups.addManager(group.id, account.id);
      const request = await repos.groups.insertJoinRequest(group.id, account.id, null);
      expect(await repos.groups.delete(group.id)).toBe(true);
      expect(await repos.groups.get(group.id)).toBeUndefined();
      expect(await repos.groups.members(group.id)).toEqual([]);
      expect(await repos.groups.members(parent.id)).toEqual([]);
      expect(await repos.groups.managedBy(account.id)).toEqual([]);
      expect(await repos.groups.getJoinRequest(request.id)).toBeUndefined();
    });

    it('drops memberships, managers and requests of a deleted account and a deleted domain', async () => {
      const { repos } = store();
      const home = await createDomain(repos);
      const elsewhere = await createDomain(repos);
      const account = await createAccount(repos, home.id);
      const group = await createGroup(repos, home.id);
      await repos.groups.addMember(group.id, { type: 'account', accountId: account.id }, null);
      await repos.groups.addMember(group.id, { type: 'domain', domainId: elsewhere.id }, account.id);
      await repos.groups.addManager(group.id, account.id);
      await repos.groups.insertJoinRequest(group.id, account.id, null);
      expect(await repos.domains.delete(elsewhere.id)).toBe(true);
      expect(await repos.accounts.delete(account.id)).toBe(true);
      expect(await repos.groups.members(group.id)).toEqual([]);
      expect(await repos.groups.managers(group.id)).toEqual([]);
      expect(await repos.groups.findJoinRequests({ groupId: group.id })).toEqual([]);
      expect(await repos.domains.delete(home.id)).toBe(true);
      expect(await repos.groups.get(group.id)).toBeUndefined();
    });
  });
}
