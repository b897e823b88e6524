// Feature policies over real repositories: the GroupWare/WebDAV dependency
// rule both ways, account overrides and inheritance, the service toggle,
// and why TeamChat is denied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import { SYSTEM_ACTOR } from './actor.js';
import { effectivePolicy } from './policies.js';

const DEPENDENCY = 'teamchat-requires-groupware-webdav';

describe('policies', () => {
  let kit: TeamChatKit;
  beforeAll(async () => {
    kit = await openTeamChatKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  it('refuses turning TeamChat on for a domain while GroupWare or WebDAV is off', async () => {
    const { policies } = kit.services;
    for (const off of ['groupware', 'webdav'] as const) {
      const domain = await kit.domain({ [off]: false, teamchat: false });
      const error = await rejection(policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true }));
      expect(error.condition).toBe('not-acceptable');
      expect(error.appCondition).toBe(DEPENDENCY);
      expect(await kit.repos.domains.get(domain.id)).toMatchObject({ teamchat: false, [off]: false });
      // Both on at once is fine.
      expect(await policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { [off]: true, teamchat: true })).toMatchObject({ teamchat: true, [off]: true });
    }
  });

  it('refuses turning GroupWare or WebDAV off for a domain while TeamChat is on', async () => {
    const { policies } = kit.services;
    const domain = await kit.domain();
    for (const off of ['groupware', 'webdav'] as const) {
      const error = await rejection(policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { [off]: false }));
      expect(error.appCondition).toBe(DEPENDENCY);
    }
    expect(await kit.repos.domains.get(domain.id)).toMatchObject({ groupware: true, webdav: true, teamchat: true });
    expect(await policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: false, groupware: false })).toMatchObject({ teamchat: false, groupware: false, webdav: true });
  });

  it('lets only administrators of the domain change its policy, and audits it', async () => {
    const { policies } = kit.services;
    const [domain, other] = [await kit.domain(), await kit.domain()];
    const admin = await kit.account(domain.id);
    await kit.repos.domainAdmins.add(domain.id, admin.id);
    const user = await kit.account(domain.id);
    const otherAdmin = await kit.account(other.id);
    await kit.repos.domainAdmins.add(other.id, otherAdmin.id);
    expect((await rejection(policies.setDomainPolicy(await kit.actor(user), domain.id, { teamchat: false }))).condition).toBe('forbidden');
    expect((await rejection(policies.setDomainPolicy(await kit.actor(otherAdmin), domain.id, { teamchat: false }))).condition).toBe('forbidden');
    await policies.setDomainPolicy(await kit.actor(admin), domain.id, { teamchat: false });
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: admin.id });
    expect(entry).toMatchObject({ action: 'domain.policy', actor: `${admin.localpart}@${domain.name}`, targetType: 'domain', targetId: domain.name });
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ teamchat: false });
  });

  it('lets accounts inherit or override each switch', async () => {
    const { policies } = kit.services;
    const domain = await kit.domain();
    const account = await kit.account(domain.id);
    expect(await policies.effectiveFor(account)).toEqual({ groupware: true, webdav: true, teamchat: true });
    const off = await policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { teamchat: false });
    expect(off.teamchat).toBe(false);
    expect(await policies.effectiveFor(off)).toMatchObject({ teamchat: false });
    expect((await policies.teamChatDenial(off))?.reason).toBe('account-policy');
    const inherited = await policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { teamchat: null });
    expect(inherited.teamchat).toBeNull();
    expect(await policies.teamChatDenial(inherited)).toBeUndefined();
    // An inherited TeamChat follows the account's own GroupWare switch.
    const noGroupware = await policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { groupware: false });
    expect(await policies.effectiveFor(noGroupware)).toEqual({ groupware: false, webdav: true, teamchat: false });
    expect((await policies.teamChatDenial(noGroupware))?.reason).toBe('account-policy');
  });

  it('refuses an account state where an explicit TeamChat lacks GroupWare or WebDAV, both ways', async () => {
    const { policies } = kit.services;
    const domain = await kit.domain({ webdav: false, teamchat: false });
    const account = await kit.account(domain.id);
    // WebDAV inherited off: TeamChat on is refused, with WebDAV on it is accepted.
    expect((await rejection(policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { teamchat: true }))).appCondition).toBe(DEPENDENCY);
    const on = await policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { teamchat: true, webdav: true });
    expect(on).toMatchObject({ teamchat: true, webdav: true });
    // The other direction: GroupWare or WebDAV off under an explicit TeamChat.
    for (const off of ['groupware', 'webdav'] as const) {
      expect((await rejection(policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { [off]: false }))).appCondition).toBe(DEPENDENCY);
    }
    expect(await kit.reload(account)).toMatchObject({ teamchat: true, webdav: true, groupware: null });
  });

  it('computes the effective policy from the switches', () => {
    const domain = { groupware: true, webdav: false, teamchat: true };
    expect(effectivePolicy({ groupware: null, webdav: null, teamchat: null }, domain)).toEqual({ groupware: true, webdav: false, teamchat: false });
    expect(effectivePolicy({ groupware: null, webdav: true, teamchat: null }, domain)).toEqual({ groupware: true, webdav: true, teamchat: true });
    expect(effectivePolicy({ groupware: false, webdav: true, teamchat: true }, domain)).toMatchObject({ teamchat: false });
  });

  it('gives the reason TeamChat is denied', async () => {
    const { policies } = kit.services;
    const domain = await kit.domain({ teamchat: false });
    const account = await kit.account(domain.id);
    expect(await policies.teamChatDenial(account)).toMatchObject({ reason: 'domain-policy' });
    expect((await policies.teamChatDenial(account))?.text).toContain(domain.name);
    // An account's "on" does not beat its domain's "off".
    const override = await policies.setAccountPolicy(SYSTEM_ACTOR, account.id, { teamchat: true });
    expect(await policies.teamChatDenial(override)).toMatchObject({ reason: 'domain-policy' });
    await kit.repos.accounts.update(account.id, { disabled: true });
    const disabled = await kit.reload(account);
    expect(await policies.teamChatDenial(disabled)).toMatchObject({ reason: 'account-disabled' });
  });

  it('toggles the service server-wide, persisted, only by server administrators', async () => {
    const { policies } = kit.services;
    const domain = await kit.domain();
    const admin = await kit.account(domain.id);
    await kit.repos.domainAdmins.add(domain.id, admin.id);
    const root = await kit.account(domain.id, { serverAdmin: true });
    const user = await kit.account(domain.id);
    expect(await policies.isServiceRunning()).toBe(true);
    for (const actor of [await kit.actor(user), await kit.actor(admin)]) {
      expect((await rejection(policies.setServiceRunning(actor, false))).condition).toBe('forbidden');
    }
    expect(await policies.isServiceRunning()).toBe(true);
    await policies.setServiceRunning(await kit.actor(root), false);
    expect(await policies.isServiceRunning()).toBe(false);
    expect(await kit.freshServices().policies.isServiceRunning()).toBe(false);
    expect(await policies.teamChatDenial(user)).toMatchObject({ reason: 'service-stopped' });
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: root.id });
    expect(entry).toMatchObject({ action: 'teamchat.stop', actor: `${root.localpart}@${domain.name}` });
    await policies.setServiceRunning(await kit.actor(root), true);
    expect(await kit.freshServices().policies.isServiceRunning()).toBe(true);
    expect(await policies.teamChatDenial(user)).toBeUndefined();
  });
});
