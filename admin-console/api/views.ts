// What the API shows of the domain objects (the schemas of openapi-schemas.ts).
// Never SCRAM secrets or other internals.

import type { Account, AuditEntry, Domain, FeaturePolicy, Repositories } from '../../server/store/types.js';
import type { Grant, Group, Principal, Room } from '../../server/store/teamchat-types.js';
import { roomJid } from '../../server/domain/rooms.js';
import { presetOf } from '../../server/domain/rights-model.js';
import type { Actor } from '../../server/domain/actor.js';

export const jidOf = (account: Pick<Account, 'localpart' | 'domain'>): string => `${account.localpart}@${account.domain}`;

export function accountSummary(account: Account) {
  return { id: account.id, jid: jidOf(account), kind: account.kind, displayName: account.displayName };
}

export function accountView(account: Account, effective: FeaturePolicy) {
  return {
    id: account.id,
    jid: jidOf(account),
    localpart: account.localpart,
    domain: account.domain,
    kind: account.kind,
    displayName: account.displayName,
    firstName: account.firstName,
    lastName: account.lastName,
    description: account.description,
    email: account.email,
    language: account.language,
    disabled: account.disabled,
    serverAdmin: account.serverAdmin,
    policy: { groupware: account.groupware, webdav: account.webdav, teamchat: account.teamchat },
    effective,
    quotaBytes: account.quotaBytes,
    lastLoginAt: account.lastLoginAt,
    lastLoginIp: account.lastLoginIp,
    createdAt: account.createdAt,
  };
}

export function domainView(domain: Domain) {
  const { id, name, kind, description, groupware, webdav, teamchat, createdAt, updatedAt } = domain;
  return { id, name, kind, description, groupware, webdav, teamchat, createdAt, updatedAt };
}

export function groupView(group: Group) {
  return {
    id: group.id,
    domain: group.domain,
    name: group.name,
    alias: group.alias,
    address: `${group.alias}@${group.domain}`,
    access: group.access,
    description: group.description,
    teamchatEnabled: group.teamchatEnabled,
    createdAt: group.createdAt,
  };
}

export function roomView(room: Room) {
  return { id: room.id, jid: roomJid(room), name: room.name, description: room.description, kind: room.kind, groupId: room.groupId, archived: room.archived, createdAt: room.createdAt };
}

export function principalId(principal: Principal): number {
  return principal.type === 'account' ? principal.accountId : principal.type === 'domain' ? principal.domainId : principal.groupId;
}

/** A member or grantee with a label people recognise (JID, domain name, group name). */
export async function principalView(repos: Repositories, principal: Principal) {
  const id = principalId(principal);
  let label = `(deleted ${principal.type})`;
  if (principal.type === 'account') {
    const account = await repos.accounts.get(id);
    if (account) label = jidOf(account);
  } else if (principal.type === 'domain') {
    const domain = await repos.domains.get(id);
    if (domain) label = domain.name;
  } else {
    const group = await repos.groups.get(id);
    if (group) label = group.name;
  }
  return { type: principal.type, id, label };
}

export async function grantView(repos: Repositories, grant: Grant) {
  return { grantee: await principalView(repos, grant.grantee), rights: grant.rights, preset: presetOf(grant.rights) ?? null, updatedAt: grant.updatedAt };
}

export function auditView(entry: AuditEntry) {
  let details: unknown = null;
  try {
    details = entry.details === null ? null : JSON.parse(entry.details);
  } catch {
    details = { text: entry.details };
  }
  return { id: entry.id, actor: entry.actor, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, details, ip: entry.ip, createdAt: entry.createdAt };
}

export async function rolesView(repos: Repositories, actor: Actor) {
  const domains = await Promise.all(actor.domainAdminOf.map((id) => repos.domains.get(id)));
  return { serverAdmin: actor.serverAdmin, domainAdminOf: domains.flatMap((d) => (d ? [d.name] : [])), managerOf: [...actor.managerOf] };
}
