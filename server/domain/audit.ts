// Writes one audit-log entry per administrative change: who, what, when,
// from which IP.

import type { Repositories } from '../store/types.js';
import type { Actor } from './actor.js';

export type AuditTrail = (actor: Actor, action: string, target: { type: string; id: string | number } | null, details?: Record<string, unknown>) => Promise<void>;

export function createAuditTrail(repos: Repositories): AuditTrail {
  return (actor, action, target, details) =>
    repos.audit.append({
      actorAccountId: actor.accountId,
      actor: actor.label,
      action,
      targetType: target?.type ?? null,
      targetId: target === null ? null : String(target.id),
      details: details ? JSON.stringify(details) : null,
      ip: actor.ip,
    });
}
