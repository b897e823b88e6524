// Follows the `events` table and replays, on this process's bus, the domain
// events other processes published (DESIGN.md: a change made in the admin
// console reaches every running node within 2 seconds, with no restart).

import type { Logger } from '../core/logger.js';
import type { EventsRepo } from '../store/types.js';
import { DOMAIN_EVENT_NAMES } from './domain-events.js';
import type { DomainEventName, DomainEventPayloads, DomainEvents } from './domain-events.js';

export interface EventFollower {
  stop(): void;
  /** Reads everything new now (tests, shutdown). */
  poll(): Promise<void>;
}

export async function followDomainEvents(repo: EventsRepo, events: DomainEvents, log: Logger, intervalMs = 500): Promise<EventFollower> {
  let lastId = await repo.lastId();
  let running: Promise<void> | undefined;
  const poll = async (): Promise<void> => {
    for (;;) {
      const batch = await repo.after(lastId, 200);
      for (const stored of batch) {
        lastId = stored.id;
        const parsed = parse(stored.type, stored.payload);
        if (!parsed || parsed.origin === events.origin) continue;
        await events.deliverRemote(parsed.name, parsed.payload).catch((error: unknown) => log.error('domain event handler failed', { error, type: stored.type }));
      }
      if (batch.length < 200) return;
    }
  };
  const tick = (): void => {
    if (running) return;
    running = poll()
      .catch((error: unknown) => log.warn('could not read the events table', { error }))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    poll: async () => {
      await running;
      await poll();
    },
  };
}

function parse(type: string, text: string): { name: DomainEventName; origin: string; payload: DomainEventPayloads[DomainEventName] } | undefined {
  if (!(DOMAIN_EVENT_NAMES as readonly string[]).includes(type)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || !('origin' in value) || !('payload' in value)) return undefined;
    const { origin, payload } = value as { origin: unknown; payload: unknown };
    if (typeof origin !== 'string' || typeof payload !== 'object' || payload === null) return undefined;
    return { name: type as DomainEventName, origin, payload: payload as DomainEventPayloads[DomainEventName] };
  } catch {
    return undefined;
  }
}
