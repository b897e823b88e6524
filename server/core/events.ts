// A priority event bus in Prosody's style: handlers run from the highest
// priority down; the first one that returns true has handled the event and
// the rest are skipped. Handlers may be async; the bus awaits them only
// when they return a promise, so synchronous paths stay synchronous.

export type HandlerResult = boolean | void | Promise<boolean | void>;
export type Handler<P> = (payload: P) => HandlerResult;

interface Registration<P> {
  handler: Handler<P>;
  priority: number;
}

export class EventBus<Payloads extends object> {
  private readonly handlers = new Map<string, Registration<never>[]>();

  /** Registers a handler; returns a function that removes it. */
  hook<K extends keyof Payloads & string>(name: K, handler: Handler<Payloads[K]>, priority = 0): () => void {
    const registration = { handler, priority };
    // Lists are replaced, never mutated: an event being fired keeps running
    // over the handlers it started with, whatever is hooked or unhooked meanwhile.
    const list = [...((this.handlers.get(name) ?? []) as Registration<Payloads[K]>[]), registration];
    list.sort((a, b) => b.priority - a.priority);
    this.handlers.set(name, list as Registration<never>[]);
    return () => {
      const current = this.handlers.get(name) as Registration<Payloads[K]>[] | undefined;
      if (!current || !current.includes(registration)) return;
      const rest = current.filter((r) => r !== registration);
      if (rest.length === 0) this.handlers.delete(name);
      else this.handlers.set(name, rest as Registration<never>[]);
    };
  }

  has(name: keyof Payloads & string): boolean {
    return this.handlers.has(name);
  }

  /**
   * Runs handlers in priority order until one returns true. Returns true when
   * handled. Returns a promise only if some handler was asynchronous.
   */
  fire<K extends keyof Payloads & string>(name: K, payload: Payloads[K]): boolean | Promise<boolean> {
    const list = this.handlers.get(name) as Registration<Payloads[K]>[] | undefined;
    if (!list) return false;
    return runFrom(list, 0, payload);
  }

  /** Runs every handler (notification events), awaiting async ones in order. */
  async notify<K extends keyof Payloads & string>(name: K, payload: Payloads[K]): Promise<void> {
    const list = this.handlers.get(name) as Registration<Payloads[K]>[] | undefined;
    if (!list) return;
    for (const { handler } of list) await handler(payload);
  }
}

function runFrom<P>(list: Registration<P>[], start: number, payload: P): boolean | Promise<boolean> {
  for (let i = start; i < list.length; i++) {
    const registration = list[i];
    if (!registration) continue;
    const result = registration.handler(payload);
    if (result === true) return true;
    if (result instanceof Promise) {
      return result.then((value) => (value === true ? true : runFrom(list, i + 1, payload)));
    }
  }
  return false;
}
