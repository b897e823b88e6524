// Rights grants on a group's rooms or on one room (DESIGN.md "Groups, rooms
// and rights"). Granting is an administrator's or group manager's act; for a
// private room, also of its members holding the admin right.

import { AppError } from '../core/errors.js';
import type { Account, Repositories } from '../store/types.js';
import type { Grant, GrantScope, Principal, Rights, Room } from '../store/teamchat-types.js';
import type { Actor } from './actor.js';
import { isGroupManager } from './authorization.js';
import type { AuditTrail } from './audit.js';
import type { DomainEvents } from './domain-events.js';
import type { RoomAccess } from './room-access.js';

export type RightsService = ReturnType<typeof createRightsService>;

export function createRightsService(deps: { repos: Repositories; events: DomainEvents; audit: AuditTrail; access: RoomAccess }) {
  const { repos, events, audit, access } = deps;

  /** Who may manage grants on a scope: group managers and administrators; for a room, also members with the admin right. */
  async function requireManage(actor: Actor, scope: GrantScope): Promise<void> {
    if (scope.kind === 'group') {
      const group = await repos.groups.get(scope.groupId);
      if (!group) throw new AppError('item-not-found', 'No such group');
      if (!isGroupManager(actor, group)) throw new AppError('forbidden', `Only an administrator or a manager of ${group.name} may change its rights`);
      return;
    }
    const room = await repos.rooms.get(scope.roomId);
    if (!room) throw new AppError('item-not-found', 'No such room');
    const group = room.groupId !== null ? await repos.groups.get(room.groupId) : undefined;
    if (group && isGroupManager(actor, group)) return;
    const account = actor.accountId !== null ? await repos.accounts.get(actor.accountId) : undefined;
    if (actor.serverAdmin || (account && (await access.rights(room, account)).admin)) return;
    throw new AppError('forbidden', `You need the admin right on ${room.name} to change its rights`);
  }

  async function checkGrantee(grantee: Principal): Promise<void> {
    const exists =
      grantee.type === 'account' ? await repos.accounts.get(grantee.accountId) : grantee.type === 'domain' ? await repos.domains.get(grantee.domainId) : await repos.groups.get(grantee.groupId);
    if (!exists) throw new AppError('item-not-found', `No such ${grantee.type}`);
  }

  const published = (scope: GrantScope) =>
    events.publish('rights-changed', { groupId: scope.kind === 'group' ? scope.groupId : null, roomId: scope.kind === 'room' ? scope.roomId : null });

  return {
    list: (scope: GrantScope): Promise<Grant[]> => repos.rights.find(scope),

    /** Throws forbidden (with a text) unless the actor may manage grants on the scope. */
    requireManage,

    /** Grants (or replaces) rights; a grant with no right at all is refused, remove it instead. */
    async grant(actor: Actor, scope: GrantScope, grantee: Principal, rights: Rights): Promise<Grant> {
      await requireManage(actor, scope);
      await checkGrantee(grantee);
      if (!Object.values(rights).some(Boolean)) throw new AppError('bad-request', 'A grant needs at least one right; remove the grantee instead');
      const grant = await repos.rights.put(scope, grantee, rights, actor.accountId);
      await audit(actor, 'rights.grant', { type: scope.kind, id: scope.kind === 'group' ? scope.groupId : scope.roomId }, { grantee, rights });
      await published(scope);
      return grant;
    },

    async revoke(actor: Actor, scope: GrantScope, grantee: Principal): Promise<void> {
      await requireManage(actor, scope);
      if (!(await repos.rights.delete(scope, grantee))) throw new AppError('item-not-found', 'That grantee has no rights here');
      await audit(actor, 'rights.revoke', { type: scope.kind, id: scope.kind === 'group' ? scope.groupId : scope.roomId }, { grantee });
      await published(scope);
    },

    effective: (room: Room, account: Account): Promise<Rights> => access.rights(room, account),
  };
}
