// Keeps the membership graph in memory and drops it when any process
// changes a membership (the events reach this process through the follower).

import type { Repositories } from '../store/types.js';
import type { DomainEvents } from './domain-events.js';
import { MembershipGraph } from './membership-graph.js';

export class MembershipCache {
  private current: Promise<MembershipGraph> | undefined;
  private readonly repos: Repositories;

  constructor(repos: Repositories, events: DomainEvents) {
    this.repos = repos;
    const invalidate = (): void => this.invalidate();
    events.hook('group-members-changed', invalidate);
    events.hook('group-deleted', invalidate);
    events.hook('account-deleted', invalidate);
    events.hook('domain-changed', invalidate);
  }

  graph(): Promise<MembershipGraph> {
    this.current ??= this.repos.groups.allMemberships().then((edges) => new MembershipGraph(edges));
    const loading = this.current;
    // A failed load must not stay cached.
    loading.catch(() => {
      if (this.current === loading) this.current = undefined;
    });
    return loading;
  }

  invalidate(): void {
    this.current = undefined;
  }
}
