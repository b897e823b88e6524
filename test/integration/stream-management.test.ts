// XEP-0198 Stream Management end to end: a cut connection resumed gets every
// unacknowledged stanza; one never resumed has its unacknowledged messages
// stored offline; nothing is lost either way. On SQLite and MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { authenticatedRawStream } from '../helpers/raw-stream.js';
import type { RawStream } from '../helpers/raw-stream.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';

const BOB = `bob@${TEST_DOMAIN}`;

function bodies(text: string): string[] {
  return [...text.matchAll(/<body>([^<]*)<\/body>/g)].map((m) => m[1] as string);
}

async function bobWithSm(node: TestNode): Promise<{ stream: RawStream; id: string }> {
  const stream = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
  stream.write(`<enable xmlns='urn:xmpp:sm:3' resume='true'/>`);
  const enabled = await stream.waitFor(/<enabled [^>]*\/>/);
  const id = /id="([^"]+)"/.exec(enabled)?.[1];
  if (!id) throw new Error(`no SM id in ${enabled}`);
  expect(enabled).toContain('resume="true"');
  stream.write(`<presence/>`);
  // RFC 6121 §4.2.2: the initial presence comes back to the sending resource too; wait for it
  // so that later counts of unacknowledged stanzas are stable.
  await stream.waitFor(new RegExp(`<presence[^>]*from="${BOB}/raw"`));
  return { stream, id };
}

async function send(from: TestClient, ...texts: string[]): Promise<void> {
  for (const text of texts) await from.send(xml('message', { to: BOB, type: 'chat', id: text }, xml('body', {}, text)));
  // A round trip makes sure the server processed them before the test goes on.
  await from.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
}

for (const db of testDatabaseConfigs()) {
  describe(`stream management (${db.name})`, () => {
    let node: TestNode;
    let alice: TestClient;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make(), limits: { smResumeSeconds: 2 } });
      const a = await node.createUser('alice');
      await node.createUser('bob');
      await node.createUser('mallory');
      alice = await connectClient(node, a, { resource: 'phone' });
    });

    afterAll(async () => {
      await alice?.stop();
      await node?.close();
    });

    it('resumes a cut connection and resends every unacknowledged stanza, nothing lost', async () => {
      const { stream, id } = await bobWithSm(node);
      await send(alice, 'r1', 'r2', 'r3');
      await stream.waitFor(/<body>r3<\/body>/);
      stream.destroy(); // the network drops: no </stream>, no ack
      await eventually(() => expect(node.node.sessions.sessionsOf(BOB)[0]?.phase).toBe('hibernated'));
      await send(alice, 'r4', 'r5');

      const resumed = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret', false);
      resumed.write(`<resume xmlns='urn:xmpp:sm:3' previd='${id}' h='0'/>`);
      const answer = await resumed.waitFor(/<resumed [^>]*\/>|<failed[\s\S]*?<\/failed>/);
      expect(answer).toMatch(/^<resumed/);
      // Bob sent one stanza (his presence); the server says it handled it.
      expect(answer).toContain('h="1"');
      await resumed.waitFor(/<body>r5<\/body>/);
      expect(bodies(resumed.text())).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);

      // The resumed stream is live: new messages flow, and acknowledging clears the queue.
      await send(alice, 'r6');
      await resumed.waitFor(/<body>r6<\/body>/);
      const session = node.node.sessions.sessionsOf(BOB)[0];
      const unacked = session?.sm?.unackedCount ?? -1;
      expect(unacked).toBeGreaterThanOrEqual(6);
      resumed.write(`<a xmlns='urn:xmpp:sm:3' h='${unacked}'/>`);
      await eventually(() => expect(session?.sm?.unackedCount).toBe(0));
      resumed.write(`</stream:stream>`);
      await resumed.closed;
    });

    it('resends only what the client did not acknowledge', async () => {
      const { stream, id } = await bobWithSm(node);
      await send(alice, 'a1', 'a2');
      await stream.waitFor(/<body>a2<\/body>/);
      const session = node.node.sessions.sessionsOf(BOB)[0];
      const received = session?.sm?.unackedCount ?? 0;
      stream.write(`<a xmlns='urn:xmpp:sm:3' h='${received}'/>`);
      await eventually(() => expect(session?.sm?.unackedCount).toBe(0));
      stream.destroy();
      await eventually(() => expect(session?.phase).toBe('hibernated'));
      await send(alice, 'a3');
      const resumed = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret', false);
      resumed.write(`<resume xmlns='urn:xmpp:sm:3' previd='${id}' h='${received}'/>`);
      await resumed.waitFor(/<body>a3<\/body>/);
      expect(bodies(resumed.text())).toEqual(['a3']);
      resumed.write(`<a xmlns='urn:xmpp:sm:3' h='${received + (session?.sm?.unackedCount ?? 0)}'/>`);
      await eventually(() => expect(session?.sm?.unackedCount).toBe(0));
      resumed.write(`</stream:stream>`);
      await resumed.closed;
    });

    it('stores unacknowledged messages offline when the session is never resumed', async () => {
      const { stream } = await bobWithSm(node);
      await send(alice, 'o1', 'o2');
      await stream.waitFor(/<body>o2<\/body>/);
      stream.destroy();
      await eventually(() => expect(node.node.sessions.sessionsOf(BOB)[0]?.phase).toBe('hibernated'));
      await send(alice, 'o3');
      // The resume window (2 s here) passes; the session ends and its queue goes offline.
      await eventually(() => expect(node.node.sessions.sessionsOf(BOB)).toHaveLength(0), 10_000);
      const bob = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' }, { resource: 'later' });
      try {
        await bob.send(xml('presence'));
        await bob.waitFor((s) => s.getChildText('body') === 'o3');
        const offline = bob.received.filter((s) => s.name === 'message').map((s) => s.getChildText('body'));
        expect(offline).toEqual(['o1', 'o2', 'o3']);
        expect(bob.received.find((s) => s.getChildText('body') === 'o1')?.getChild('delay', 'urn:xmpp:delay')).toBeDefined();
      } finally {
        await bob.stop();
      }
    });

    it('refuses to resume a session of another account, or an unknown one', async () => {
      const { stream, id } = await bobWithSm(node);
      const mallory = await authenticatedRawStream(node.ports.c2s, 'mallory', 'pw-mallory-secret', false);
      mallory.write(`<resume xmlns='urn:xmpp:sm:3' previd='${id}' h='0'/>`);
      await mallory.waitFor(/<failed xmlns="urn:xmpp:sm:3"><item-not-found/);
      mallory.write(`<resume xmlns='urn:xmpp:sm:3' previd='no-such-session' h='0'/>`);
      await mallory.waitFor(/(<failed[\s\S]*?<\/failed>[\s\S]*){2}/);
      // Bob's session was not disturbed.
      await send(alice, 'still-mine');
      await stream.waitFor(/<body>still-mine<\/body>/);
      mallory.destroy();
      stream.write(`</stream:stream>`);
      await stream.closed;
    });

    it('answers an acknowledgement of more than was sent with undefined-condition', async () => {
      const { stream } = await bobWithSm(node);
      stream.write(`<a xmlns='urn:xmpp:sm:3' h='999'/>`);
      await stream.waitFor(/<undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'\/>/);
      await stream.closed;
    });
  });
}

