// Per-IP admission: a cap on connections that have not authenticated yet,
// and a token bucket on the rate of new connections. Entries vanish when an
// address has nothing open and its bucket is full again, so memory follows
// the number of active addresses only.

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

  constructor(maxUnauthenticated: number, ratePerSecond: number, now: () => number = Date.now) {
    this.maxUnauthenticated = maxUnauthenticated;
    this.ratePerSecond = ratePerSecond;
    this.burst = ratePerSecond * 5;
    this.now = now;
  }

  /** True when a new connection from `ip` may proceed. */
  admit(ip: string): boolean {
    const now = this.now();
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

  private forgetIfIdle(ip: string): void {
    const state = this.states.get(ip);
    if (state && state.unauthenticated === 0 && state.tokens >= this.burst - 1) this.states.delete(ip);
  }
}
