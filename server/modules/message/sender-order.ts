// Per-sender delivery order (RFC 6120 §10.1: stanzas from one entity are
// delivered in the order sent) under the durability rule: a message waits
// for its archive commit before delivery, so anything the same sender sent
// later (even a chat state that is written nowhere) waits behind it.
// Commits complete in arrival order (DurableWriter), so waiting costs
// nothing once the earlier batch is in.

import type { Logger } from '../../core/logger.js';

export class SenderOrder {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  /** Number of senders with deliveries still waiting (for tests and metrics). */
  get pendingSenders(): number {
    return this.tails.size;
  }

  /**
   * Runs `deliver` once every earlier step of `sender` ran and `commit` (if
   * any) resolved; runs `failed` instead when the commit rejects. With
   * nothing to wait for, `deliver` runs at once, synchronously.
   */
  run(sender: string, commit: Promise<unknown> | undefined, deliver: () => void, failed: (error: unknown) => void): void {
    const previous = this.tails.get(sender);
    if (previous === undefined && commit === undefined) {
      this.guard(deliver);
      return;
    }
    const next = (async (): Promise<void> => {
      if (previous !== undefined) await previous;
      if (commit !== undefined) {
        try {
          await commit;
        } catch (error) {
          this.guard(() => failed(error));
          return;
        }
      }
      this.guard(deliver);
    })();
    this.tails.set(sender, next);
    void next.then(() => {
      if (this.tails.get(sender) === next) this.tails.delete(sender);
    });
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.log.error('message delivery step failed', { error });
    }
  }
}