describe('stream management with @xmpp/client over WebSocket', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode();
    await node.createUser('alice');
    await node.createUser('bob');
  });

  afterAll(async () => {
    await node?.close();
  });

  it('reconnects and resumes after the server drops the socket, without losing a message', async () => {
    const alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' }, { resource: 'desk' });
    const bob = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' }, { transport: 'websocket', resource: 'browser', reconnect: true });
    try {
      await bob.send(xml('presence'));
      await eventually(() => expect(bob.xmpp.streamManagement.enabled).toBe(true));
      await send(alice, 'w1');
      await bob.waitFor((s) => s.getChildText('body') === 'w1');
      const resumed = new Promise<void>((resolve) => bob.xmpp.streamManagement.once('resumed', () => resolve()));
      // The server side loses the connection (a proxy restart, a network change).
      node.node.sessions.get(BOB, 'browser')?.transport.destroy();
      await eventually(() => expect(node.node.sessions.get(BOB, 'browser')?.phase).toBe('hibernated'));
      await send(alice, 'w2', 'w3');
      await resumed;
      await bob.waitFor((s) => s.getChildText('body') === 'w3');
      const received = bob.received.filter((s) => s.name === 'message' && s.getChildText('body')).map((s) => s.getChildText('body'));
      expect(received).toEqual(['w1', 'w2', 'w3']);
      expect(node.node.sessions.get(BOB, 'browser')?.phase).toBe('bound');
    } finally {
      bob.xmpp.reconnect.stop();
      await bob.stop();
      await alice.stop();
    }
  });
});

describe('stream management acknowledgement requests', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode();
    await node.createUser('alice');
    await node.createUser('bob');
  });

  afterAll(async () => {
    await node?.close();
  });

  it('asks again when an acknowledgement leaves stanzas unconfirmed', async () => {
    const alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' }, { resource: 'desk' });
    const { stream } = await bobWithSm(node);
    try {
      await send(alice, 'k1', 'k2');
      await stream.waitFor(/<body>k2<\/body>/);
      await stream.waitFor(/<r xmlns=["']urn:xmpp:sm:3["']\/>/);
      const before = (stream.text().match(/<r xmlns=["']urn:xmpp:sm:3["']\/>/g) ?? []).length;
      // Bob confirms only the first stanza: the server must request again.
      stream.write(`<a xmlns='urn:xmpp:sm:3' h='1'/>`);
      await eventually(() => expect((stream.text().match(/<r xmlns=["']urn:xmpp:sm:3["']\/>/g) ?? []).length).toBeGreaterThan(before));
      const session = node.node.sessions.sessionsOf(BOB)[0];
      stream.write(`<a xmlns='urn:xmpp:sm:3' h='${1 + (session?.sm?.unackedCount ?? 0)}'/>`);
      await eventually(() => expect(session?.sm?.unackedCount).toBe(0));
    } finally {
      stream.destroy();
      await alice.stop();
    }
  });
});
