// Actors and their roles, the role rules, the audit trail and the
// membership cache, over real repositories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import { CLI_ACTOR, SYSTEM_ACTOR } from './actor.js';
import { actorFor } from './actors.js';
import { createAuditTrail } from './audit.js';
import { isDomainAdmin, isGroupManager, requireDomainAdmin, requireGroupManager, requireServerAdmin } from './authorization.js';
import { MembershipCache } from './membership-cache.js';

describe('actors, authorization, audit, membership cache', () => {
  let kit: TeamChatKit;
  beforeAll(async () => {
    kit = await openTeamChatKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  it('builds an actor with its roles; guests get none, disabled accounts none at all', async () => {
    const domain = await kit.domain();
    const user = await kit.account(domain.id, { serverAdmin: true });
    await kit.repos.domainAdmins.add(domain.id, user.id);
    const group = await kit.repos.groups.insert({ domainId: domain.id, name: 'G', alias: 'g' });
    await kit.repos.groups.addManager(group.id, user.id);
    expect(await actorFor(kit.repos, user, '192.0.2.7')).toEqual({
      accountId: user.id, label: `${user.localpart}@${domain.name}`, ip: '192.0.2.7', serverAdmin: true, domainAdminOf: [domain.id], managerOf: [group.id],
    });
    const guestDomain = await kit.domain({ kind: 'guest' });
    const guest = await kit.account(guestDomain.id, { kind: 'guest', serverAdmin: true });
    await kit.repos.domainAdmins.add(guestDomain.id, guest.id);
    expect(await actorFor(kit.repos, guest)).toMatchObject({ serverAdmin: false, domainAdminOf: [], managerOf: [] });
    await kit.repos.accounts.update(user.id, { disabled: true });
    expect((await rejection(actorFor(kit.repos, await kit.reload(user)))).condition).toBe('forbidden');
  });

  it('applies the role rules', () => {
    const manager = { ...SYSTEM_ACTOR, accountId: 5, label: 'm@x', serverAdmin: false, domainAdminOf: [2], managerOf: [9] };
    expect(isDomainAdmin(manager, 2)).toBe(true);
    expect(isDomainAdmin(manager, 3)).toBe(false);
    expect(isDomainAdmin(CLI_ACTOR, 3)).toBe(true);
    expect(isGroupManager(manager, { id: 9, domainId: 3 })).toBe(true);
    expect(isGroupManager(manager, { id: 8, domainId: 2 })).toBe(true);
    expect(isGroupManager(manager, { id: 8, domainId: 3 })).toBe(false);
    expect(() => requireServerAdmin(manager)).toThrow(/server administrator/);
    expect(() => requireDomainAdmin(manager, 3)).toThrow(/administrator of this domain/);
    expect(() => requireGroupManager(manager, { id: 8, domainId: 3, name: 'Eight' })).toThrow(/"Eight"/);
  });

  it('writes audit entries naming the actor, its address and the target', async () => {
    const domain = await kit.domain();
    const user = await kit.account(domain.id);
    const audit = createAuditTrail(kit.repos);
    await audit(await actorFor(kit.repos, user, '198.51.100.4'), 'test.action', { type: 'room', id: 42 }, { why: 'because' });
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: user.id });
    expect(entry).toMatchObject({ actor: `${user.localpart}@${domain.name}`, action: 'test.action', targetType: 'room', targetId: '42', ip: '198.51.100.4' });
    expect(JSON.parse(entry?.details ?? 'null')).toEqual({ why: 'because' });
    await audit(CLI_ACTOR, 'test.cli', null);
    const latest = (await kit.repos.audit.find({ limit: 50 })).find((e) => e.action === 'test.cli');
    expect(latest).toMatchObject({ actorAccountId: null, actor: 'cli', targetType: null, targetId: null, details: null, ip: null });
  });

  it('keeps the graph until a membership event, local or from another process', async () => {
    const domain = await kit.domain();
    const user = await kit.account(domain.id);
    const group = await kit.repos.groups.insert({ domainId: domain.id, name: 'C', alias: 'c' });
    const { events } = kit.services;
    const cache = new MembershipCache(kit.repos, events);
    const ref = { id: user.id, domainId: domain.id };
    expect((await cache.graph()).isMember(group.id, ref)).toBe(false);
    await kit.repos.groups.addMember(group.id, { type: 'account', accountId: user.id }, null);
    expect((await cache.graph()).isMember(group.id, ref)).toBe(false);
    await events.deliverRemote('group-members-changed', { groupId: group.id });
    expect((await cache.graph()).isMember(group.id, ref)).toBe(true);
    await kit.repos.groups.delete(group.id);
    await events.deliverRemote('group-deleted', { groupId: group.id });
    expect((await cache.graph()).isMember(group.id, ref)).toBe(false);
  });
});
