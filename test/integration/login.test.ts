// Logging in over TCP (STARTTLS) and WebSocket with @xmpp/client, wrong
// passwords, and XEP-0156 discovery of the WebSocket endpoint.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';

describe('login', () => {
  let node: TestNode;
  let alice: { username: string; password: string; jid: string };

  beforeAll(async () => {
    node = await startTestNode();
    alice = await node.createUser('alice');
  });

  afterAll(async () => {
    await node?.close();
  });

  for (const transport of ['tcp', 'websocket'] as const) {
    it(`binds a resource over ${transport}`, async () => {
      const client = await connectClient(node, alice, { transport, resource: `res-${transport}` });
      try {
        expect(client.jid).toBe(`alice@${TEST_DOMAIN}/res-${transport}`);
        const pong = await client.iq(xml('iq', { type: 'get', to: TEST_DOMAIN, id: 'p1' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
        expect(pong.attrs.type).toBe('result');
      } finally {
        await client.stop();
      }
    });

    it(`refuses a wrong password over ${transport} with not-authorized`, async () => {
      await expect(connectClient(node, { username: 'alice', password: 'wrong-password' }, { transport })).rejects.toThrow(/not-authorized/);
    });
  }

  it('refuses an unknown account exactly like a wrong password', async () => {
    await expect(connectClient(node, { username: 'nobody', password: 'whatever-pass' })).rejects.toThrow(/not-authorized/);
  });

  it('advertises the WebSocket endpoint through host-meta (XML and JSON)', async () => {
    const base = `https://localhost:${node.ports.https}`;
    const xmlResponse = await fetch(`${base}/.well-known/host-meta`);
    expect(xmlResponse.status).toBe(200);
    expect(xmlResponse.headers.get('access-control-allow-origin')).toBe('*');
    expect(await xmlResponse.text()).toContain("rel='urn:xmpp:alt-connections:websocket'");
    const json = (await (await fetch(`${base}/.well-known/host-meta.json`)).json()) as { links: Array<{ rel: string; href: string }> };
    expect(json.links).toContainEqual({ rel: 'urn:xmpp:alt-connections:websocket', href: expect.stringMatching(/^wss:\/\/.+\/xmpp-websocket$/) });
  });
});
