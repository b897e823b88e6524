// Domain events: what changed, in the past tense. Services publish them;
// XMPP modules and the node react. Each event is also appended to the
// `events` table, and every node follows that table (event-follower.ts), so
// a change made by another process — the CLI, the WebAdmin, another node —
// reaches this node within the follow interval.

import { randomUUID } from 'node:crypto';
import { EventBus } from '../core/events.js';
import type { Handler } from '../core/events.js';
import type { EventsRepo } from '../store/types.js';

export interface DomainEventPayloads {
  'account-created': { accountId: number; jid: string };
  'account-deleted': { accountId: number; jid: string };
  'account-disabled': { accountId: number; jid: string };
  /** `selfService`: the account's owner changed it from a logged-in client. */
  'password-changed': { accountId: number; jid: string; selfService?: boolean };
  'domain-changed': { domainId: number; name: string };
  /** A domain's or an account's GroupWare/WebDAV/TeamChat switches changed. */
  'policy-changed': { domainId: number; accountId: number | null };
  'teamchat-service-changed': { running: boolean };
  'group-changed': { groupId: number };
  /** Effective membership may have changed for this group and every group containing it. */
  'group-members-changed': { groupId: number };
  'group-deleted': { groupId: number };
  'room-changed': { roomId: number };
  'room-deleted': { roomId: number; jid: string };
  /** Explicit members of a room changed (private rooms, invited guests). */
  'room-members-changed': { roomId: number; removed: number[]; added?: number[] };
  'rights-changed': { groupId: number | null; roomId: number | null };
}

export type DomainEventName = keyof DomainEventPayloads;

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  'account-created', 'account-deleted', 'account-disabled', 'password-changed', 'domain-changed',
  'policy-changed', 'teamchat-service-changed', 'group-changed', 'group-members-changed', 'group-deleted',
  'room-changed', 'room-deleted', 'room-members-changed', 'rights-changed',
];

export class DomainEvents {
  /** Identifies this process in the events table, so it does not react twice to its own events. */
  readonly origin = randomUUID();
  private readonly bus = new EventBus<DomainEventPayloads>();
  private readonly log: EventsRepo;

  constructor(log: EventsRepo) {
    this.log = log;
  }

  hook<K extends DomainEventName>(name: K, handler: Handler<DomainEventPayloads[K]>): () => void {
    return this.bus.hook(name, handler);
  }

  /** Records the event for other processes, then runs local handlers. */
  async publish<K extends DomainEventName>(name: K, payload: DomainEventPayloads[K]): Promise<void> {
    await this.log.append(name, JSON.stringify({ origin: this.origin, payload }));
    await this.bus.notify(name, payload);
  }

  /** Runs local handlers for an event another process published. */
  async deliverRemote<K extends DomainEventName>(name: K, payload: DomainEventPayloads[K]): Promise<void> {
    await this.bus.notify(name, payload);
  }
}
