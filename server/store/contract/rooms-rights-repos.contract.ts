// Contracts for RoomsRepo, RightsRepo and DomainAdminsRepo (run on every
// database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import type { Rights, Room } from '../teamchat-types.js';
import { appErrorOf, createAccount, createDomain, uniqueName, useStore, type MakeStore } from './fixtures.js';
import { createGroup } from './groups-repo.contract.js';

const NONE: Rights = { read: false, write: false, modify: false, delete: false, rename: false, invite: false, admin: false };
const READ: Rights = { ...NONE, read: true };
const AUTHOR: Rights = { ...READ, write: true, modify: true };

async function privateRoom(repos: Repositories, domainId: number, createdBy: number | null = null): Promise<Room> {
  return repos.rooms.insert({ domainId, localpart: uniqueName('room'), name: 'Room', kind: 'private', createdBy });
}

export function describeRoomsRepo(make: MakeStore): void {
  describe('RoomsRepo', () => {
    const store = useStore(make);

    it('inserts group and private rooms and reads them back by id and address', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const account = await createAccount(repos, domain.id);
      const group = await createGroup(repos, domain.id);
      const room = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('team'), name: 'TeamChat', kind: 'group', groupId: group.id });
      expect(room).toMatchObject({ domain: domain.name, name: 'TeamChat', kind: 'group', groupId: group.id, createdBy: null, archived: false, subject: null, description: null });
      expect(await repos.rooms.get(room.id)).toEqual(room);
      expect(await repos.rooms.getByAddress(domain.id, room.localpart)).toEqual(room);
      const mine = await privateRoom(repos, domain.id, account.id);
      expect(mine).toMatchObject({ kind: 'private', groupId: null, createdBy: account.id });
      expect((await repos.rooms.find({ groupId: group.id })).map((r) => r.id)).toEqual([room.id]);
      expect((await repos.rooms.find({ domainId: domain.id, kind: 'private' })).map((r) => r.id)).toEqual([mine.id]);
      expect((await repos.rooms.find({ ids: [mine.id, room.id] })).map((r) => r.id).sort()).toEqual([room.id, mine.id].sort());
      expect(await repos.rooms.find({ ids: [] })).toEqual([]);
    });

    it('returns undefined or false for unknown rooms and refuses a taken address', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      expect(await repos.rooms.get(987_654_321)).toBeUndefined();
      expect(await repos.rooms.getByAddress(domain.id, 'nowhere')).toBeUndefined();
      expect(await repos.rooms.update(987_654_321, { name: 'x' })).toBeUndefined();
      expect(await repos.rooms.delete(987_654_321)).toBe(false);
      expect(await repos.rooms.removeMember(987_654_321, 1)).toBe(false);
      const room = await privateRoom(repos, domain.id);
      const error = await appErrorOf(repos.rooms.insert({ domainId: domain.id, localpart: room.localpart, name: 'Again', kind: 'private' }));
      expect(error.condition).toBe('conflict');
    });

    it('updates only the given fields', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const room = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('r'), name: 'Before', description: 'keep', kind: 'private' });
      const at = new Date('2026-11-23T09:00:00Z');
      const updated = await repos.rooms.update(room.id, { subject: 'Hello', subjectBy: 'a@b/c', subjectAt: at, archived: true });
      expect(updated).toMatchObject({ name: 'Before', description: 'keep', subject: 'Hello', subjectBy: 'a@b/c', archived: true });
      expect(updated?.subjectAt?.getTime()).toBe(at.getTime());
      expect(await repos.rooms.update(room.id, { name: 'After', archived: false })).toMatchObject({ name: 'After', subject: 'Hello', archived: false });
    });

    it('keeps explicit members once each, and drops them with the room or the account', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [a, b] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const room = await privateRoom(repos, domain.id, a.id);
      await repos.rooms.addMember(room.id, b.id, a.id);
      await repos.rooms.addMember(room.id, a.id, null);
      expect((await appErrorOf(repos.rooms.addMember(room.id, b.id, null))).condition).toBe('conflict');
      expect(await repos.rooms.members(room.id)).toEqual([b.id, a.id]);
      expect(await repos.rooms.roomsWithMember(b.id)).toEqual([room.id]);
      expect(await repos.rooms.removeMember(room.id, a.id)).toBe(true);
      expect(await repos.rooms.removeMember(room.id, a.id)).toBe(false);
      // The creator's account goes: the room stays, without creator.
      expect(await repos.accounts.delete(a.id)).toBe(true);
      expect(await repos.rooms.get(room.id)).toMatchObject({ createdBy: null });
      expect(await repos.rooms.delete(room.id)).toBe(true);
      expect(await repos.rooms.roomsWithMember(b.id)).toEqual([]);
    });

    it('deletes a group room with its group', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const group = await createGroup(repos, domain.id);
      const room = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('g'), name: 'G', kind: 'group', groupId: group.id });
      await repos.groups.delete(group.id);
      expect(await repos.rooms.get(room.id)).toBeUndefined();
    });
  });
}

