// Who belongs to a room and what each may do there. Membership: a group
// room's members are its group's effective members plus accounts added to
// the room (invited guests); a private room's are its creator and the
// accounts added. Effective rights are the union of the grants that match
// the account (on the room or on its group's rooms; to the account, a group
// it belongs to, or its domain); with no matching grant, members get Author.
// Server and domain administrators hold every right on their rooms.

import type { Account, Repositories } from '../store/types.js';
import type { Grant, Principal, Rights, Room } from '../store/teamchat-types.js';
import type { DomainEvents } from './domain-events.js';
import type { MembershipCache } from './membership-cache.js';
import { ADMINISTRATOR, DEFAULT_MEMBER_RIGHTS, NO_RIGHTS, union } from './rights-model.js';

export type AccountLike = Pick<Account, 'id' | 'domainId' | 'serverAdmin' | 'kind'>;

export class RoomAccess {
  private readonly grants = new Map<number, Promise<Grant[]>>();
  private readonly explicit = new Map<number, Promise<Set<number>>>();
  private readonly repos: Repositories;
  private readonly memberships: MembershipCache;

  constructor(repos: Repositories, memberships: MembershipCache, events: DomainEvents) {
    this.repos = repos;
    this.memberships = memberships;
    events.hook('rights-changed', () => this.grants.clear());
    events.hook('room-members-changed', ({ roomId }) => {
      this.explicit.delete(roomId);
    });
    events.hook('room-deleted', ({ roomId }) => {
      this.grants.delete(roomId);
      this.explicit.delete(roomId);
    });
    events.hook('account-deleted', () => this.explicit.clear());
  }

  private grantsOf(room: Room): Promise<Grant[]> {
    let grants = this.grants.get(room.id);
    if (!grants) {
      grants = this.repos.rights.findForRoom(room.id, room.groupId);
      this.grants.set(room.id, grants);
      grants.catch(() => this.grants.delete(room.id));
    }
    return grants;
  }

  private explicitMembers(room: Room): Promise<Set<number>> {
    let members = this.explicit.get(room.id);
    if (!members) {
      members = this.repos.rooms.members(room.id).then((ids) => new Set(ids));
      this.explicit.set(room.id, members);
      members.catch(() => this.explicit.delete(room.id));
    }
    return members;
  }

  async isMember(room: Room, account: AccountLike): Promise<boolean> {
    if (room.createdBy === account.id) return true;
    if ((await this.explicitMembers(room)).has(account.id)) return true;
    if (room.kind !== 'group' || room.groupId === null) return false;
    // Guests belong only to the rooms they were invited to, never through groups or domains.
    if (account.kind === 'guest') return false;
    return (await this.memberships.graph()).isMember(room.groupId, { id: account.id, domainId: account.domainId });
  }

  /** The groups the account belongs to, in any domain (none for guests: they only get rooms they are invited to). */
  async groupsOf(account: AccountLike): Promise<Set<number>> {
    if (account.kind === 'guest') return new Set();
    return (await this.memberships.graph()).groupsOf({ id: account.id, domainId: account.domainId });
  }

  /**
   * `asMember`: ignore the administrator roles, to know what the account gets
   * as a member or grantee (room lists must not fill with every room an
   * administrator could moderate).
   */
  async rights(room: Room, account: AccountLike, options: { asMember?: boolean } = {}): Promise<Rights> {
    if (!options.asMember && account.kind !== 'guest') {
      if (account.serverAdmin) return ADMINISTRATOR;
      if ((await this.repos.domainAdmins.domainsOf(account.id)).includes(room.domainId)) return ADMINISTRATOR;
    }
    if (room.kind === 'private' && room.createdBy === account.id) return ADMINISTRATOR;
    const graph = await this.memberships.graph();
    const groups = account.kind === 'guest' ? new Set<number>() : graph.groupsOf({ id: account.id, domainId: account.domainId });
    const matches = (grantee: Principal): boolean =>
      grantee.type === 'account' ? grantee.accountId === account.id : grantee.type === 'group' ? groups.has(grantee.groupId) : account.kind !== 'guest' && grantee.domainId === account.domainId;
    const matching = (await this.grantsOf(room)).filter((grant) => matches(grant.grantee));
    if (matching.length > 0) return matching.reduce((acc, grant) => union(acc, grant.rights), NO_RIGHTS);
    return (await this.isMember(room, account)) ? DEFAULT_MEMBER_RIGHTS : NO_RIGHTS;
  }

  /** Every account that belongs to the room (group members expanded, domains to their accounts). */
  async memberIds(room: Room): Promise<number[]> {
    const ids = new Set<number>(await this.explicitMembers(room));
    if (room.createdBy !== null) ids.add(room.createdBy);
    if (room.kind === 'group' && room.groupId !== null) await this.addExpanded(ids, (await this.memberships.graph()).expand(room.groupId));
    return [...ids];
  }

  /** The members plus every account a grant on the room names (groups and domains expanded): who may hold an affiliation. */
  async memberAndGranteeIds(room: Room): Promise<number[]> {
    const ids = new Set<number>(await this.memberIds(room));
    const graph = await this.memberships.graph();
    for (const { grantee } of await this.grantsOf(room)) {
      if (grantee.type === 'account') ids.add(grantee.accountId);
      else if (grantee.type === 'group') await this.addExpanded(ids, graph.expand(grantee.groupId));
      else await this.addExpanded(ids, { accountIds: new Set(), domainIds: new Set([grantee.domainId]) });
    }
    return [...ids];
  }

  private async addExpanded(ids: Set<number>, expanded: { accountIds: Set<number>; domainIds: Set<number> }): Promise<void> {
    for (const id of expanded.accountIds) ids.add(id);
    for (const domainId of expanded.domainIds) {
      for (const account of await this.repos.accounts.find({ domainId, kind: 'user' })) ids.add(account.id);
    }
  }
}
