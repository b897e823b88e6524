// Router over a fake event bus and session registry: event names, pre-
// events for client stanzas only, shape checks, and the fallback replies.
// RFC 6120 §8, §10 — https://www.rfc-editor.org/rfc/rfc6120#section-10

import { describe, expect, it } from 'vitest';
import { Router } from './router.js';
import type { EventBus } from '../core/events.js';
import type { HookPayloads, StanzaEvent } from '../core/hooks.js';
import { parseJid } from '../core/jid.js';
import type { Jid } from '../core/jid.js';
import type { Logger } from '../core/logger.js';
import { NS_STANZAS } from './namespaces.js';
import { el } from './stanza.js';
import type { Element } from './stanza.js';
import type { SessionRegistry } from './sessions.js';
import type { ClientSession } from './stream/client-session.js';

const DOMAIN = 'example.org';

interface FakeSession {
  jid: Jid | undefined;
  sent: Element[];
  closed: Array<[string, string | undefined]>;
  send(stanza: Element): void;
  close(condition: string, text?: string): void;
}

function fakeSession(jid: string | undefined): FakeSession {
  return {
    jid: jid === undefined ? undefined : parseJid(jid),
    sent: [],
    closed: [],
    send(stanza) {
      this.sent.push(stanza);
    },
    close(condition, text) {
      this.closed.push([condition, text]);
    },
  };
}

/** Records every fired event; answers with the configured result (false by default). */
class FakeBus {
  readonly fired: string[] = [];
  readonly payloads: StanzaEvent[] = [];
  readonly results = new Map<string, boolean | Promise<boolean>>();

  fire(name: string, payload: StanzaEvent): boolean | Promise<boolean> {
    this.fired.push(name);
    this.payloads.push(payload);
    return this.results.get(name) ?? false;
  }
}

function setup(): { router: Router; bus: FakeBus; origin: FakeSession; registry: Map<string, FakeSession>; warnings: string[] } {
  const bus = new FakeBus();
  const registry = new Map<string, FakeSession>();
  const sessions = { get: (bare: string, resource: string) => registry.get(`${bare}/${resource}`) };
  const warnings: string[] = [];
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => void warnings.push(message),
    error: () => undefined,
    child: () => log,
  };
  const router = new Router(bus as unknown as EventBus<HookPayloads>, sessions as unknown as SessionRegistry, (d) => d === DOMAIN || d === 'other.example.org', log);
  return { router, bus, origin: fakeSession('alice@example.org/phone'), registry, warnings };
}

const asSession = (session: FakeSession): ClientSession => session as unknown as ClientSession;
const NO_DURABLE = (): void => undefined;

function fromClient(router: Router, origin: FakeSession, stanza: Element): void | Promise<void> {
  return router.fromClient(asSession(origin), stanza, NO_DURABLE);
}

function errorCondition(stanza: Element | undefined): string | undefined {
  return stanza?.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS)?.name;
}

