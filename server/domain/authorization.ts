// The role rules of DESIGN.md, in one place: server administrators may do
// everything; domain administrators, what concerns their domains; group
// managers, their groups' members and rights. Services call these before
// any administrative change; refusals are AppError('forbidden').

import { AppError } from '../core/errors.js';
import type { Actor } from './actor.js';

export function isDomainAdmin(actor: Actor, domainId: number): boolean {
  return actor.serverAdmin || actor.domainAdminOf.includes(domainId);
}

export function isGroupManager(actor: Actor, group: { id: number; domainId: number }): boolean {
  return isDomainAdmin(actor, group.domainId) || actor.managerOf.includes(group.id);
}

export function requireServerAdmin(actor: Actor): void {
  if (!actor.serverAdmin) throw new AppError('forbidden', 'Only a server administrator may do this');
}

export function requireDomainAdmin(actor: Actor, domainId: number): void {
  if (!isDomainAdmin(actor, domainId)) throw new AppError('forbidden', 'Only an administrator of this domain may do this');
}

export function requireGroupManager(actor: Actor, group: { id: number; domainId: number; name: string }): void {
  if (!isGroupManager(actor, group)) throw new AppError('forbidden', `Only an administrator or a manager of the group "${group.name}" may do this`);
}
