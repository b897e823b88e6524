// The pair cache behind guests' 1:1 confinement: who shares a room with a
// guest (both directions, guests among themselves), answers served from the
// cache, and dropped when room membership changes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTeamChatKit, type TeamChatKit } from '../../testing/teamchat-kit.js';
import type { Account, Domain } from '../../store/types.js';
import type { Room } from '../../store/teamchat-types.js';
import { parseJid } from '../../core/jid.js';
import { CoMembers } from './co-members.js';

const jidOf = (account: Account) => parseJid(`${account.localpart}@${account.domain}`);

describe('guest co-members', () => {
  let kit: TeamChatKit;
  let guestDomain: Domain;
  let owner: Account;
  let stranger: Account;
  let guest: Account;
  let otherGuest: Account;
  let room: Room;
  let coMembers: CoMembers;
  let stop: () => void;

  beforeAll(async () => {
    kit = await openTeamChatKit();
    const domain = await kit.domain();
    guestDomain = await kit.domain({ kind: 'guest' });
    owner = await kit.account(domain.id);
    stranger = await kit.account(domain.id);
    guest = await kit.account(guestDomain.id, { kind: 'guest' });
    otherGuest = await kit.account(guestDomain.id, { kind: 'guest' });
    room = await kit.services.rooms.createPrivateRoom(owner, 'Projet', [guest.id]);
    coMembers = new CoMembers(kit.services);
    stop = coMembers.follow();
  });
  afterAll(async () => {
    stop();
    await kit.close();
  });

  it('says who shares a room with a guest, in both directions, and nobody for an unknown address', async () => {
    expect(await coMembers.shareRoom(jidOf(guest), jidOf(owner))).toBe(true);
    expect(await coMembers.shareRoom(jidOf(owner), jidOf(guest))).toBe(true);
    expect(await coMembers.shareRoom(jidOf(guest), jidOf(stranger))).toBe(false);
    expect(await coMembers.shareRoom(jidOf(guest), jidOf(otherGuest))).toBe(false);
    expect(await coMembers.shareRoom(jidOf(guest), parseJid(`nobody@${owner.domain}`))).toBe(false);
  });

  it('answers again from the cache, and recomputes after a membership change', async () => {
    const lookups = vi.spyOn(kit.services.accounts, 'getByJid');
    try {
      expect(await coMembers.shareRoom(jidOf(stranger), jidOf(guest))).toBe(false);
      expect(lookups).not.toHaveBeenCalled();
      await kit.services.rooms.addMember(owner, room.id, stranger.id);
      await kit.services.rooms.addMember(owner, room.id, otherGuest.id);
      expect(await coMembers.shareRoom(jidOf(stranger), jidOf(guest))).toBe(true);
      expect(await coMembers.shareRoom(jidOf(otherGuest), jidOf(guest))).toBe(true);
      expect(lookups).toHaveBeenCalled();
      await kit.services.rooms.removeMember(owner, room.id, guest.id);
      expect(await coMembers.shareRoom(jidOf(guest), jidOf(owner))).toBe(false);
    } finally {
      lookups.mockRestore();
    }
  });
});
