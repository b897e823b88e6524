// The one place roster rows change (RFC 6121 §2 and §3): each change runs
// under the account's lock, is written, bumps the roster version when the
// visible roster changed (§2.6) and is pushed to interested resources.
// Callers must not route stanzas from inside a change: routing may need the
// other party's lock, and two accounts answering each other would deadlock.

import type { ModuleContext } from '../../core/module.js';
import type { Repositories, RosterItem } from '../../store/types.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import { KeyedLock } from '../../core/keyed-lock.js';
import { pushQuery, pushToInterested } from './push.js';
import { isEmpty, isPendingOnly, isVisible, sameItem } from './roster-items.js';

/** Whose roster: the account id and its bare JID (for pushes). */
export interface RosterOwner {
  accountId: number;
  bare: string;
}

export interface RosterChange {
  before: RosterItem | undefined;
  after: RosterItem | undefined;
}

/** Returns the new item, or undefined to delete it. It must not mutate its argument. */
export type RosterMutation = (current: RosterItem | undefined) => RosterItem | undefined;

export class RosterState {
  private readonly lock = new KeyedLock<number>();
  private readonly repos: Repositories;
  private readonly sessions: SessionRegistry;

  constructor(repos: Repositories, sessions: SessionRegistry) {
    this.repos = repos;
    this.sessions = sessions;
  }

  /** Every row of the roster, pending-only ones included. */
  all(accountId: number): Promise<RosterItem[]> {
    return this.repos.roster.find(accountId);
  }

  get(accountId: number, jid: string): Promise<RosterItem | undefined> {
    return this.repos.roster.get(accountId, jid);
  }

  async version(accountId: number): Promise<number> {
    return (await this.repos.accounts.get(accountId))?.rosterVersion ?? 0;
  }

  /** Runs `task` under the owner's lock (for checks that must see a stable roster, like the size limit). */
  exclusive<T>(owner: RosterOwner, task: () => Promise<T>): Promise<T> {
    return this.lock.run(owner.accountId, task);
  }

  /** Applies `mutate` to the item `jid` of `owner`'s roster; see the file comment. */
  modify(owner: RosterOwner, jid: string, mutate: RosterMutation): Promise<RosterChange> {
    return this.lock.run(owner.accountId, () => this.apply(owner, jid, mutate));
  }

  /** Like modify, for callers already inside exclusive(). */
  async apply(owner: RosterOwner, jid: string, mutate: RosterMutation): Promise<RosterChange> {
    const before = await this.repos.roster.get(owner.accountId, jid);
    let after = mutate(before);
    // A row that only held an unanswered request, once answered, carries nothing: drop it.
    if (after !== undefined && before !== undefined && isEmpty(after) && isPendingOnly(before)) after = undefined;
    if (sameItem(before, after)) return { before, after };
    if (after === undefined) await this.repos.roster.delete(owner.accountId, jid);
    else await this.repos.roster.put(owner.accountId, after);
    const shown = isVisible(after) ? after : undefined;
    if (shown || isVisible(before)) {
      const ver = String(await this.repos.accounts.bumpRosterVersion(owner.accountId));
      pushToInterested(this.sessions, owner.bare, pushQuery(shown ?? jid, ver));
    }
    return { before, after };
  }
}

// One RosterState per running node, shared by the roster and presence modules
// (they must share the lock). Keyed by the node's session registry.
const states = new WeakMap<SessionRegistry, RosterState>();

export function rosterStateFor(ctx: Pick<ModuleContext, 'services' | 'sessions'>): RosterState {
  let state = states.get(ctx.sessions);
  if (!state) {
    state = new RosterState(ctx.services.repos, ctx.sessions);
    states.set(ctx.sessions, state);
  }
  return state;
}
