// The guests service (administrator side) over real repositories: who may
// list, read, edit, reset and delete guests, and what deletion keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import type { Account, Domain, NewAccount } from '../store/types.js';
import { SYSTEM_ACTOR } from './actor.js';
import { escapeLocalpart } from '../core/jid-escape.js';
import { passwordMatches } from './scram-keys.js';
import type { SessionGateway } from './ports.js';

describe('guests service', () => {
  let kit: TeamChatKit;
  let guests: Domain;
  let regular: Domain;
  const disconnected: Array<{ jid: string; reason: string }> = [];
  beforeAll(async () => {
    kit = await openTeamChatKit();
    guests = await kit.domain({ kind: 'guest' });
    regular = await kit.domain();
    const gateway: SessionGateway = { resourcesOf: () => [], disconnect: (jid, reason) => disconnected.push({ jid, reason }), onlineCount: () => 0 };
    kit.services.setSessionGateway(gateway);
  });
  afterAll(async () => {
    await kit.close();
  });

  let serial = 0;
  async function guest(extra: Partial<NewAccount> = {}): Promise<Account> {
    serial += 1;
    const email = `visitor${serial}@exemple.fr`;
    return kit.account(guests.id, { kind: 'guest', localpart: escapeLocalpart(email), email, firstName: 'Jean', lastName: `Visiteur${serial}`, ...extra });
  }

  it('lists guests with search and paging for a server administrator, and only guests', async () => {
    const made = [await guest(), await guest(), await guest({ firstName: 'Zoé' })];
    await kit.account(regular.id);
    const all = await kit.services.guests.list(SYSTEM_ACTOR, { limit: 500 });
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.guests.every((g) => g.domain === guests.name)).toBe(true);
    const zoe = await kit.services.guests.list(SYSTEM_ACTOR, { search: 'zoé' });
    expect(zoe.guests.map((g) => g.id)).toEqual([made[2]!.id]);
    expect(zoe.total).toBe(1);
    const page = await kit.services.guests.list(SYSTEM_ACTOR, { search: 'exemple.fr', limit: 2, offset: 1 });
    expect(page.guests).toHaveLength(2);
    expect(page.total).toBe(all.total);
    expect(page.guests[0]).toMatchObject({ jid: `${made[1]!.localpart}@${guests.name}`, email: made[1]!.email });
  });

  it('lets the guest domain administrator manage its guests and refuses everyone else', async () => {
    const g = await guest();
    const admin = await kit.account(regular.id);
    await kit.repos.domainAdmins.add(guests.id, admin.id);
    const actor = await kit.actor(admin);
    expect((await kit.services.guests.list(actor, { search: g.email! })).guests.map((x) => x.id)).toEqual([g.id]);
    expect((await kit.services.guests.get(actor, g.id)).id).toBe(g.id);
    const plain = await kit.actor(await kit.account(regular.id));
    expect((await rejection(kit.services.guests.list(plain))).condition).toBe('forbidden');
    expect((await rejection(kit.services.guests.get(plain, g.id))).condition).toBe('forbidden');
    expect((await rejection(kit.services.guests.delete(plain, g.id))).condition).toBe('forbidden');
    const otherAdmin = await kit.account(regular.id);
    await kit.repos.domainAdmins.add(regular.id, otherAdmin.id);
    expect((await rejection(kit.services.guests.resetPassword(await kit.actor(otherAdmin), g.id))).condition).toBe('forbidden');
    // A guest cannot administer anything, even if listed as an administrator.
    const guestAdmin = await guest();
    await kit.repos.domainAdmins.add(guests.id, guestAdmin.id);
    expect((await rejection(kit.services.guests.list(await kit.actor(guestAdmin)))).condition).toBe('forbidden');
    // A regular account is not a guest.
    expect((await rejection(kit.services.guests.get(SYSTEM_ACTOR, admin.id))).condition).toBe('item-not-found');
  });

  it('shows the rooms a guest belongs to and its last login', async () => {
    const g = await guest();
    const owner = await kit.account(regular.id);
    const room = await kit.services.rooms.createPrivateRoom(owner, 'Projet Alpha', [g.id]);
    await kit.services.accounts.recordLogin(g.id, '203.0.113.9');
    const details = await kit.services.guests.get(SYSTEM_ACTOR, g.id);
    expect(details.rooms).toEqual([{ id: room.id, jid: `${room.localpart}@conference.${regular.name}`, name: 'Projet Alpha' }]);
    expect(details.lastLoginIp).toBe('203.0.113.9');
    expect(details.lastLoginAt).toBeInstanceOf(Date);
  });

  it('updates names and description, audited; refuses overlong values', async () => {
    const g = await guest();
    const updated = await kit.services.guests.update(SYSTEM_ACTOR, g.id, { firstName: ' Marie ', lastName: 'Curie', description: 'Partenaire' });
    expect(updated).toMatchObject({ firstName: 'Marie', lastName: 'Curie', displayName: 'Marie Curie', description: 'Partenaire' });
    expect(await kit.services.guests.update(SYSTEM_ACTOR, g.id, { description: '' })).toMatchObject({ firstName: 'Marie', description: null });
    expect((await rejection(kit.services.guests.update(SYSTEM_ACTOR, g.id, { lastName: 'x'.repeat(101) }))).condition).toBe('bad-request');
    const entries = await kit.repos.audit.find({ limit: 100 });
    expect(entries.some((e) => e.action === 'guest.update' && e.targetId === String(g.id))).toBe(true);
  });

  it('resets the password (given or generated), ends sessions, audited', async () => {
    const g = await guest();
    disconnected.length = 0;
    const { password } = await kit.services.guests.resetPassword(SYSTEM_ACTOR, g.id);
    expect(password).toHaveLength(20);
    const after = await kit.reload(g);
    expect(await passwordMatches(password, after.scramSha256!, 'sha256')).toBe(true);
    expect(disconnected.map((d) => d.jid)).toEqual([`${g.localpart}@${guests.name}`]);
    await kit.services.guests.resetPassword(SYSTEM_ACTOR, g.id, 'Un nouveau mot de passe');
    expect(await passwordMatches('Un nouveau mot de passe', (await kit.reload(g)).scramSha256!, 'sha256')).toBe(true);
    expect((await rejection(kit.services.guests.resetPassword(SYSTEM_ACTOR, g.id, 'court'))).appCondition).toBe('weak-password');
    const entries = await kit.repos.audit.find({ limit: 100 });
    expect(entries.filter((e) => e.action === 'guest.password.reset' && e.targetId === String(g.id))).toHaveLength(2);
  });

  it('deletes a guest: sessions end, the event goes out, it leaves its rooms, its room messages stay under its name', async () => {
    const g = await guest();
    const owner = await kit.account(regular.id);
    const room = await kit.services.rooms.createPrivateRoom(owner, 'Projet Beta', [g.id]);
    // Written with knex directly: the archive repository's columns are another feature's concern.
    await kit.knex('archive_messages').insert({
      owner_kind: 'room', owner_room_id: room.id, stanza_id: 'guest-msg-1', with_jid: `${g.localpart}@${guests.name}`,
      from_jid: `${room.localpart}@conference.${regular.name}/Jean`, sender_account_id: g.id, sender_name: 'Jean Visiteur', body: 'bonjour', stanza: '<message/>', ts: new Date(),
    });
    const seen: string[] = [];
    kit.services.events.hook('account-deleted', ({ jid }) => void seen.push(jid));
    const removed: number[][] = [];
    kit.services.events.hook('room-members-changed', (payload) => void removed.push(payload.removed));
    disconnected.length = 0;
    await kit.services.guests.delete(SYSTEM_ACTOR, g.id);
    const jid = `${g.localpart}@${guests.name}`;
    expect(disconnected.map((d) => d.jid)).toEqual([jid]);
    expect(seen).toEqual([jid]);
    expect(removed).toContainEqual([g.id]);
    expect(await kit.repos.accounts.get(g.id)).toBeUndefined();
    expect(await kit.services.rooms.memberIds(room)).not.toContain(g.id);
    const kept = await kit.knex('archive_messages').where({ owner_room_id: room.id, stanza_id: 'guest-msg-1' }).first();
    expect(kept).toMatchObject({ sender_name: 'Jean Visiteur', sender_account_id: null, body: 'bonjour' });
    expect((await rejection(kit.services.guests.delete(SYSTEM_ACTOR, g.id))).condition).toBe('item-not-found');
    const entries = await kit.repos.audit.find({ limit: 100 });
    expect(entries.some((e) => e.action === 'guest.delete' && e.targetId === String(g.id))).toBe(true);
  });

  it('confines a guest to the rooms it was added to: groups, domains and grants never reach it', async () => {
    const g = await guest();
    const group = await kit.services.groups.create(SYSTEM_ACTOR, { domain: guests.name, name: 'Tous les invités', alias: `all-guests-${g.id}` });
    await kit.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'domain', domainId: guests.id });
    await kit.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: g.id });
    const [groupRoom] = await kit.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true);
    await kit.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: groupRoom!.id }, { type: 'domain', domainId: guests.id }, { read: true, write: true, modify: false, delete: false, rename: false, invite: true, admin: false });
    const owner = await kit.account(regular.id);
    const invited = await kit.services.rooms.createPrivateRoom(owner, 'Invité ici', [g.id]);
    await kit.services.rooms.createPrivateRoom(owner, 'Pas ici');
    expect(await kit.services.rooms.isMember(groupRoom!, g)).toBe(false);
    expect((await kit.services.rooms.rights(groupRoom!, g)).read).toBe(false);
    expect((await kit.services.rooms.roomsOf(g)).map((r) => r.room.id)).toEqual([invited.id]);
    expect((await kit.services.rooms.rights(invited, g)).invite).toBe(false);
    expect((await rejection(kit.services.rooms.createPrivateRoom(g, 'Mien'))).condition).toBe('forbidden');
  });
});