export function describeRightsRepo(make: MakeStore): void {
  describe('RightsRepo', () => {
    const store = useStore(make);

    it('puts, replaces, finds and deletes grants on a room and on a group', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const [admin, user] = [await createAccount(repos, domain.id), await createAccount(repos, domain.id)];
      const group = await createGroup(repos, domain.id);
      const room = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('g'), name: 'G', kind: 'group', groupId: group.id });
      const other = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('g'), name: 'G2', kind: 'group', groupId: group.id });
      const roomScope = { kind: 'room', roomId: room.id } as const;
      const groupScope = { kind: 'group', groupId: group.id } as const;

      const first = await repos.rights.put(roomScope, { type: 'account', accountId: user.id }, READ, admin.id);
      expect(first).toMatchObject({ scope: roomScope, grantee: { type: 'account', accountId: user.id }, rights: READ, grantedBy: admin.id });
      const replaced = await repos.rights.put(roomScope, { type: 'account', accountId: user.id }, { ...AUTHOR, invite: true }, null);
      expect(replaced).toMatchObject({ id: first.id, rights: { ...AUTHOR, invite: true }, grantedBy: null });
      await repos.rights.put(groupScope, { type: 'domain', domainId: domain.id }, READ, admin.id);
      await repos.rights.put(groupScope, { type: 'group', groupId: group.id }, AUTHOR, admin.id);
      // Same grantee id under another type is another grant.
      await repos.rights.put(roomScope, { type: 'group', groupId: group.id }, { ...NONE, read: true, admin: true }, null);

      expect(await repos.rights.find(roomScope)).toHaveLength(2);
      expect((await repos.rights.find(groupScope)).map((g) => g.grantee)).toEqual([{ type: 'domain', domainId: domain.id }, { type: 'group', groupId: group.id }]);
      expect(await repos.rights.findForRoom(room.id, group.id)).toHaveLength(4);
      expect(await repos.rights.findForRoom(other.id, group.id)).toHaveLength(2);
      expect(await repos.rights.findForRoom(room.id, null)).toHaveLength(2);

      expect(await repos.rights.delete(roomScope, { type: 'account', accountId: user.id })).toBe(true);
      expect(await repos.rights.delete(roomScope, { type: 'account', accountId: user.id })).toBe(false);
      expect(await repos.rights.delete(groupScope, { type: 'account', accountId: user.id })).toBe(false);
      expect((await repos.rights.find(roomScope)).map((g) => g.grantee)).toEqual([{ type: 'group', groupId: group.id }]);
    });

    it('drops grants with their room, their group, and their grantee', async () => {
      const { repos } = store();
      const domain = await createDomain(repos);
      const other = await createDomain(repos);
      const user = await createAccount(repos, domain.id);
      const [group, grantee] = [await createGroup(repos, domain.id), await createGroup(repos, domain.id)];
      const room = await privateRoom(repos, domain.id, user.id);
      const roomScope = { kind: 'room', roomId: room.id } as const;
      const groupScope = { kind: 'group', groupId: group.id } as const;
      await repos.rights.put(roomScope, { type: 'account', accountId: user.id }, READ, null);
      await repos.rights.put(roomScope, { type: 'group', groupId: grantee.id }, READ, null);
      await repos.rights.put(roomScope, { type: 'domain', domainId: other.id }, READ, user.id);
      await repos.rights.put(groupScope, { type: 'account', accountId: user.id }, READ, user.id);
      await repos.domains.delete(other.id);
      await repos.groups.delete(grantee.id);
      expect((await repos.rights.find(roomScope)).map((g) => g.grantee)).toEqual([{ type: 'account', accountId: user.id }]);
      await repos.accounts.delete(user.id);
      expect(await repos.rights.find(roomScope)).toEqual([]);
      expect(await repos.rights.find(groupScope)).toEqual([]);
      await repos.rights.put(groupScope, { type: 'domain', domainId: domain.id }, READ, null);
      await repos.rights.put(roomScope, { type: 'domain', domainId: domain.id }, READ, null);
      await repos.groups.delete(group.id);
      await repos.rooms.delete(room.id);
      expect(await repos.rights.find(groupScope)).toEqual([]);
      expect(await repos.rights.find(roomScope)).toEqual([]);
    });
  });
}

export function describeDomainAdminsRepo(make: MakeStore): void {
  describe('DomainAdminsRepo', () => {
    const store = useStore(make);

    it('adds, lists and removes domain administrators', async () => {
      const { repos } = store();
      const [a, b] = [await createDomain(repos), await createDomain(repos)];
      const [x, y] = [await createAccount(repos, a.id), await createAccount(repos, a.id)];
      await repos.domainAdmins.add(a.id, y.id);
      await repos.domainAdmins.add(a.id, x.id);
      await repos.domainAdmins.add(b.id, x.id);
      expect((await appErrorOf(repos.domainAdmins.add(a.id, x.id))).condition).toBe('conflict');
      expect(await repos.domainAdmins.adminsOf(a.id)).toEqual([x.id, y.id].sort((p, q) => p - q));
      expect((await repos.domainAdmins.domainsOf(x.id)).sort()).toEqual([a.id, b.id].sort());
      expect(await repos.domainAdmins.remove(a.id, x.id)).toBe(true);
      expect(await repos.domainAdmins.remove(a.id, x.id)).toBe(false);
      expect(await repos.domainAdmins.domainsOf(x.id)).toEqual([b.id]);
      expect(await repos.domainAdmins.domainsOf(987_654_321)).toEqual([]);
    });

    it('forgets administrators with their account or their domain', async () => {
      const { repos } = store();
      const [a, b] = [await createDomain(repos), await createDomain(repos)];
      const [x, y] = [await createAccount(repos, a.id), await createAccount(repos, a.id)];
      await repos.domainAdmins.add(a.id, x.id);
      await repos.domainAdmins.add(b.id, y.id);
      await repos.accounts.delete(x.id);
      expect(await repos.domainAdmins.adminsOf(a.id)).toEqual([]);
      await repos.domains.delete(b.id);
      expect(await repos.domainAdmins.domainsOf(y.id)).toEqual([]);
    });
  });
}
