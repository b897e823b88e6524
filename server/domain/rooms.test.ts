// The rooms service over real repositories: group rooms and TeamChat on a
// group, private rooms, members, and the room list of an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import type { Account, Domain } from '../store/types.js';
import type { Group } from '../store/teamchat-types.js';
import { SYSTEM_ACTOR } from './actor.js';
import { ADMINISTRATOR, AUTHOR, NO_RIGHTS } from './rights-model.js';
import { FIRST_ROOM_NAME, roomJid } from './rooms.js';

let serial = 0;

describe('rooms service', () => {
  let kit: TeamChatKit;
  let domain: Domain;
  beforeAll(async () => {
    kit = await openTeamChatKit();
    domain = await kit.domain();
  });
  afterAll(async () => {
    await kit.close();
  });

  async function group(inDomain: Domain = domain): Promise<Group> {
    serial += 1;
    return kit.services.groups.create(SYSTEM_ACTOR, { domain: inDomain.name, name: `Team ${serial}`, alias: `team-${serial}` });
  }

  it('creates the group\'s "TeamChat" room once when TeamChat is enabled', async () => {
    const { rooms } = kit.services;
    const g = await group();
    const manager = await kit.account(domain.id);
    await kit.services.groups.setManager(SYSTEM_ACTOR, g.id, manager.id, true);
    const actor = await kit.actor(manager);
    const [first, ...rest] = await rooms.setGroupTeamChat(actor, g.id, true);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ name: FIRST_ROOM_NAME, kind: 'group', groupId: g.id, localpart: g.alias });
    expect(roomJid(first!)).toBe(`${g.alias}@conference.${domain.name}`);
    await rooms.setGroupTeamChat(actor, g.id, false);
    expect((await kit.repos.groups.get(g.id))?.teamchatEnabled).toBe(false);
    expect((await rooms.setGroupTeamChat(actor, g.id, true)).map((r) => r.id)).toEqual([first!.id]);
    expect(await kit.repos.rooms.find({ groupId: g.id })).toHaveLength(1);
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: manager.id });
    expect(entry).toMatchObject({ action: 'group.teamchat.enable', targetType: 'group', targetId: String(g.id) });
    const plain = await kit.account(domain.id);
    expect((await rejection(rooms.setGroupTeamChat(await kit.actor(plain), g.id, false))).condition).toBe('forbidden');
    expect((await rooms.addGroupRoom(actor, g.id, 'Café Crème')).localpart).toBe(`${g.alias}-cafe-creme`);
  });

  it('refuses TeamChat on a group of a domain where TeamChat is off', async () => {
    const off = await kit.domain({ teamchat: false });
    const g = await group(off);
    const error = await rejection(kit.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, g.id, true));
    expect(error).toMatchObject({ condition: 'not-acceptable', appCondition: 'teamchat-disabled-for-domain' });
    expect(await kit.repos.rooms.find({ groupId: g.id })).toEqual([]);
    expect((await kit.repos.groups.get(g.id))?.teamchatEnabled).toBe(false);
    expect((await rejection(kit.services.rooms.addGroupRoom(SYSTEM_ACTOR, g.id, 'More'))).appCondition).toBe('teamchat-disabled-for-group');
  });

  it('creates private rooms for accounts allowed to use TeamChat; the creator holds every right', async () => {
    const { rooms } = kit.services;
    const [creator, friend] = [await kit.account(domain.id), await kit.account(domain.id)];
    const room = await rooms.createPrivateRoom(creator, '  Projet Été ', [friend.id, creator.id, 987_654]);
    expect(room).toMatchObject({ kind: 'private', createdBy: creator.id, name: 'Projet Été', groupId: null });
    expect(room.localpart).toMatch(/^projet-ete-[0-9a-f]{6}$/);
    expect(await kit.repos.rooms.members(room.id)).toEqual([friend.id]);
    expect(await rooms.rights(room, creator)).toEqual(ADMINISTRATOR);
    expect(await rooms.rights(room, friend)).toEqual(AUTHOR);
    expect((await rooms.memberIds(room)).sort()).toEqual([creator.id, friend.id].sort());

    const guestDomain = await kit.domain({ kind: 'guest' });
    const guest = await kit.account(guestDomain.id, { kind: 'guest' });
    expect((await rejection(rooms.createPrivateRoom(guest, 'Mine'))).condition).toBe('forbidden');
    const denied = await kit.account(domain.id);
    await kit.services.policies.setAccountPolicy(SYSTEM_ACTOR, denied.id, { teamchat: false });
    expect(await rejection(rooms.createPrivateRoom(await kit.reload(denied), 'Mine'))).toMatchObject({ condition: 'forbidden', appCondition: 'account-policy' });
    expect((await rejection(rooms.createPrivateRoom(creator, '   '))).appCondition).toBe('invalid-name');
  });

  it('adds members with the invite right and removes them with the delete right', async () => {
    const { rooms, rights } = kit.services;
    const [creator, member, newcomer] = [await kit.account(domain.id), await kit.account(domain.id), await kit.account(domain.id)];
    const room = await rooms.createPrivateRoom(creator, 'Circle', [member.id]);
    // Members hold Author by default: no invite, no delete.
    expect((await rejection(rooms.addMember(member, room.id, newcomer.id))).condition).toBe('forbidden');
    expect((await rejection(rooms.removeMember(member, room.id, creator.id))).condition).toBe('forbidden');
    await rights.grant(await kit.actor(creator), { kind: 'room', roomId: room.id }, { type: 'account', accountId: member.id }, { ...AUTHOR, invite: true });
    await rooms.addMember(member, room.id, newcomer.id);
    expect(await rooms.isMember(room, newcomer)).toBe(true);
    expect((await rejection(rooms.addMember(member, room.id, newcomer.id))).condition).toBe('conflict');
    expect((await rejection(rooms.removeMember(member, room.id, newcomer.id))).condition).toBe('forbidden');
    await rooms.removeMember(creator, room.id, newcomer.id);
    expect(await rooms.isMember(room, newcomer)).toBe(false);
    expect(await rooms.rights(room, newcomer)).toEqual(NO_RIGHTS);
    expect((await rejection(rooms.removeMember(creator, room.id, newcomer.id))).condition).toBe('item-not-found');
    expect((await rejection(rooms.addMember(creator, room.id, 987_654))).condition).toBe('item-not-found');
  });

  it('lists the rooms an account can read, not every room an administrator could moderate', async () => {
    const { rooms, groups } = kit.services;
    const home = await kit.domain();
    const [user, admin, outsider] = [await kit.account(home.id), await kit.account(home.id), await kit.account(home.id)];
    await kit.repos.domainAdmins.add(home.id, admin.id);
    const root = await kit.account(home.id, { serverAdmin: true });
    const [withTeamChat, withoutTeamChat] = [await group(home), await group(home)];
    await groups.addMember(SYSTEM_ACTOR, withTeamChat.id, { type: 'account', accountId: user.id });
    await groups.addMember(SYSTEM_ACTOR, withoutTeamChat.id, { type: 'account', accountId: user.id });
    const [teamRoom] = await rooms.setGroupTeamChat(SYSTEM_ACTOR, withTeamChat.id, true);
    const [offRoom] = await rooms.setGroupTeamChat(SYSTEM_ACTOR, withoutTeamChat.id, true);
    await rooms.setGroupTeamChat(SYSTEM_ACTOR, withoutTeamChat.id, false);
    const mine = await rooms.createPrivateRoom(user, 'Mine');
    const theirs = await rooms.createPrivateRoom(outsider, 'Theirs');

    const listed = async (account: Account): Promise<number[]> => (await rooms.roomsOf(account)).map((entry) => entry.room.id).sort();
    expect(await listed(user)).toEqual([teamRoom!.id, mine.id].sort());
    expect(await listed(outsider)).toEqual([theirs.id]);
    expect(await listed(admin)).toEqual([]);
    expect(await listed(root)).toEqual([]);
    expect(await rooms.rights(teamRoom!, admin)).toEqual(ADMINISTRATOR);
    expect((await rooms.roomsOf(user)).find((entry) => entry.room.id === teamRoom!.id)?.rights).toEqual(AUTHOR);
    expect(await listed(user)).not.toContain(offRoom!.id);
    // A read grant is not membership, but the grantee reads the room, so it is listed.
    await kit.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: teamRoom!.id }, { type: 'account', accountId: outsider.id }, { ...NO_RIGHTS, read: true });
    expect(await listed(outsider)).toEqual([teamRoom!.id, theirs.id].sort());
    // A guest invited to the room sees it, and only it.
    const guestDomain = await kit.domain({ kind: 'guest' });
    const guest = await kit.account(guestDomain.id, { kind: 'guest' });
    await rooms.addMember(user, mine.id, guest.id);
    expect(await listed(guest)).toEqual([mine.id]);
  });

  it('lists the rooms of groups of other domains the account belongs to', async () => {
    const { rooms, groups } = kit.services;
    const [home, partner] = [await kit.domain(), await kit.domain()];
    const [direct, viaDomain] = [await kit.account(home.id), await kit.account(home.id)];
    const [shared, wide] = [await group(partner), await group(partner)];
    await groups.addMember(SYSTEM_ACTOR, shared.id, { type: 'account', accountId: direct.id });
    await groups.addMember(SYSTEM_ACTOR, wide.id, { type: 'domain', domainId: home.id });
    const [sharedRoom] = await rooms.setGroupTeamChat(SYSTEM_ACTOR, shared.id, true);
    const [wideRoom] = await rooms.setGroupTeamChat(SYSTEM_ACTOR, wide.id, true);
    expect(await rooms.isMember(sharedRoom!, direct)).toBe(true);
    expect((await rooms.roomsOf(direct)).map((entry) => entry.room.id).sort()).toEqual([sharedRoom!.id, wideRoom!.id].sort());
    expect((await rooms.roomsOf(viaDomain)).map((entry) => entry.room.id)).toEqual([wideRoom!.id]);
  });

  it('lets the creator or an administrator archive and delete a private room, and audits it', async () => {
    const { rooms } = kit.services;
    const [creator, member] = [await kit.account(domain.id), await kit.account(domain.id)];
    const room = await rooms.createPrivateRoom(creator, 'Short-lived', [member.id]);
    expect((await rejection(rooms.setArchived(await kit.actor(member), room.id, true))).condition).toBe('forbidden');
    expect((await rooms.setArchived(await kit.actor(creator), room.id, true)).archived).toBe(true);
    const [entry] = await kit.repos.audit.find({ limit: 1, actorAccountId: creator.id });
    expect(entry).toMatchObject({ action: 'room.archive', targetType: 'room', targetId: String(room.id) });
    expect((await rejection(rooms.delete(await kit.actor(member), room.id))).condition).toBe('forbidden');
    await rooms.delete(await kit.actor(creator), room.id);
    expect(await rooms.get(room.id)).toBeUndefined();
    // Administrators of the room's domain hold every right there: they may close it too.
    const admin = await kit.account(domain.id);
    await kit.repos.domainAdmins.add(domain.id, admin.id);
    const other = await rooms.createPrivateRoom(creator, 'Moderated');
    expect(await rooms.rights(other, admin)).toEqual(ADMINISTRATOR);
    expect((await rooms.setArchived(await kit.actor(admin), other.id, true)).archived).toBe(true);
    await rooms.delete(await kit.actor(admin), other.id);
    expect(await rooms.get(other.id)).toBeUndefined();
    const elsewhere = await kit.domain();
    const foreignAdmin = await kit.account(elsewhere.id);
    await kit.repos.domainAdmins.add(elsewhere.id, foreignAdmin.id);
    const third = await rooms.createPrivateRoom(creator, 'Not theirs');
    expect((await rejection(rooms.delete(await kit.actor(foreignAdmin), third.id))).condition).toBe('forbidden');
  });
});
