// Which local accounts exist, by bare JID, without a database round trip per
// message (DESIGN.md performance rule: the hot path does no blocking work
// per stanza). Online accounts answer from their sessions; others are
// cached for a short while. Deleted or disabled accounts are forgotten at
// once through domain events; the TTL bounds staleness for changes made by
// another node.

import type { Jid } from '../../core/jid.js';
import type { Services } from '../../domain/index.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';

export interface LocalAccount {
  id: number;
  bare: string;
}

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class AccountDirectory {
  private readonly cache = new Map<string, { id: number; until: number }>();
  private readonly services: Services;
  private readonly sessions: SessionRegistry;

  constructor(services: Services, sessions: SessionRegistry) {
    this.services = services;
    this.sessions = sessions;
  }

  /** The account behind `jid` (its bare part), or undefined when there is none or it is disabled. */
  async find(jid: Jid): Promise<LocalAccount | undefined> {
    const bare = jid.bare;
    for (const session of this.sessions.sessionsOf(bare)) {
      if (session.account && !session.account.disabled) return { id: session.account.id, bare };
    }
    const cached = this.cache.get(bare);
    const now = Date.now();
    if (cached && cached.until > now) return { id: cached.id, bare };
    if (!jid.local) return undefined;
    const account = await this.services.accounts.getByJid(jid.local, jid.domain);
    if (!account || account.disabled) {
      this.cache.delete(bare);
      return undefined;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(bare, { id: account.id, until: now + TTL_MS });
    return { id: account.id, bare };
  }

  forget(bare: string): void {
    this.cache.delete(bare);
  }
}