describe('Router.fromClient event names', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'self'],
    ['alice@example.org', 'self'],
    ['Alice@EXAMPLE.org', 'self'],
    ['bob@example.org', 'bare'],
    ['bob@other.example.org', 'bare'],
    ['bob@example.org/desk', 'full'],
    ['alice@example.org/tablet', 'full'],
    ['example.org', 'host'],
    ['other.example.org', 'host'],
    ['example.org/admin', 'host'],
  ];

  for (const [to, kind] of cases) {
    it(`fires pre-message/${kind} then message/${kind} for to=${to ?? '(none)'}`, () => {
      const { router, bus, origin } = setup();
      bus.results.set(`message/${kind}`, true);
      fromClient(router, origin, el('message', { type: 'chat', ...(to === undefined ? {} : { to }) }, el('body', null, 'hi')));
      expect(bus.fired).toEqual([`pre-message/${kind}`, `message/${kind}`]);
      expect(origin.sent).toEqual([]);
    });
  }

  it('fires presence/<kind> and the payload-specific iq events', () => {
    const { router, bus, origin } = setup();
    bus.results.set('presence/bare', true);
    fromClient(router, origin, el('presence', { to: 'bob@example.org', type: 'subscribe' }));
    bus.results.set('iq-set/self/jabber:iq:roster:query', true);
    fromClient(router, origin, el('iq', { type: 'set', id: 'r' }, el('query', { xmlns: 'jabber:iq:roster' })));
    bus.results.set('iq-get/host/urn:xmpp:ping:ping', true);
    fromClient(router, origin, el('iq', { type: 'get', id: 'p', to: 'example.org' }, el('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(bus.fired).toEqual([
      'pre-presence/bare', 'presence/bare',
      'pre-iq/self', 'iq-set/self/jabber:iq:roster:query',
      'pre-iq/host', 'iq-get/host/urn:xmpp:ping:ping',
    ]);
  });

  it('names a prefixed iq payload by its namespace and local name', () => {
    const { router, bus, origin } = setup();
    bus.results.set('iq-get/host/urn:xmpp:ping:ping', true);
    fromClient(router, origin, el('iq', { type: 'get', id: 'p', to: 'example.org' }, el('p:ping', { 'xmlns:p': 'urn:xmpp:ping' })));
    expect(bus.fired).toEqual(['pre-iq/host', 'iq-get/host/urn:xmpp:ping:ping']);
  });

  it('falls back from the payload event to iq/<kind>', () => {
    const { router, bus, origin } = setup();
    bus.results.set('iq/full', true);
    fromClient(router, origin, el('iq', { type: 'get', id: 'v', to: 'bob@example.org/desk' }, el('query', { xmlns: 'jabber:iq:version' })));
    expect(bus.fired).toEqual(['pre-iq/full', 'iq-get/full/jabber:iq:version:query', 'iq/full']);
    // Results and errors have no payload event.
    bus.fired.length = 0;
    fromClient(router, origin, el('iq', { type: 'result', id: 'v', to: 'bob@example.org/desk' }));
    expect(bus.fired).toEqual(['pre-iq/full', 'iq/full']);
  });

  it('stamps from, normalises to, drops a jabber:client xmlns and passes both JIDs', () => {
    const { router, bus, origin } = setup();
    const durable = (): void => undefined;
    const stanza = el('message', { xmlns: 'jabber:client', to: 'Bob@Example.ORG/Desk' });
    router.fromClient(asSession(origin), stanza, durable);
    expect(stanza.attrs).toEqual({ from: 'alice@example.org/phone', to: 'bob@example.org/Desk' });
    const event = bus.payloads[0];
    expect(event?.stanza).toBe(stanza);
    expect(event?.origin).toBe(origin);
    expect(event?.from.full).toBe('alice@example.org/phone');
    expect(event?.to.full).toBe('bob@example.org/Desk');
    expect(event?.durable).toBe(durable);
  });

  it('gives a stanza without "to" the sender\'s bare JID as destination', () => {
    const { router, bus, origin } = setup();
    const stanza = el('iq', { type: 'get', id: 'r' }, el('query', { xmlns: 'jabber:iq:roster' }));
    fromClient(router, origin, stanza);
    expect(bus.payloads[0]?.to.full).toBe('alice@example.org');
    expect(stanza.attrs.to).toBeUndefined();
  });

  it('accepts from set to the sender\'s own full or bare JID, and closes the stream for any other', () => {
    for (const from of ['alice@example.org/phone', 'alice@example.org']) {
      const { router, bus, origin } = setup();
      fromClient(router, origin, el('presence', { from }));
      expect(bus.fired).toHaveLength(2);
      expect(origin.closed).toEqual([]);
    }
    for (const from of ['mallory@example.org', 'alice@example.org/tablet', 'example.org']) {
      const { router, bus, origin } = setup();
      fromClient(router, origin, el('message', { from, to: 'bob@example.org' }));
      expect(bus.fired).toEqual([]);
      expect(origin.closed.map(([condition]) => condition)).toEqual(['invalid-from']);
    }
  });

  it('ignores stanzas from a session without a JID', () => {
    const { router, bus } = setup();
    const unbound = fakeSession(undefined);
    fromClient(router, unbound, el('message', { to: 'bob@example.org' }));
    expect(bus.fired).toEqual([]);
    expect(unbound.sent).toEqual([]);
  });
});

