// Domain events: what changed, in the past tense. Services fire them; the
// XMPP modules (and later the multi-node follower) react. Every event is
// also appended to the `events` table so other nodes can follow it.

import { EventBus } from '../core/events.js';

export interface DomainEventPayloads {
  'account-created': { accountId: number; jid: string };
  'account-deleted': { accountId: number; jid: string };
  'account-disabled': { accountId: number; jid: string };
  'password-changed': { accountId: number; jid: string };
  'domain-changed': { domainId: number; name: string };
}

export type DomainEventName = keyof DomainEventPayloads;

export type DomainEvents = EventBus<DomainEventPayloads>;

export function createDomainEvents(): DomainEvents {
  return new EventBus<DomainEventPayloads>();
}
