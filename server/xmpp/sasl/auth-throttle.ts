// Slows down password guessing: after a few failures for one account or
// from one IP, each further answer is delayed, growing up to a ceiling.
// State is bounded (oldest entries evicted) and forgotten after a while.

interface FailureRecord {
  count: number;
  last: number;
}

export interface AuthThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
  maxEntries: number;
}

export const DEFAULT_THROTTLE: AuthThrottleOptions = {
  freeAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  forgetAfterMs: 15 * 60_000,
  maxEntries: 50_000,
};

export class AuthThrottle {
  private readonly records = new Map<string, FailureRecord>();
  private readonly options: AuthThrottleOptions;
  private readonly now: () => number;

  constructor(options: Partial<AuthThrottleOptions> = {}, now: () => number = Date.now) {
    this.options = { ...DEFAULT_THROTTLE, ...options };
    this.now = now;
  }

  /** Delay to apply before answering a failed attempt for this account and IP. */
  delayFor(account: string, ip: string): number {
    return Math.max(this.delayOf(`a:${account}`), this.delayOf(`i:${ip}`));
  }

  recordFailure(account: string, ip: string): void {
    this.bump(`a:${account}`);
    this.bump(`i:${ip}`);
  }

  /**
   * A success clears the account's record only: clearing the IP's too would
   * let someone holding one valid account reset the count between guesses
   * at other accounts.
   */
  recordSuccess(account: string, _ip: string): void {
    this.records.delete(`a:${account}`);
  }

  private delayOf(key: string): number {
    const record = this.records.get(key);
    if (!record) return 0;
    if (this.now() - record.last > this.options.forgetAfterMs) {
      this.records.delete(key);
      return 0;
    }
    // The first `freeAttempts` failures cost nothing; the next one waits baseDelayMs, then doubling.
    const excess = record.count - this.options.freeAttempts;
    if (excess <= 0) return 0;
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (excess - 1));
  }

  private bump(key: string): void {
    const record = this.records.get(key);
    const now = this.now();
    if (record && now - record.last <= this.options.forgetAfterMs) {
      record.count += 1;
      record.last = now;
      this.records.delete(key);
      this.records.set(key, record); // keep insertion order = recency
    } else {
      // Map.set keeps an existing key's position: delete first so a renewed record counts as recent.
      this.records.delete(key);
      this.records.set(key, { count: 1, last: now });
    }
    if (this.records.size > this.options.maxEntries) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }
}
