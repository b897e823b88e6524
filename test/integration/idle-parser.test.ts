// An idle session gives its XML parser back (memory per idle connection,
// DESIGN.md "Performance rules") and rebuilds it on the next byte: messages
// keep flowing both ways over TCP and WebSocket, and the stream still closes
// cleanly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { ClientTransport, TestClient } from '../helpers/xmpp-client.js';

const jid = (name: string): string => `${name}@${TEST_DOMAIN}`;
/** Longer than the node's parser-release delay (5 s) plus one sweep. */
const IDLE_MS = 6_500;

describe('idle sessions release their XML parser', () => {
  let node: TestNode;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    node = await startTestNode();
    for (const name of ['tcpuser', 'wsuser']) await node.createUser(name);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    await node?.close();
  });

  async function online(username: string, transport: ClientTransport): Promise<TestClient> {
    const client = await connectClient(node, { username, password: `pw-${username}-secret` }, { resource: 'r', transport });
    clients.push(client);
    await client.send(xml('presence'));
    await client.waitFor((s) => s.name === 'presence' && s.attrs.from === client.jid, 10_000, 'own presence');
    return client;
  }

  it('keeps both transports working after the parser was released', async () => {
    const tcp = await online('tcpuser', 'tcp');
    const ws = await online('wsuser', 'websocket');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    for (const name of ['tcpuser', 'wsuser']) {
      const session = node.node.sessions.get(jid(name), 'r');
      // Already released by the sweep: there is nothing left to release.
      expect(session?.parser.release()).toBe(false);
    }
    await tcp.send(xml('message', { to: jid('wsuser'), type: 'chat', id: 'after-idle-1' }, xml('body', {}, 'réveil TCP')));
    const atWs = await ws.waitFor((s) => s.name === 'message' && s.attrs.id === 'after-idle-1', 10_000, 'message after idle');
    expect(atWs.getChildText('body')).toBe('réveil TCP');
    await ws.send(xml('message', { to: jid('tcpuser'), type: 'chat', id: 'after-idle-2' }, xml('body', {}, 'réveil WebSocket')));
    const atTcp = await tcp.waitFor((s) => s.name === 'message' && s.attrs.id === 'after-idle-2', 10_000, 'reply after idle');
    expect(atTcp.getChildText('body')).toBe('réveil WebSocket');
  });
});
