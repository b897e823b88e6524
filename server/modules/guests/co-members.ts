// Do two accounts, one of them a guest, share a room? The answer decides
// whether they may exchange 1:1 stanzas (confinement.ts). It is cached per
// pair: a cache hit is one Map lookup, so a guest's chat costs no database
// work per message. Any change that can alter co-membership (room members,
// group members, rights, rooms, groups, accounts; from this process or,
// through the event follower, another one) drops the whole cache: such
// changes are rare next to messages.

import type { Services } from '../../domain/index.js';
import type { DomainEvents } from '../../domain/domain-events.js';
import type { Jid } from '../../core/jid.js';

const MAX_PAIRS = 20_000;
const INVALIDATING_EVENTS = [
  'room-members-changed', 'room-deleted', 'room-changed', 'group-members-changed', 'group-changed', 'group-deleted',
  'rights-changed', 'account-created', 'account-deleted', 'domain-changed', 'policy-changed',
] as const satisfies ReadonlyArray<Parameters<DomainEvents['hook']>[0]>;

export class CoMembers {
  private readonly pairs = new Map<string, Promise<boolean>>();
  private readonly services: Services;

  constructor(services: Services) {
    this.services = services;
  }

  /** Starts following the changes that invalidate answers; returns the function that stops it. */
  follow(): () => void {
    const unhooks = INVALIDATING_EVENTS.map((name) => this.services.events.hook(name, () => this.pairs.clear()));
    return () => {
      for (const unhook of unhooks) unhook();
    };
  }

  /** True when the accounts behind `a` and `b` (bare parts) share a room the guest among them can read. */
  shareRoom(a: Jid, b: Jid): Promise<boolean> {
    const key = a.bare < b.bare ? `${a.bare} ${b.bare}` : `${b.bare} ${a.bare}`;
    let answer = this.pairs.get(key);
    if (!answer) {
      if (this.pairs.size >= MAX_PAIRS) this.pairs.clear();
      answer = this.compute(a, b);
      this.pairs.set(key, answer);
      // A failed lookup must not stay cached.
      answer.catch(() => this.pairs.delete(key));
    }
    return answer;
  }

  private async compute(a: Jid, b: Jid): Promise<boolean> {
    const [first, second] = await Promise.all([this.services.accounts.getByJid(a.local, a.domain), this.services.accounts.getByJid(b.local, b.domain)]);
    // An address without an account shares nothing (and the answer is the same as for a stranger: no leak).
    if (!first || !second) return false;
    const guest = first.kind === 'guest' ? first : second.kind === 'guest' ? second : undefined;
    if (!guest) return true;
    const other = guest === first ? second : first;
    // A guest reads only rooms it was added to: few rooms, each membership check served from room-access's caches.
    for (const { room } of await this.services.rooms.roomsOf(guest)) {
      if (await this.services.rooms.isMember(room, other)) return true;
    }
    return false;
  }
}
