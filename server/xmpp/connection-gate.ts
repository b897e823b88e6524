// Per-IP admission: a cap on connections that have not authenticated yet,
// and a token bucket on the rate of new connections. Entries vanish when an
// address has nothing open and its bucket is full again (checked when its
// connections end, and by a sweep at most once per refill period), so memory
// follows the number of active addresses only.

/** The bucket holds five seconds' worth of connections: a drained one is full again after this long. */
const REFILL_MS = 5_000;

interface IpState {
  unauthenticated: number;
  tokens: number;
  at: number;
}

export class ConnectionGate {
  private readonly states = new Map<string, IpState>();
  private readonly maxUnauthenticated: number;
  private readonly ratePerSecond: number;
  private readonly burst: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(maxUnauthenticated: number, ratePerSecond: number, now: () => number = Date.now) {
    this.maxUnauthenticated = maxUnauthenticated;
    this.ratePerSecond = ratePerSecond;
    this.burst = ratePerSecond * (REFILL_MS / 1000);
    this.now = now;
    this.lastSweep = now();
  }

  /** True when a new connection from `ip` may proceed. */
  admit(ip: string): boolean {
    const now = this.now();
    if (now - this.lastSweep >= REFILL_MS) this.sweep(now);
    const state = this.states.get(ip) ?? { unauthenticated: 0, tokens: this.burst, at: now };
    state.tokens = Math.min(this.burst, state.tokens + ((now - state.at) / 1000) * this.ratePerSecond);
    state.at = now;
    if (state.tokens < 1 || state.unauthenticated >= this.maxUnauthenticated) {
      this.states.set(ip, state);
      return false;
    }
    state.tokens -= 1;
    state.unauthenticated += 1;
    this.states.set(ip, state);
    return true;
  }

  /** The connection authenticated: it no longer counts against the cap. */
  authenticated(ip: string): void {
    const state = this.states.get(ip);
    if (state && state.unauthenticated > 0) state.unauthenticated -= 1;
    this.forgetIfIdle(ip);
  }

  /** The connection ended; `wasAuthenticated` says whether it was already released. */
  released(ip: string, wasAuthenticated: boolean): void {
    if (!wasAuthenticated) {
      const state = this.states.get(ip);
      if (state && state.unauthenticated > 0) state.unauthenticated -= 1;
    }
    this.forgetIfIdle(ip);
  }

  get trackedAddresses(): number {
    return this.states.size;
  }

  /**
   * An address whose connections all ended while its bucket was still low
   * is not forgotten by forgetIfIdle(); nothing else would ever touch it
   * again, so sweep such entries once their bucket has refilled.
   */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [ip, state] of this.states) {
      const tokens = state.tokens + ((now - state.at) / 1000) * this.ratePerSecond;
      if (state.unauthenticated === 0 && tokens >= this.burst - 1) this.states.delete(ip);
    }
  }

  private forgetIfIdle(ip: string): void {
    const state = this.states.get(ip);
    if (state && state.unauthenticated === 0 && state.tokens >= this.burst - 1) this.states.delete(ip);
  }
}
