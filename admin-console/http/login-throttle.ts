// Slows down password guessing on the WebAdmin: after a few failures for
// one account or from one IP, each further attempt must wait, doubling up
// to 15 minutes. In memory (one process serves the WebAdmin), bounded.

export interface ThrottleOptions {
  freeAttempts?: number;
  maxDelayMs?: number;
  /** Failures older than this are forgotten. */
  windowMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  lastFailure: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly free: number;
  private readonly maxDelay: number;
  private readonly window: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.free = options.freeAttempts ?? 5;
    this.maxDelay = options.maxDelayMs ?? 15 * 60_000;
    this.window = options.windowMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private delayOf(entry: Entry | undefined): number {
    if (!entry || entry.failures < this.free) return 0;
    return Math.min(1000 * 2 ** (entry.failures - this.free), this.maxDelay);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure > this.window) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds to wait before the next attempt for any of these keys (0 = go ahead). */
  retryAfter(keys: readonly string[]): number {
    let waitMs = 0;
    for (const key of keys) {
      const entry = this.live(key);
      if (entry) waitMs = Math.max(waitMs, entry.lastFailure + this.delayOf(entry) - this.now());
    }
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  failed(keys: readonly string[]): void {
    for (const key of keys) {
      const entry = this.live(key) ?? { failures: 0, lastFailure: 0 };
      entry.failures += 1;
      entry.lastFailure = this.now();
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
