// Online sessions by bare JID and resource. Implements the domain's
// SessionGateway port so the WebAdmin can see and end sessions.

import { randomBytes } from 'node:crypto';
import type { SessionGateway } from '../domain/ports.js';
import type { ClientSession } from './stream/client-session.js';

export class SessionRegistry implements SessionGateway {
  private readonly byBare = new Map<string, Map<string, ClientSession>>();

  /**
   * Binds `session` to a resource (RFC 6120 §7.7): the requested one, or a
   * generated one. An older session on the same resource is replaced and
   * receives a <conflict/> stream error (§7.7.2.2, "override").
   */
  bind(session: ClientSession, bare: string, requested: string | undefined): string {
    const resources = this.byBare.get(bare) ?? new Map<string, ClientSession>();
    const resource = requested ?? `causerie-${randomBytes(6).toString('base64url')}`;
    const previous = resources.get(resource);
    resources.set(resource, session);
    this.byBare.set(bare, resources);
    if (previous && previous !== session) {
      // The old session must not unregister the new one when it ends.
      previous.jid = undefined;
      previous.close('conflict', 'replaced by a new connection with the same resource');
    }
    return resource;
  }

  remove(session: ClientSession): void {
    const jid = session.jid;
    if (!jid) return;
    const resources = this.byBare.get(jid.bare);
    if (resources?.get(jid.resource) !== session) return;
    resources.delete(jid.resource);
    if (resources.size === 0) this.byBare.delete(jid.bare);
  }

  get(bare: string, resource: string): ClientSession | undefined {
    return this.byBare.get(bare)?.get(resource);
  }

  /** Every bound session of the account, hibernated ones included. */
  sessionsOf(bare: string): ClientSession[] {
    const resources = this.byBare.get(bare);
    return resources ? [...resources.values()] : [];
  }

  /** Sessions that sent available presence (RFC 6121 "available resources"). */
  availableOf(bare: string): ClientSession[] {
    return this.sessionsOf(bare).filter((s) => s.isAvailable);
  }

  *all(): IterableIterator<ClientSession> {
    for (const resources of this.byBare.values()) yield* resources.values();
  }

  resourcesOf(bareJid: string): string[] {
    return this.sessionsOf(bareJid).flatMap((s) => (s.jid ? [s.jid.full] : []));
  }

  disconnect(bareJid: string, reason: string): void {
    for (const session of this.sessionsOf(bareJid)) {
      if (session.phase === 'hibernated') session.terminate(false);
      else session.close('not-authorized', reason);
      // A replaced session keeps no claim on the account once closed.
    }
  }

  onlineCount(): number {
    let count = 0;
    for (const resources of this.byBare.values()) count += resources.size;
    return count;
  }
}
