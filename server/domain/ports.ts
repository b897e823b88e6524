// What the domain layer needs from the outside world, as interfaces the
// composition root fills in (XMPP sessions, clock, mail).

export interface SessionGateway {
  /** Full JIDs of the account's connected sessions. */
  resourcesOf(bareJid: string): string[];
  /** Ends every session of the account at once, with a stream error text. */
  disconnect(bareJid: string, reason: string): void;
  onlineCount(): number;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
