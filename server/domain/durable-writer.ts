// Group commit for the writes a message waits for (DESIGN.md, durability
// rule): archive rows and offline copies gathered over one turn of the event
// loop are written together; every waiter resolves once its batch commits.
// Batches commit one after another, so completion order is arrival order.

import type { NewArchivedMessage, Repositories } from '../store/types.js';
import type { Clock } from './ports.js';

export interface OfflineCopy {
  accountId: number;
  stanza: string;
}

export interface DurableWrite {
  archive?: NewArchivedMessage[];
  offline?: OfflineCopy[];
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class DurableWriter {
  private archive: NewArchivedMessage[] = [];
  private offline: OfflineCopy[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private readonly repos: Repositories;
  private readonly clock: Clock;

  constructor(repos: Repositories, clock: Clock) {
    this.repos = repos;
    this.clock = clock;
  }

  /** Resolves once the writes are committed; rejects if the batch failed. */
  write(op: DurableWrite): Promise<void> {
    if (op.archive) for (const row of op.archive) this.archive.push(row);
    if (op.offline) for (const copy of op.offline) this.offline.push(copy);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Waits for everything queued so far (used on shutdown). */
  async drain(): Promise<void> {
    while (this.flushing || this.waiters.length > 0) {
      if (this.flushing) await this.flushing.catch(() => undefined);
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.waiters.length === 0) return;
    const archive = this.archive;
    const offline = this.offline;
    const waiters = this.waiters;
    this.archive = [];
    this.offline = [];
    this.waiters = [];
    const run = this.commit(archive, offline).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
    this.flushing = run;
    await run;
    this.flushing = undefined;
    if (this.waiters.length > 0) this.schedule();
  }

  private async commit(archive: NewArchivedMessage[], offline: OfflineCopy[]): Promise<void> {
    const writes: Promise<void>[] = [];
    if (archive.length > 0) writes.push(this.repos.archive.insertMany(archive));
    if (offline.length > 0) {
      const byAccount = new Map<number, string[]>();
      for (const copy of offline) {
        const list = byAccount.get(copy.accountId) ?? [];
        list.push(copy.stanza);
        byAccount.set(copy.accountId, list);
      }
      const at = this.clock.now();
      for (const [accountId, stanzas] of byAccount) writes.push(this.repos.offline.insert(accountId, stanzas, at));
    }
    await Promise.all(writes);
  }
}
