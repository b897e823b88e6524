// The groups service over real repositories: validation, aliases, joining
// and leaving, join requests, private groups, guests, cycles, authorization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import type { Account, Domain } from '../store/types.js';
import type { Group, GroupAccess } from '../store/teamchat-types.js';
import { SYSTEM_ACTOR } from './actor.js';

let serial = 0;

describe('groups service', () => {
  let kit: TeamChatKit;
  let domain: Domain;
  let admin: Account;
  beforeAll(async () => {
    kit = await openTeamChatKit();
    domain = await kit.domain();
    admin = await kit.account(domain.id);
    await kit.repos.domainAdmins.add(domain.id, admin.id);
  });
  afterAll(async () => {
    await kit.close();
  });

  async function group(access: GroupAccess = 'open', inDomain: Domain = domain): Promise<Group> {
    serial += 1;
    return kit.services.groups.create(SYSTEM_ACTOR, { domain: inDomain.name, name: `Group ${serial}`, alias: `grp-${serial}`, access });
  }

  it('creates a group, normalizing the alias, and audits it', async () => {
    const created = await kit.services.groups.create(await kit.actor(admin), { domain: domain.name.toUpperCase(), name: '  Les Amis ', alias: ' Les.Amis ' });
    expect(created).toMatchObject({ domainId: domain.id, name: 'Les Amis', alias: 'les.amis', access: 'open', teamchatEnabled: false });
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: admin.id });
    expect(entry).toMatchObject({ action: 'group.create', actor: `${admin.localpart}@${domain.name}`, targetType: 'group', targetId: String(created.id) });
  });

  it('validates name, alias, access and domain', async () => {
    const { groups } = kit.services;
    const base = { domain: domain.name, name: 'Valid', alias: 'valid-alias' };
    expect(await rejection(groups.create(SYSTEM_ACTOR, { ...base, name: '   ' }))).toMatchObject({ condition: 'bad-request', appCondition: 'invalid-name' });
    expect(await rejection(groups.create(SYSTEM_ACTOR, { ...base, name: 'x'.repeat(191) }))).toMatchObject({ appCondition: 'invalid-name' });
    for (const alias of ['', '-lead', 'trail-', 'has space', 'a@b', 'x'.repeat(65)]) {
      expect(await rejection(groups.create(SYSTEM_ACTOR, { ...base, alias }))).toMatchObject({ condition: 'bad-request', appCondition: 'invalid-alias' });
    }
    expect((await rejection(groups.create(SYSTEM_ACTOR, { ...base, access: 'secret' as GroupAccess }))).condition).toBe('bad-request');
    expect((await rejection(groups.create(SYSTEM_ACTOR, { ...base, domain: 'nowhere.invalid' }))).condition).toBe('item-not-found');
    expect(await kit.repos.groups.getByAlias(domain.id, 'valid-alias')).toBeUndefined();
  });

  it('refuses an alias taken by a group or an account of the domain', async () => {
    const { groups } = kit.services;
    const existing = await group();
    expect((await rejection(groups.create(SYSTEM_ACTOR, { domain: domain.name, name: 'Again', alias: existing.alias }))).condition).toBe('conflict');
    const account = await kit.account(domain.id);
    expect((await rejection(groups.create(SYSTEM_ACTOR, { domain: domain.name, name: 'Person', alias: account.localpart }))).condition).toBe('conflict');
    const other = await kit.domain();
    expect((await groups.create(SYSTEM_ACTOR, { domain: other.name, name: 'Same alias elsewhere', alias: existing.alias })).domainId).toBe(other.id);
  });

  it('lets anyone join and leave an open group', async () => {
    const { groups } = kit.services;
    const g = await group('open');
    const user = await kit.account(domain.id);
    expect(await groups.join(user, g.id)).toBeUndefined();
    expect(await groups.members(g.id)).toEqual([{ type: 'account', accountId: user.id }]);
    expect((await rejection(groups.join(user, g.id))).condition).toBe('conflict');
    await groups.leave(user, g.id);
    expect(await groups.members(g.id)).toEqual([]);
    expect((await rejection(groups.leave(user, g.id))).condition).toBe('item-not-found');
  });

  it('turns joining a restricted group into a request decided once', async () => {
    const { groups } = kit.services;
    const g = await group('restricted');
    const [asker, other] = [await kit.account(domain.id), await kit.account(domain.id)];
    const request = await groups.join(asker, g.id, 'hello');
    expect(request).toMatchObject({ status: 'pending', accountId: asker.id, message: 'hello' });
    expect((await groups.join(asker, g.id))?.id).toBe(request?.id);
    expect(await groups.members(g.id)).toEqual([]);
    expect((await rejection(groups.leave(asker, g.id))).condition).toBe('not-allowed');

    const manager = await kit.account(domain.id);
    await groups.setManager(SYSTEM_ACTOR, g.id, manager.id, true);
    const plain = await kit.account(domain.id);
    expect((await rejection(groups.decide(await kit.actor(plain), request!.id, true))).condition).toBe('forbidden');
    await groups.decide(await kit.actor(manager), request!.id, true);
    expect(await groups.members(g.id)).toEqual([{ type: 'account', accountId: asker.id }]);
    expect((await rejection(groups.decide(await kit.actor(admin), request!.id, false))).condition).toBe('conflict');
    expect(await kit.repos.groups.getJoinRequest(request!.id)).toMatchObject({ status: 'approved', decidedBy: manager.id });
    expect(await groups.joinRequests(g.id)).toEqual([]);

    const second = await groups.join(other, g.id);
    await groups.decide(await kit.actor(admin), second!.id, false);
    expect((await rejection(groups.decide(await kit.actor(manager), second!.id, true))).condition).toBe('conflict');
    expect(await groups.members(g.id)).toEqual([{ type: 'account', accountId: asker.id }]);
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: admin.id });
    expect(entry).toMatchObject({ action: 'group.request.reject', targetType: 'group', targetId: String(g.id) });
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ accountId: other.id });
  });

  it('approves a request of an account added directly meanwhile without failing', async () => {
    const { groups } = kit.services;
    const g = await group('restricted');
    const asker = await kit.account(domain.id);
    const request = await groups.join(asker, g.id);
    await groups.addMember(SYSTEM_ACTOR, g.id, { type: 'account', accountId: asker.id });
    await groups.decide(await kit.actor(admin), request!.id, true);
    expect(await kit.repos.groups.getJoinRequest(request!.id)).toMatchObject({ status: 'approved' });
    expect(await groups.members(g.id)).toEqual([{ type: 'account', accountId: asker.id }]);
  });

  it('hides private groups from non-members', async () => {
    const { groups } = kit.services;
    const [hidden, open] = [await group('private'), await group('open')];
    const [member, outsider] = [await kit.account(domain.id), await kit.account(domain.id)];
    await groups.addMember(SYSTEM_ACTOR, hidden.id, { type: 'account', accountId: member.id });
    const seenBy = async (account: Account): Promise<number[]> => (await groups.visibleTo(account)).map((g) => g.id);
    expect(await seenBy(outsider)).toContain(open.id);
    expect(await seenBy(outsider)).not.toContain(hidden.id);
    expect(await seenBy(member)).toContain(hidden.id);
    expect((await rejection(groups.join(outsider, hidden.id))).condition).toBe('item-not-found');
    expect((await rejection(groups.join(outsider, 987_654))).condition).toBe('item-not-found');
  });

  it('does not let guests join groups', async () => {
    const guestDomain = await kit.domain({ kind: 'guest', teamchat: false });
    const guest = await kit.account(guestDomain.id, { kind: 'guest' });
    const g = await group('open');
    expect((await rejection(kit.services.groups.join(guest, g.id))).condition).toBe('forbidden');
    expect(await kit.services.groups.members(g.id)).toEqual([]);
  });

  it('refuses a group that would contain itself', async () => {
    const { groups } = kit.services;
    const [a, b, c] = [await group(), await group(), await group()];
    await groups.addMember(SYSTEM_ACTOR, a.id, { type: 'group', groupId: b.id });
    await groups.addMember(SYSTEM_ACTOR, b.id, { type: 'group', groupId: c.id });
    for (const [parent, child] of [[c.id, a.id], [b.id, a.id], [a.id, a.id]] as const) {
      expect(await rejection(groups.addMember(SYSTEM_ACTOR, parent, { type: 'group', groupId: child }))).toMatchObject({ condition: 'not-acceptable', appCondition: 'group-cycle' });
    }
    // Nested membership is visible at once (the cached graph was dropped).
    const user = await kit.account(domain.id);
    await groups.addMember(SYSTEM_ACTOR, c.id, { type: 'account', accountId: user.id });
    expect((await groups.visibleTo(user)).map((g) => g.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    await groups.addMember(SYSTEM_ACTOR, a.id, { type: 'domain', domainId: domain.id });
    expect((await rejection(groups.addMember(SYSTEM_ACTOR, a.id, { type: 'account', accountId: 987_654 }))).condition).toBe('item-not-found');
  });

  it('lets administrators of the domain and group managers manage members, nobody else', async () => {
    const { groups } = kit.services;
    const g = await group();
    const other = await kit.domain();
    const otherAdmin = await kit.account(other.id);
    await kit.repos.domainAdmins.add(other.id, otherAdmin.id);
    const [plain, manager, target] = [await kit.account(domain.id), await kit.account(domain.id), await kit.account(domain.id)];
    const member = { type: 'account', accountId: target.id } as const;
    for (const actor of [await kit.actor(plain), await kit.actor(otherAdmin)]) {
      expect((await rejection(groups.create(actor, { domain: domain.name, name: 'No', alias: `no-${actor.accountId}` }))).condition).toBe('forbidden');
      expect((await rejection(groups.addMember(actor, g.id, member))).condition).toBe('forbidden');
      expect((await rejection(groups.setManager(actor, g.id, plain.id, true))).condition).toBe('forbidden');
      expect((await rejection(groups.delete(actor, g.id))).condition).toBe('forbidden');
    }
    expect((await rejection(groups.setManager(await kit.actor(admin), g.id, 987_654, true))).condition).toBe('item-not-found');
    await groups.setManager(await kit.actor(admin), g.id, manager.id, true);
    await groups.setManager(await kit.actor(admin), g.id, manager.id, true);
    expect(await groups.managers(g.id)).toEqual([manager.id]);
    const managerActor = await kit.actor(manager);
    expect(managerActor.managerOf).toEqual([g.id]);
    await groups.addMember(managerActor, g.id, member);
    expect(await groups.members(g.id)).toEqual([member]);
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: manager.id });
    expect(entry).toMatchObject({ action: 'group.member.add', targetType: 'group', targetId: String(g.id) });
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ member });
    await groups.update(managerActor, g.id, { name: 'Renamed' });
    await groups.removeMember(managerActor, g.id, member);
    expect((await rejection(groups.removeMember(managerActor, g.id, member))).condition).toBe('item-not-found');
    // Managers manage members, not managers, and do not delete the group.
    expect((await rejection(groups.setManager(managerActor, g.id, plain.id, true))).condition).toBe('forbidden');
    expect((await rejection(groups.delete(managerActor, g.id))).condition).toBe('forbidden');
    await groups.setManager(await kit.actor(admin), g.id, manager.id, false);
    expect((await rejection(groups.setManager(await kit.actor(admin), g.id, manager.id, false))).condition).toBe('item-not-found');
    await groups.delete(await kit.actor(admin), g.id);
    expect(await groups.get(g.id)).toBeUndefined();
  });
});
