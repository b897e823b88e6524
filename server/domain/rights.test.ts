// Effective rights over real repositories: every right, granted on a group's
// rooms or on one room, to an account, a group, a group of groups and a
// domain; unions; the Author default; presets and parsing; the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import type { Account, Domain } from '../store/types.js';
import { RIGHT_NAMES, type GrantScope, type Principal, type Room } from '../store/teamchat-types.js';
import { SYSTEM_ACTOR } from './actor.js';
import { ADMINISTRATOR, AUTHOR, NO_RIGHTS, READER, parseRights, presetOf, rightsList, union, type PresetName } from './rights-model.js';

describe('rights', () => {
  let kit: TeamChatKit;
  let domain: Domain;
  /** Member of the room's group, of `inner`, and through it of `outer`. */
  let user: Account;
  /** Member of the room's group too, matched by none of the grantees below but the domain. */
  let colleague: Account;
  /** Another domain, in no group. */
  let stranger: Account;
  let room: Room;
  let scopes: Record<'group' | 'room', GrantScope>;
  let grantees: Record<'account' | 'group' | 'group of groups' | 'domain', Principal>;

  beforeAll(async () => {
    kit = await openTeamChatKit();
    const { groups, rooms } = kit.services;
    domain = await kit.domain();
    [user, colleague] = [await kit.account(domain.id), await kit.account(domain.id)];
    stranger = await kit.account((await kit.domain()).id);
    const team = await groups.create(SYSTEM_ACTOR, { domain: domain.name, name: 'Team', alias: 'team' });
    const inner = await groups.create(SYSTEM_ACTOR, { domain: domain.name, name: 'Inner', alias: 'inner' });
    const outer = await groups.create(SYSTEM_ACTOR, { domain: domain.name, name: 'Outer', alias: 'outer' });
    await groups.addMember(SYSTEM_ACTOR, team.id, { type: 'account', accountId: user.id });
    await groups.addMember(SYSTEM_ACTOR, team.id, { type: 'account', accountId: colleague.id });
    await groups.addMember(SYSTEM_ACTOR, inner.id, { type: 'account', accountId: user.id });
    await groups.addMember(SYSTEM_ACTOR, outer.id, { type: 'group', groupId: inner.id });
    [room] = (await rooms.setGroupTeamChat(SYSTEM_ACTOR, team.id, true)) as [Room];
    scopes = { group: { kind: 'group', groupId: team.id }, room: { kind: 'room', roomId: room.id } };
    grantees = {
      account: { type: 'account', accountId: user.id },
      group: { type: 'group', groupId: inner.id },
      'group of groups': { type: 'group', groupId: outer.id },
      domain: { type: 'domain', domainId: domain.id },
    };
  });
  afterAll(async () => {
    await kit.close();
  });

  it('gives members without a grant Author, and others nothing', async () => {
    const { rights } = kit.services;
    expect(await rights.effective(room, user)).toEqual(AUTHOR);
    expect(await rights.effective(room, stranger)).toEqual(NO_RIGHTS);
  });

  for (const scopeKind of ['group', 'room'] as const) {
    for (const granteeKind of ['account', 'group', 'group of groups', 'domain'] as const) {
      it(`allows exactly the granted right, on the ${scopeKind} scope, to a ${granteeKind}`, async () => {
        const { rights } = kit.services;
        for (const right of RIGHT_NAMES) {
          const only = { ...NO_RIGHTS, [right]: true };
          await rights.grant(SYSTEM_ACTOR, scopes[scopeKind], grantees[granteeKind], only);
          const effective = await rights.effective(room, user);
          for (const other of RIGHT_NAMES) expect({ right, other, allowed: effective[other] }).toEqual({ right, other, allowed: other === right });
          expect(await rights.effective(room, stranger)).toEqual(NO_RIGHTS);
          // The colleague is matched only by the domain grant; otherwise it keeps Author.
          expect(await rights.effective(room, colleague)).toEqual(granteeKind === 'domain' ? only : AUTHOR);
          await rights.revoke(SYSTEM_ACTOR, scopes[scopeKind], grantees[granteeKind]);
        }
        expect(await rights.effective(room, user)).toEqual(AUTHOR);
      });
    }
  }

  it('unites every matching grant, on the room and on the group', async () => {
    const { rights } = kit.services;
    await rights.grant(SYSTEM_ACTOR, scopes.room, grantees.account, READER);
    await rights.grant(SYSTEM_ACTOR, scopes.group, grantees['group of groups'], { ...NO_RIGHTS, invite: true });
    await rights.grant(SYSTEM_ACTOR, scopes.group, grantees.domain, { ...NO_RIGHTS, rename: true });
    expect(await rights.effective(room, user)).toEqual({ ...READER, invite: true, rename: true });
    expect(await rights.effective(room, colleague)).toEqual({ ...NO_RIGHTS, rename: true });
    // Replacing a grant replaces its rights.
    await rights.grant(SYSTEM_ACTOR, scopes.room, grantees.account, ADMINISTRATOR);
    expect(await rights.effective(room, user)).toEqual(ADMINISTRATOR);
    expect((await rights.list(scopes.group)).map((g) => g.grantee)).toEqual([grantees['group of groups'], grantees.domain]);
    for (const [scope, grantee] of [[scopes.room, grantees.account], [scopes.group, grantees['group of groups']], [scopes.group, grantees.domain]] as const) {
      await rights.revoke(SYSTEM_ACTOR, scope, grantee);
    }
    expect(await rights.effective(room, user)).toEqual(AUTHOR);
    expect((await rejection(rights.revoke(SYSTEM_ACTOR, scopes.room, grantees.account))).condition).toBe('item-not-found');
  });

  it('refuses empty grants, unknown grantees and actors without the admin right; audits grants', async () => {
    const { rights } = kit.services;
    expect((await rejection(rights.grant(SYSTEM_ACTOR, scopes.room, grantees.account, NO_RIGHTS))).condition).toBe('bad-request');
    expect((await rejection(rights.grant(SYSTEM_ACTOR, scopes.room, { type: 'group', groupId: 987_654 }, READER))).condition).toBe('item-not-found');
    expect((await rejection(rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: 987_654 }, grantees.account, READER))).condition).toBe('item-not-found');
    const actor = await kit.actor(user);
    expect((await rejection(rights.grant(actor, scopes.room, grantees.account, ADMINISTRATOR))).condition).toBe('forbidden');
    expect((await rejection(rights.grant(actor, scopes.group, grantees.account, ADMINISTRATOR))).condition).toBe('forbidden');
    const admin = await kit.account(domain.id);
    await kit.repos.domainAdmins.add(domain.id, admin.id);
    await rights.grant(await kit.actor(admin), scopes.room, grantees.account, { ...READER, admin: true });
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: admin.id });
    expect(entry).toMatchObject({ action: 'rights.grant', actor: `${admin.localpart}@${domain.name}`, targetType: 'room', targetId: String(room.id) });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ grantee: grantees.account, rights: { admin: true, write: false } });
    // With the admin right on the room, the member manages its grants, not the group's.
    await rights.grant(actor, scopes.room, { type: 'account', accountId: colleague.id }, READER);
    expect((await rejection(rights.grant(actor, scopes.group, grantees.account, READER))).condition).toBe('forbidden');
    await rights.revoke(actor, scopes.room, { type: 'account', accountId: colleague.id });
    await rights.revoke(SYSTEM_ACTOR, scopes.room, grantees.account);
  });

  it('does not give guests rights through a grant to their domain or to groups', async () => {
    const guestDomain = await kit.domain({ kind: 'guest' });
    const guest = await kit.account(guestDomain.id, { kind: 'guest' });
    await kit.services.rights.grant(SYSTEM_ACTOR, scopes.room, { type: 'domain', domainId: guestDomain.id }, READER);
    expect(await kit.services.rights.effective(room, guest)).toEqual(NO_RIGHTS);
    await kit.services.rights.grant(SYSTEM_ACTOR, scopes.room, { type: 'account', accountId: guest.id }, READER);
    expect(await kit.services.rights.effective(room, guest)).toEqual(READER);
  });
});

describe('rights model', () => {
  it('has the presets of DESIGN.md', () => {
    expect(rightsList(READER)).toEqual(['read']);
    expect(rightsList(AUTHOR)).toEqual(['read', 'write', 'modify']);
    expect(rightsList(ADMINISTRATOR)).toEqual([...RIGHT_NAMES]);
    expect(presetOf({ ...AUTHOR })).toBe('author');
    expect(presetOf({ ...READER, invite: true })).toBeUndefined();
    expect(union(READER, { ...NO_RIGHTS, admin: true })).toEqual({ ...READER, admin: true });
  });

  it('parses presets and right lists, reading implied', () => {
    expect(parseRights('reader')).toEqual(READER);
    expect(parseRights('administrator')).toEqual(ADMINISTRATOR);
    expect(parseRights(['invite'])).toEqual({ ...READER, invite: true });
    expect(parseRights([])).toEqual(NO_RIGHTS);
  });

  it('names the unknown preset or right', () => {
    for (const input of ['owner', 'toString', 'constructor', '__proto__']) {
      expect(() => parseRights(input as PresetName)).toThrow(/Unknown preset/);
    }
    expect(() => parseRights(['read', 'fly'])).toThrow(/Unknown right "fly"/);
  });
});
