// The WebAdmin's domain services over real repositories: sign-in rules and
// sessions (idle expiry with a controlled clock), API tokens, password
// confirmation, account and domain administration scoped to the actor's
// domains, and SmartDiscover validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import { createAuditTrail } from './audit.js';
import { ADMIN_IDLE_MS, createAdminAccess } from './admin-access.js';
import { createAccountAdmin } from './account-admin.js';
import { createDomainAdmin } from './domain-admin.js';
import { createDiscoveryService, type UrlChecker } from './discovery.js';
import { SYSTEM_ACTOR } from './actor.js';

describe('WebAdmin domain services', () => {
  let kit: TeamChatKit;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock = { now: () => now };
  let access: ReturnType<typeof createAdminAccess>;
  let accounts: ReturnType<typeof createAccountAdmin>;
  let domains: ReturnType<typeof createDomainAdmin>;

  beforeAll(async () => {
    kit = await openTeamChatKit();
    const audit = createAuditTrail(kit.repos);
    const s = kit.services;
    access = createAdminAccess({ repos: kit.repos, clock, audit, scramIterations: 4096 });
    accounts = createAccountAdmin({ repos: kit.repos, audit, accounts: s.accounts, policies: s.policies });
    domains = createDomainAdmin({ repos: kit.repos, audit, events: s.events, domains: s.domains, policies: s.policies });
  });
  afterAll(async () => {
    await kit.close();
  });

  async function user(domainName: string, localpart: string, extra: { serverAdmin?: boolean } = {}) {
    return kit.services.accounts.create({ jid: `${localpart}@${domainName}`, password: `pw-${localpart}-secret`, ...extra });
  }

  it('lets administrators sign in; refuses wrong passwords, plain users and disabled accounts', async () => {
    const domain = await kit.domain();
    const root = await user(domain.name, 'root', { serverAdmin: true });
    const dadmin = await user(domain.name, 'dadmin');
    await kit.repos.domainAdmins.add(domain.id, dadmin.id);
    await user(domain.name, 'plain');
    expect((await access.authenticate(`root@${domain.name}`, 'pw-root-secret', '192.0.2.1')).actor).toMatchObject({ serverAdmin: true, accountId: root.id, ip: '192.0.2.1' });
    expect((await access.authenticate(`dadmin@${domain.name}`, 'pw-dadmin-secret', null)).actor.domainAdminOf).toEqual([domain.id]);
    expect((await rejection(access.authenticate(`root@${domain.name}`, 'wrong-password', null))).condition).toBe('not-authorized');
    expect((await rejection(access.authenticate(`nobody@${domain.name}`, 'whatever-pw', null))).condition).toBe('not-authorized');
    expect((await rejection(access.authenticate('not a jid@@', 'whatever-pw', null))).condition).toBe('not-authorized');
    expect((await rejection(access.authenticate(`plain@${domain.name}`, 'pw-plain-secret', null))).condition).toBe('forbidden');
    await kit.services.accounts.setDisabled(`dadmin@${domain.name}`, true);
    expect((await rejection(access.authenticate(`dadmin@${domain.name}`, 'pw-dadmin-secret', null))).condition).toBe('not-authorized');
  });

  it('keeps a session alive while used and ends it after 30 minutes idle or when the account is disabled', async () => {
    const domain = await kit.domain();
    await user(domain.name, 'root', { serverAdmin: true });
    const signed = await access.authenticate(`root@${domain.name}`, 'pw-root-secret', null);
    const { cookie, session } = await access.openSession(signed, '192.0.2.9');
    expect(session.csrfToken.length).toBeGreaterThan(30);
    now = new Date(now.getTime() + ADMIN_IDLE_MS - 1000);
    expect((await access.resumeSession(cookie, null))?.account.id).toBe(signed.account.id);
    now = new Date(now.getTime() + ADMIN_IDLE_MS - 1000);
    expect(await access.resumeSession(cookie, null)).toBeDefined();
    now = new Date(now.getTime() + ADMIN_IDLE_MS + 1);
    expect(await access.resumeSession(cookie, null)).toBeUndefined();
    expect(await access.resumeSession('not-a-session', null)).toBeUndefined();

    const second = await access.openSession(signed, null);
    await kit.services.accounts.setDisabled(`root@${domain.name}`, true);
    expect(await access.resumeSession(second.cookie, null)).toBeUndefined();
  });

  it('creates API tokens shown once, resolves them, lets only the owner revoke them', async () => {
    const domain = await kit.domain();
    await user(domain.name, 'root', { serverAdmin: true });
    await user(domain.name, 'other', { serverAdmin: true });
    const root = await access.authenticate(`root@${domain.name}`, 'pw-root-secret', null);
    const other = await access.authenticate(`other@${domain.name}`, 'pw-other-secret', null);
    const { token, record } = await access.createToken(root, 'backup script');
    expect(token.startsWith('cau_')).toBe(true);
    expect((await access.resumeToken(token, null))?.account.id).toBe(root.account.id);
    expect(await access.resumeToken(`${token}x`, null)).toBeUndefined();
    expect((await access.tokens(root.account.id)).map((t) => t.name)).toEqual(['backup script']);
    expect((await rejection(access.createToken(root, '   '))).condition).toBe('bad-request');
    expect((await rejection(access.revokeToken(other.actor, record.id))).condition).toBe('item-not-found');
    await access.revokeToken(root.actor, record.id);
    expect(await access.resumeToken(token, null)).toBeUndefined();
  });

  it('asks for the password again before sensitive changes', async () => {
    const domain = await kit.domain();
    await user(domain.name, 'root', { serverAdmin: true });
    const { actor } = await access.authenticate(`root@${domain.name}`, 'pw-root-secret', null);
    expect((await rejection(access.confirm(actor, undefined))).appCondition).toBe('password-confirmation-required');
    expect((await rejection(access.confirm(actor, 'not-my-password'))).appCondition).toBe('password-confirmation-failed');
    await expect(access.confirm(actor, 'pw-root-secret')).resolves.toBeUndefined();
  });

  it('scopes account administration to the actor’s domains and refuses acting on oneself', async () => {
    const mine = await kit.domain();
    const theirs = await kit.domain();
    const dadmin = await user(mine.name, 'dadmin');
    await kit.repos.domainAdmins.add(mine.id, dadmin.id);
    const actor = await kit.actor(dadmin);
    const alice = await user(mine.name, 'alice');
    const bob = await user(theirs.name, 'bob');
    const listed = await accounts.list(actor, { limit: 50, offset: 0 });
    expect(listed.items.map((a) => a.id).sort()).toEqual([dadmin.id, alice.id].sort());
    expect(listed.total).toBe(2);
    expect((await rejection(accounts.list(actor, { domain: theirs.name, limit: 50, offset: 0 }))).condition).toBe('item-not-found');
    expect((await rejection(accounts.update(actor, bob.id, { firstName: 'Bob' }))).condition).toBe('item-not-found');
    expect((await rejection(accounts.create(actor, { jid: `carol@${theirs.name}`, password: 'pw-carol-secret' }))).condition).toBe('forbidden');
    expect((await rejection(accounts.create(actor, { jid: `carol@${mine.name}`, password: 'pw-carol-secret', serverAdmin: true }))).condition).toBe('forbidden');
    expect(await accounts.update(actor, alice.id, { firstName: 'Alice', teamchat: false })).toMatchObject({ firstName: 'Alice', teamchat: false });
    expect((await rejection(accounts.delete(actor, dadmin.id))).appCondition).toBe('own-account');
    await accounts.delete(actor, alice.id);
    expect(await kit.repos.accounts.get(alice.id)).toBeUndefined();
    const audit = await kit.repos.audit.find({ limit: 20, actorAccountId: dadmin.id });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['account.delete', 'account.update', 'account.policy']));
  });

  it('scopes domains, leaves creation to server administrators, keeps the TeamChat dependency rule', async () => {
    const mine = await kit.domain();
    const dadmin = await user(mine.name, 'dadmin');
    await kit.repos.domainAdmins.add(mine.id, dadmin.id);
    const actor = await kit.actor(dadmin);
    expect((await domains.list(actor)).map((d) => d.id)).toEqual([mine.id]);
    expect((await rejection(domains.create(actor, { name: 'new.example' }))).condition).toBe('forbidden');
    expect((await rejection(domains.update(actor, mine.name, { webdav: false }))).appCondition).toBe('teamchat-requires-groupware-webdav');
    expect(await domains.update(actor, mine.name, { teamchat: false, webdav: false, description: 'Us' })).toMatchObject({ teamchat: false, webdav: false, description: 'Us' });
    const created = await domains.create(SYSTEM_ACTOR, { name: `${mine.name.split('.')[0]}-new.example`, description: 'New' });
    expect(created).toMatchObject({ description: 'New', kind: 'regular' });
    expect((await rejection(domains.create(SYSTEM_ACTOR, { name: created.name }))).condition).toBe('conflict');
  });

  it('validates service hosts and stores a URL only when the checker accepts it', async () => {
    const checker: UrlChecker = async (url) =>
      url.includes('bad') ? { ok: false, url, reason: 'certificate-expired', detail: 'The certificate of bad.example has expired: renew it' } : { ok: true, url };
    const discovery = createDiscoveryService({ repos: kit.repos, audit: createAuditTrail(kit.repos), checkUrl: checker });
    expect((await rejection(discovery.addHost(SYSTEM_ACTOR, { service: 'gopher', host: 'mail.example', port: 25, mode: 'plain' }))).details).toEqual({ field: 'service' });
    expect((await rejection(discovery.addHost(SYSTEM_ACTOR, { service: 'smtp', host: 'mail.example', port: 70000, mode: 'plain' }))).details).toEqual({ field: 'port' });
    expect((await rejection(discovery.addHost(SYSTEM_ACTOR, { service: 'smtp', host: 'not a host', port: 25, mode: 'plain' }))).details).toEqual({ field: 'host' });
    const host = await discovery.addHost(SYSTEM_ACTOR, { service: 'imap', host: 'Mail.Example.', port: 993, mode: 'tls' });
    expect(host).toMatchObject({ host: 'mail.example' });
    const refused = await rejection(discovery.setUrl(SYSTEM_ACTOR, 'webclient', 'https://bad.example/web/'));
    expect(refused).toMatchObject({ condition: 'not-acceptable', appCondition: 'certificate-expired' });
    expect((await rejection(discovery.setUrl(SYSTEM_ACTOR, 'nonsense', 'https://good.example/web/'))).condition).toBe('item-not-found');
    await discovery.setUrl(SYSTEM_ACTOR, 'webclient', 'https://good.example/web/');
    await discovery.setPublicHost(SYSTEM_ACTOR, 'Chat.Example');
    expect(await discovery.get()).toMatchObject({ publicHost: 'chat.example', urls: [{ name: 'webclient', url: 'https://good.example/web/' }] });
    const domain = await kit.domain();
    const dadmin = await user(domain.name, 'dadmin');
    await kit.repos.domainAdmins.add(domain.id, dadmin.id);
    expect((await rejection(discovery.deleteHost(await kit.actor(dadmin), host.id))).condition).toBe('forbidden');
  });
});