describe('Router pre- events', () => {
  it('stops at a pre- handler that returns true', () => {
    const { router, bus, origin } = setup();
    bus.results.set('pre-message/bare', true);
    fromClient(router, origin, el('message', { to: 'bob@example.org' }));
    expect(bus.fired).toEqual(['pre-message/bare']);
    expect(origin.sent).toEqual([]);
  });

  it('waits for an async pre- handler before delivering', async () => {
    const { router, bus, origin } = setup();
    bus.results.set('pre-message/bare', Promise.resolve(false));
    bus.results.set('message/bare', Promise.resolve(true));
    const done = fromClient(router, origin, el('message', { to: 'bob@example.org' }));
    expect(done).toBeInstanceOf(Promise);
    await done;
    expect(bus.fired).toEqual(['pre-message/bare', 'message/bare']);
    const { router: r2, bus: b2, origin: o2 } = setup();
    b2.results.set('pre-message/bare', Promise.resolve(true));
    await fromClient(r2, o2, el('message', { to: 'bob@example.org' }));
    expect(b2.fired).toEqual(['pre-message/bare']);
  });

  it('does not fire pre- events for stanzas the server routes', () => {
    const { router, bus } = setup();
    bus.results.set('message/full', true);
    router.route(el('message', { from: 'example.org', to: 'bob@example.org/desk' }));
    router.route(el('presence', { from: 'bob@example.org/desk', to: 'alice@example.org' }));
    router.route(el('iq', { type: 'result', id: 'x', from: 'example.org', to: 'example.org' }));
    expect(bus.fired).toEqual(['message/full', 'presence/bare', 'iq/host']);
    expect(bus.payloads[0]?.origin).toBeUndefined();
  });
});

describe('Router shape checks', () => {
  const bad: Array<[string, Element]> = [
    ['iq without id', el('iq', { type: 'get' }, el('query', { xmlns: 'jabber:iq:roster' }))],
    ['iq without type', el('iq', { id: 'a' }, el('query', { xmlns: 'jabber:iq:roster' }))],
    ['iq of unknown type', el('iq', { id: 'a', type: 'fetch' }, el('query', { xmlns: 'jabber:iq:roster' }))],
    ['iq get without payload', el('iq', { id: 'a', type: 'get' })],
    ['iq set with two payloads', el('iq', { id: 'a', type: 'set' }, el('a', { xmlns: 'urn:a' }), el('b', { xmlns: 'urn:b' }))],
    ['message of unknown type', el('message', { type: 'shout', to: 'bob@example.org' })],
    ['presence of unknown type', el('presence', { type: 'away' })],
  ];
  for (const [label, stanza] of bad) {
    it(`answers ${label} with bad-request and fires nothing`, () => {
      const { router, bus, origin } = setup();
      fromClient(router, origin, stanza);
      expect(bus.fired).toEqual([]);
      expect(origin.sent).toHaveLength(1);
      const reply = origin.sent[0];
      expect(reply?.name).toBe(stanza.name);
      expect(reply?.attrs.type).toBe('error');
      expect(reply?.attrs.to).toBe('alice@example.org/phone');
      expect(errorCondition(reply)).toBe('bad-request');
    });
  }

  it('accepts every defined message and presence type, and none', () => {
    for (const type of [undefined, 'chat', 'error', 'groupchat', 'headline', 'normal']) {
      const { router, bus, origin } = setup();
      fromClient(router, origin, el('message', { to: 'bob@example.org', ...(type ? { type } : {}) }));
      expect(bus.fired, String(type)).toEqual(['pre-message/bare', 'message/bare']);
    }
    for (const type of [undefined, 'error', 'probe', 'subscribe', 'subscribed', 'unavailable', 'unsubscribe', 'unsubscribed']) {
      const { router, bus, origin } = setup();
      fromClient(router, origin, el('presence', type ? { type } : {}));
      expect(bus.fired, String(type)).toEqual(['pre-presence/self', 'presence/self']);
    }
  });

  it('answers a malformed to with jid-malformed', () => {
    const { router, bus, origin } = setup();
    fromClient(router, origin, el('message', { to: 'bob@@example.org', id: 'm' }));
    expect(bus.fired).toEqual([]);
    expect(errorCondition(origin.sent[0])).toBe('jid-malformed');
  });

  it('never answers a malformed error stanza', () => {
    const { router, bus, origin } = setup();
    fromClient(router, origin, el('iq', { type: 'error' }));
    fromClient(router, origin, el('message', { type: 'error', to: 'bob@@example.org' }));
    expect(bus.fired).toEqual([]);
    expect(origin.sent).toEqual([]);
  });
});

