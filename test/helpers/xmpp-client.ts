// A test-side XMPP client built on @xmpp/client, over TCP (STARTTLS) or
// WebSocket, that records every stanza it receives and lets tests wait for
// the one they expect.

import { randomUUID } from 'node:crypto';
import { client, xml } from '@xmpp/client';
import type { XmppClient } from '@xmpp/client';
import type { Element } from 'ltx';
import { WebSocket as NodeWebSocket } from 'ws';
import type { TestNode } from './start-node.js';
import { TEST_DOMAIN } from './start-node.js';

export { xml };

export type ClientTransport = 'tcp' | 'websocket';

// Node 20 has no global WebSocket; @xmpp/client expects the browser API, which ws implements.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= NodeWebSocket;

export interface TestClient {
  xmpp: XmppClient;
  jid: string;
  received: Element[];
  send(element: Element): Promise<void>;
  iq(element: Element, timeoutMs?: number): Promise<Element>;
  waitFor(predicate: (stanza: Element) => boolean, timeoutMs?: number, label?: string): Promise<Element>;
  stop(): Promise<void>;
}

export async function connectClient(node: TestNode, credentials: { username: string; password: string }, options: { transport?: ClientTransport; resource?: string; reconnect?: boolean; domain?: string } = {}): Promise<TestClient> {
  const transport = options.transport ?? 'tcp';
  const service = transport === 'tcp' ? `xmpp://127.0.0.1:${node.ports.c2s}` : node.websocketUrl;
  // Generous time-out: CI machines are small and test files run servers side by side.
  const xmpp = client({ service, domain: options.domain ?? TEST_DOMAIN, username: credentials.username, password: credentials.password, resource: options.resource ?? 'test', timeout: 15_000 });
  if (options.reconnect) xmpp.reconnect.delay = 100;
  else xmpp.reconnect.stop();
  const received: Element[] = [];
  const waiters = new Set<{ predicate: (s: Element) => boolean; resolve: (s: Element) => void }>();
  xmpp.on('error', () => undefined);
  xmpp.on('stanza', (stanza: Element) => {
    received.push(stanza);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(stanza)) {
        waiters.delete(waiter);
        waiter.resolve(stanza);
      }
    }
  });
  let address: { toString(): string };
  try {
    address = await xmpp.start();
  } catch (error) {
    // @xmpp/client keeps the socket open after a failed login; close it so failures leave nothing behind.
    await xmpp.stop().catch(() => undefined);
    const condition = (error as { condition?: string }).condition;
    throw condition && !(error as Error).message.includes(condition) ? new Error(`${condition}: ${(error as Error).message}`, { cause: error }) : error;
  }
  const testClient: TestClient = {
    xmpp,
    jid: address.toString(),
    received,
    send: (element) => xmpp.send(element),
    // Not xmpp.iqCaller: when the answer arrives while its send() is still
    // pending, its promise rejects before anyone listens (an unhandled
    // rejection on a loaded machine). Waiting for the answer first avoids it.
    async iq(element, timeoutMs = 10_000) {
      const id = (element.attrs.id ??= `iq-${randomUUID()}`) as string;
      const answer = testClient.waitFor((s) => s.name === 'iq' && s.attrs.id === id && (s.attrs.type === 'result' || s.attrs.type === 'error'), timeoutMs, `answer to iq ${id}`);
      await xmpp.send(element);
      const reply = await answer;
      if (reply.attrs.type === 'error') throw stanzaError(reply);
      return reply;
    },
    waitFor(predicate, timeoutMs = 10_000, label = 'stanza') {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (s: Element) => { clearTimeout(timer); resolve(s); } };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out waiting for ${label}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      await xmpp.stop().catch(() => undefined);
    },
  };
  return testClient;
}

/** The error of an iq answer, shaped like @xmpp's StanzaError (condition, type, text, "condition - text" message). */
function stanzaError(reply: Element): Error & { condition: string; type: string | undefined; text: string | undefined; element: Element | undefined } {
  const error = reply.getChild('error');
  const conditionElement = error?.getChildElements().find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text');
  const condition = conditionElement?.name ?? 'undefined-condition';
  const text = error?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas') ?? undefined;
  return Object.assign(new Error(text ? `${condition} - ${text}` : condition), { condition, type: error?.attrs.type as string | undefined, text, element: error });
}
