// Rooms (DESIGN.md): a group's rooms (the first one, "TeamChat", made when
// TeamChat is enabled on the group) and private rooms created by any account
// allowed to use TeamChat. Rooms live at <localpart>@conference.<domain>.

import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { Account, Repositories } from '../store/types.js';
import type { Group, Rights, Room } from '../store/teamchat-types.js';
import type { Actor } from './actor.js';
import { isDomainAdmin, requireGroupManager } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { DomainEvents } from './domain-events.js';
import type { PoliciesService } from './policies.js';
import type { RoomAccess } from './room-access.js';

export const FIRST_ROOM_NAME = 'TeamChat';

export function conferenceDomainOf(domain: string): string {
  return `conference.${domain}`;
}

export function roomJid(room: Pick<Room, 'localpart' | 'domain'>): string {
  return `${room.localpart}@${conferenceDomainOf(room.domain)}`;
}

function slug(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'room';
}

function validateName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || [...trimmed].length > 100) throw new AppError('bad-request', 'A room needs a name of 1 to 100 characters', { appCondition: 'invalid-name' });
  return trimmed;
}

export type RoomsService = ReturnType<typeof createRoomsService>;

export function createRoomsService(deps: { repos: Repositories; events: DomainEvents; audit: AuditTrail; access: RoomAccess; policies: PoliciesService }) {
  const { repos, events, audit, access, policies } = deps;

  async function require(roomId: number): Promise<Room> {
    const room = await repos.rooms.get(roomId);
    if (!room) throw new AppError('item-not-found', 'No such room');
    return room;
  }

  async function freeLocalpart(domainId: number, base: string): Promise<string> {
    if (!(await repos.rooms.getByAddress(domainId, base))) return base;
    for (let i = 2; i < 100; i++) if (!(await repos.rooms.getByAddress(domainId, `${base}-${i}`))) return `${base}-${i}`;
    return `${base}-${randomBytes(4).toString('hex')}`;
  }

  async function requireRight(room: Room, account: Account, right: keyof Rights, text: string): Promise<void> {
    if (!(await access.rights(room, account))[right]) throw new AppError('forbidden', text);
  }

  async function createGroupRoom(actor: Actor, group: Group, name: string): Promise<Room> {
    const localpart = await freeLocalpart(group.domainId, name === FIRST_ROOM_NAME ? group.alias : `${group.alias}-${slug(name)}`);
    const room = await repos.rooms.insert({ domainId: group.domainId, localpart, name: validateName(name), kind: 'group', groupId: group.id, createdBy: null });
    await audit(actor, 'room.create', { type: 'room', id: room.id }, { group: group.alias, name: room.name });
    await events.publish('room-changed', { roomId: room.id });
    return room;
  }

  return {
    get: (id: number) => repos.rooms.get(id),
    require,
    roomJid,

    /** The room at `localpart@conference.<domain>`, if any. */
    async getByJid(localpart: string, conferenceDomain: string): Promise<Room | undefined> {
      if (!conferenceDomain.startsWith('conference.')) return undefined;
      const domain = await repos.domains.getByName(conferenceDomain.slice('conference.'.length));
      return domain ? repos.rooms.getByAddress(domain.id, localpart) : undefined;
    },

    /** Turns TeamChat on for a group: its first room "TeamChat" appears for its members. */
    async setGroupTeamChat(actor: Actor, groupId: number, enabled: boolean): Promise<Room[]> {
      const group = await repos.groups.get(groupId);
      if (!group) throw new AppError('item-not-found', 'No such group');
      requireGroupManager(actor, group);
      if (enabled) {
        const domain = await repos.domains.get(group.domainId);
        if (!domain?.teamchat) throw new AppError('not-acceptable', `TeamChat is turned off for ${domain?.name ?? 'this domain'}: turn it on for the domain first`, { appCondition: 'teamchat-disabled-for-domain' });
      }
      await repos.groups.update(groupId, { teamchatEnabled: enabled });
      await audit(actor, enabled ? 'group.teamchat.enable' : 'group.teamchat.disable', { type: 'group', id: groupId });
      const rooms = await repos.rooms.find({ groupId });
      if (enabled && rooms.length === 0) rooms.push(await createGroupRoom(actor, group, FIRST_ROOM_NAME));
      await events.publish('group-changed', { groupId });
      for (const room of rooms) await events.publish('room-changed', { roomId: room.id });
      return rooms;
    },

    /** Adds another room to a group with TeamChat enabled. */
    async addGroupRoom(actor: Actor, groupId: number, name: string): Promise<Room> {
      const group = await repos.groups.get(groupId);
      if (!group) throw new AppError('item-not-found', 'No such group');
      requireGroupManager(actor, group);
      if (!group.teamchatEnabled) throw new AppError('not-acceptable', `Enable TeamChat on ${group.name} first`, { appCondition: 'teamchat-disabled-for-group' });
      return createGroupRoom(actor, group, name);
    },

    /** A private room created from a client; the creator holds every right in it. */
    async createPrivateRoom(account: Account, name: string, memberIds: number[] = []): Promise<Room> {
      if (account.kind === 'guest') throw new AppError('forbidden', 'Guests cannot create rooms');
      const denial = await policies.teamChatDenial(account);
      if (denial) throw new AppError('forbidden', denial.text, { appCondition: denial.reason });
      const room = await repos.rooms.insert({ domainId: account.domainId, localpart: await freeLocalpart(account.domainId, `${slug(name)}-${randomBytes(3).toString('hex')}`), name: validateName(name), kind: 'private', createdBy: account.id });
      const added: number[] = [];
      for (const id of new Set(memberIds)) {
        if (id === account.id || !(await repos.accounts.get(id))) continue;
        await repos.rooms.addMember(room.id, id, account.id);
        added.push(id);
      }
      await events.publish('room-changed', { roomId: room.id });
      if (added.length > 0) await events.publish('room-members-changed', { roomId: room.id, removed: [], added });
      return room;
    },

    /** A private room at an address the creator chose (XEP-0045 §10.1: joining a room that does not exist creates it). */
    async createPrivateRoomAt(account: Account, localpart: string, name: string = localpart): Promise<Room> {
      if (account.kind === 'guest') throw new AppError('forbidden', 'Guests cannot create rooms');
      const denial = await policies.teamChatDenial(account);
      if (denial) throw new AppError('forbidden', denial.text, { appCondition: denial.reason });
      if (!/^[^\s@/"&'<>:]{1,100}$/u.test(localpart)) throw new AppError('jid-malformed', 'That room address is not valid');
      if (await repos.rooms.getByAddress(account.domainId, localpart)) throw new AppError('conflict', 'That room already exists');
      const room = await repos.rooms.insert({ domainId: account.domainId, localpart, name: validateName(name), kind: 'private', createdBy: account.id });
      await events.publish('room-changed', { roomId: room.id });
      return room;
    },

    /** Renames a room: members holding the rename right. */
    async rename(account: Account, roomId: number, name: string): Promise<Room> {
      const room = await require(roomId);
      await requireRight(room, account, 'rename', `You need the rename right to rename ${room.name}`);
      const updated = (await repos.rooms.update(roomId, { name: validateName(name) })) as Room;
      await events.publish('room-changed', { roomId });
      return updated;
    },

    async setSubject(roomId: number, subject: string, by: string, at: Date): Promise<void> {
      await repos.rooms.update(roomId, { subject, subjectBy: by, subjectAt: at });
    },

    /** Adds an account to a room (invite right); for group rooms this is how guests and outsiders get in. */
    async addMember(by: Account, roomId: number, accountId: number): Promise<void> {
      const room = await require(roomId);
      await requireRight(room, by, 'invite', `You need the invite right to add members to ${room.name}`);
      const account = await repos.accounts.get(accountId);
      if (!account) throw new AppError('item-not-found', 'No such account');
      if (await access.isMember(room, account)) throw new AppError('conflict', `${account.localpart}@${account.domain} is already a member`);
      await repos.rooms.addMember(roomId, accountId, by.id);
      await events.publish('room-members-changed', { roomId, removed: [], added: [accountId] });
    },

    /** Removes an account added to the room (delete right); its account remains. */
    async removeMember(by: Account, roomId: number, accountId: number): Promise<void> {
      const room = await require(roomId);
      await requireRight(room, by, 'delete', `You need the delete right to remove members from ${room.name}`);
      if (!(await repos.rooms.removeMember(roomId, accountId))) {
        throw new AppError('item-not-found', room.kind === 'group' ? 'Members of the group are removed from the group, not from the room' : 'That account is not a member of this room');
      }
      await events.publish('room-members-changed', { roomId, removed: [accountId] });
    },

    /** Closes (archives) or reopens a room: an archived room stays readable and searchable, nobody posts. */
    async setArchived(actor: Actor, roomId: number, archived: boolean): Promise<Room> {
      const room = await require(roomId);
      const group = room.groupId !== null ? await repos.groups.get(room.groupId) : undefined;
      if (group) requireGroupManager(actor, group);
      else if (!isDomainAdmin(actor, room.domainId) && actor.accountId !== room.createdBy) throw new AppError('forbidden', 'Only the creator or an administrator may archive this room');
      const updated = (await repos.rooms.update(roomId, { archived })) as Room;
      await audit(actor, archived ? 'room.archive' : 'room.reopen', { type: 'room', id: roomId });
      await events.publish('room-changed', { roomId });
      return updated;
    },

    async delete(actor: Actor, roomId: number): Promise<void> {
      const room = await require(roomId);
      const group = room.groupId !== null ? await repos.groups.get(room.groupId) : undefined;
      if (group) requireGroupManager(actor, group);
      else if (!isDomainAdmin(actor, room.domainId) && actor.accountId !== room.createdBy) throw new AppError('forbidden', 'Only the creator or an administrator may delete this room');
      await repos.rooms.delete(roomId);
      await audit(actor, 'room.delete', { type: 'room', id: roomId }, { jid: roomJid(room) });
      await events.publish('room-deleted', { roomId, jid: roomJid(room) });
    },

    /** Rooms the account can read, for bookmarks and the client's room list. */
    async roomsOf(account: Account): Promise<Array<{ room: Room; rights: Rights }>> {
      const candidates = new Map<number, Room>();
      for (const room of await repos.rooms.find({ ids: await repos.rooms.roomsWithMember(account.id) })) candidates.set(room.id, room);
      if (account.kind !== 'guest') {
        for (const room of await repos.rooms.find({ domainId: account.domainId })) {
          if (room.kind === 'group' || room.createdBy === account.id) candidates.set(room.id, room);
        }
        // Groups of other domains may contain the account (directly, through its domain or a nested group).
        for (const groupId of await access.groupsOf(account)) for (const room of await repos.rooms.find({ groupId })) candidates.set(room.id, room);
      }
      const result: Array<{ room: Room; rights: Rights }> = [];
      for (const room of candidates.values()) {
        if (room.kind === 'group' && room.groupId !== null) {
          const group = await repos.groups.get(room.groupId);
          if (!group?.teamchatEnabled) continue;
        }
        if (!(await access.rights(room, account, { asMember: true })).read) continue;
        result.push({ room, rights: await access.rights(room, account) });
      }
      return result;
    },

    isMember: (room: Room, account: Account) => access.isMember(room, account),
    rights: (room: Room, account: Account) => access.rights(room, account),
    memberIds: (room: Room) => access.memberIds(room),
    memberAndGranteeIds: (room: Room) => access.memberAndGranteeIds(room),
  };
}