describe('Router fallbacks', () => {
  it('answers an unhandled iq get or set with service-unavailable, echoing the payload', () => {
    for (const type of ['get', 'set']) {
      const { router, origin } = setup();
      fromClient(router, origin, el('iq', { type, id: 'q1', to: 'example.org' }, el('query', { xmlns: 'urn:example:unknown' })));
      expect(origin.sent).toHaveLength(1);
      const reply = origin.sent[0];
      expect(reply?.attrs).toEqual({ type: 'error', id: 'q1', to: 'alice@example.org/phone', from: 'example.org' });
      expect(reply?.getChild('query', 'urn:example:unknown')).toBeDefined();
      expect(errorCondition(reply)).toBe('service-unavailable');
      expect(reply?.getChild('error')?.attrs.type).toBe('cancel');
    }
  });

  it('answers an unhandled message with service-unavailable', () => {
    const { router, origin } = setup();
    fromClient(router, origin, el('message', { type: 'chat', id: 'm', to: 'bob@example.org' }, el('body', null, 'hello')));
    expect(errorCondition(origin.sent[0])).toBe('service-unavailable');
    expect(origin.sent[0]?.getChild('body')).toBeUndefined();
  });

  it('answers nothing for unhandled presence, iq results and errors', () => {
    const { router, origin } = setup();
    fromClient(router, origin, el('presence', { to: 'bob@example.org' }));
    fromClient(router, origin, el('presence', { type: 'unavailable' }));
    fromClient(router, origin, el('iq', { type: 'result', id: 'r', to: 'bob@example.org/desk' }));
    fromClient(router, origin, el('iq', { type: 'error', id: 'r', to: 'bob@example.org/desk' }));
    fromClient(router, origin, el('message', { type: 'error', to: 'bob@example.org' }));
    expect(origin.sent).toEqual([]);
  });

  it('answers after an async handler declines', async () => {
    const { router, bus, origin } = setup();
    bus.results.set('iq-get/host/urn:example:q:q', Promise.resolve(false));
    await fromClient(router, origin, el('iq', { type: 'get', id: 'a', to: 'example.org' }, el('q', { xmlns: 'urn:example:q' })));
    expect(bus.fired).toEqual(['pre-iq/host', 'iq-get/host/urn:example:q:q', 'iq/host']);
    expect(errorCondition(origin.sent[0])).toBe('service-unavailable');
  });

  it('answers stanzas to other servers with remote-server-not-found and fires nothing', () => {
    const { router, bus, origin } = setup();
    fromClient(router, origin, el('message', { to: 'carol@remote.example.net', id: 'm' }));
    fromClient(router, origin, el('presence', { to: 'carol@remote.example.net', type: 'subscribe' }));
    expect(bus.fired).toEqual([]);
    expect(origin.sent.map(errorCondition)).toEqual(['remote-server-not-found', 'remote-server-not-found']);
    expect(origin.sent[0]?.attrs.from).toBe('carol@remote.example.net');
  });

  it('hands stanzas for a component domain to its handler, until removed', () => {
    const { router, bus, origin } = setup();
    const received: StanzaEvent[] = [];
    const remove = router.addComponent('conference.example.org', (event) => void received.push(event));
    expect(router.isComponent('conference.example.org')).toBe(true);
    fromClient(router, origin, el('presence', { to: 'room@conference.example.org/nick' }));
    expect(received.map((e) => e.to.full)).toEqual(['room@conference.example.org/nick']);
    expect(received[0]?.origin).toBe(origin);
    expect(bus.fired).toEqual([]);
    remove();
    expect(router.isComponent('conference.example.org')).toBe(false);
    fromClient(router, origin, el('message', { to: 'room@conference.example.org', id: 'g' }));
    expect(received).toHaveLength(1);
    expect(errorCondition(origin.sent[0])).toBe('remote-server-not-found');
  });

  it('sends errors for server-routed stanzas to the sender\'s session, if it has one', () => {
    const { router, registry } = setup();
    const bob = fakeSession('bob@example.org/desk');
    registry.set('bob@example.org/desk', bob);
    router.route(el('iq', { type: 'get', id: 'x', from: 'bob@example.org/desk', to: 'example.org' }, el('query', { xmlns: 'urn:example:none' })));
    router.route(el('message', { from: 'bob@example.org/desk', to: 'carol@remote.example.net' }));
    expect(bob.sent.map(errorCondition)).toEqual(['service-unavailable', 'remote-server-not-found']);
    expect(bob.sent[0]?.attrs.to).toBe('bob@example.org/desk');
    // A bare or unknown sender gets nothing (and nothing throws).
    router.route(el('iq', { type: 'get', id: 'y', from: 'bob@example.org', to: 'example.org' }, el('q', { xmlns: 'urn:x' })));
    router.route(el('iq', { type: 'get', id: 'z', from: 'nobody@example.org/r', to: 'example.org' }, el('q', { xmlns: 'urn:x' })));
    expect(bob.sent).toHaveLength(2);
  });

  it('drops server stanzas with bad addresses and logs it', () => {
    const { router, bus, warnings } = setup();
    router.route(el('message', { to: 'bob@example.org' }));
    router.route(el('message', { from: 'example.org', to: '@bad' }));
    expect(bus.fired).toEqual([]);
    expect(warnings).toHaveLength(2);
  });
});
