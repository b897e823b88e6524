// Bad input and limits at the stream level: each gets the standard stream
// or stanza error (RFC 6120 §4.9, §8.3), and none disturbs other sessions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { eventually } from '../helpers/eventually.js';
import { WebSocket } from 'ws';
import { authenticatedRawStream, openRawStream, streamHeader } from '../helpers/raw-stream.js';

const STREAM_ERROR = (condition: string): RegExp => new RegExp(`<stream:error[^>]*>\\s*<${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'`);

describe('bad input at the stream level', () => {
  let node: TestNode;
  let alice: { username: string; password: string; jid: string };
  let bystander: TestClient;

  beforeAll(async () => {
    node = await startTestNode({ limits: { maxStanzaBytes: 16 * 1024, maxDepth: 10, maxSaslFailures: 3, messageRate: 1, messageBurst: 3 } });
    alice = await node.createUser('alice');
    await node.createUser('bob');
    bystander = await connectClient(node, alice, { resource: 'bystander' });
  });

  afterAll(async () => {
    await bystander?.stop();
    await node?.close();
  });

  async function bystanderStillWorks(): Promise<void> {
    const pong = await bystander.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).toBe('result');
  }

  async function afterBind(payload: string, condition: string): Promise<void> {
    const stream = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
    stream.write(payload);
    await stream.waitFor(STREAM_ERROR(condition));
    await stream.closed;
    await bystanderStillWorks();
  }

  it('answers malformed XML with not-well-formed', async () => {
    await afterBind('<message to="x"><body>unclosed</message>', 'not-well-formed');
  });

  it('answers a DOCTYPE with restricted-xml', async () => {
    const stream = await openRawStream(node.ports.c2s);
    stream.write(`<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY a 'aaaa'>]>`);
    await stream.waitFor(STREAM_ERROR('restricted-xml'));
    await stream.closed;
    await bystanderStillWorks();
  });

  it('answers entity references, comments and processing instructions with restricted-xml', async () => {
    await afterBind(`<message to='bob@${TEST_DOMAIN}'><body>&lol;</body></message>`, 'restricted-xml');
    await afterBind(`<!-- a comment -->`, 'restricted-xml');
    await afterBind(`<?evil instruction?>`, 'restricted-xml');
  });

  it('answers an oversized stanza with policy-violation', async () => {
    await afterBind(`<message to='bob@${TEST_DOMAIN}'><body>${'x'.repeat(40 * 1024)}</body></message>`, 'policy-violation');
  });

  it('answers XML nested too deeply with policy-violation', async () => {
    await afterBind(`<message>${'<a>'.repeat(50)}`, 'policy-violation');
  });

  it('refuses stanzas before TLS and before authentication with not-authorized', async () => {
    const plain = await openRawStream(node.ports.c2s);
    plain.write(streamHeader());
    const features = await plain.waitFor(/<stream:features[\s\S]*<\/stream:features>/);
    expect(features).toContain('<starttls');
    expect(features).not.toContain('<mechanism>');
    plain.write(`<message to='bob@${TEST_DOMAIN}'><body>hi</body></message>`);
    await plain.waitFor(STREAM_ERROR('not-authorized'));
    await plain.closed;

    const tls = await openRawStream(node.ports.directTls, { direct: 'tls' });
    tls.write(streamHeader());
    await tls.waitFor(/<\/stream:features>/);
    tls.write(`<iq type='get' id='x'><query xmlns='jabber:iq:roster'/></iq>`);
    await tls.waitFor(STREAM_ERROR('not-authorized'));
    await tls.closed;
  });

  it('refuses PLAIN before TLS with encryption-required and offers PLAIN only inside TLS', async () => {
    const plain = await openRawStream(node.ports.c2s);
    plain.write(streamHeader());
    await plain.waitFor(/<\/stream:features>/);
    plain.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from('\u0000bob\u0000pw-bob-secret').toString('base64')}</auth>`);
    await plain.waitFor(/<failure xmlns=["']urn:ietf:params:xml:ns:xmpp-sasl["']><encryption-required\/>/);
    plain.destroy();

    const tls = await openRawStream(node.ports.directTls, { direct: 'tls' });
    tls.write(streamHeader());
    const features = await tls.waitFor(/<stream:features[\s\S]*<\/stream:features>/);
    expect(features).toContain('<mechanism>SCRAM-SHA-256</mechanism>');
    expect(features).toContain('<mechanism>SCRAM-SHA-256-PLUS</mechanism>');
    expect(features).toContain('<mechanism>PLAIN</mechanism>');
    tls.destroy();
  });

  it('answers wrong passwords with not-authorized and closes after too many attempts', async () => {
    const tls = await openRawStream(node.ports.directTls, { direct: 'tls' });
    tls.write(streamHeader());
    await tls.waitFor(/<\/stream:features>/);
    const wrong = Buffer.from('\u0000bob\u0000not-the-password').toString('base64');
    for (let attempt = 1; attempt <= 3; attempt++) {
      tls.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${wrong}</auth>`);
      await tls.waitFor(new RegExp(`(<failure[^>]*><not-authorized/>[\\s\\S]*){${attempt}}`), 40_000);
    }
    await tls.waitFor(STREAM_ERROR('policy-violation'), 40_000);
    await tls.closed;
    await bystanderStillWorks();
  });

  it('refuses an authorization identity that is not the authenticated account', async () => {
    const tls = await openRawStream(node.ports.directTls, { direct: 'tls' });
    tls.write(streamHeader());
    await tls.waitFor(/<\/stream:features>/);
    const token = Buffer.from(`alice@${TEST_DOMAIN}\u0000bob\u0000pw-bob-secret`).toString('base64');
    tls.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
    await tls.waitFor(/<failure[^>]*><invalid-authzid\/>/);
    tls.destroy();
  });

  it('answers an unknown host, a wrong namespace and a missing version with the matching stream errors', async () => {
    const cases: Array<[string, string]> = [
      [streamHeader('elsewhere.example'), 'host-unknown'],
      [`<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='${TEST_DOMAIN}' version='1.0'>`, 'invalid-namespace'],
      [`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${TEST_DOMAIN}'>`, 'unsupported-version'],
    ];
    for (const [header, condition] of cases) {
      const stream = await openRawStream(node.ports.c2s);
      stream.write(header);
      await stream.waitFor(STREAM_ERROR(condition));
      await stream.closed;
    }
  });

  it('answers a forged from with invalid-from', async () => {
    await afterBind(`<message from='alice@${TEST_DOMAIN}/x' to='bob@${TEST_DOMAIN}'><body>spoof</body></message>`, 'invalid-from');
  });

  it('answers stanza-level mistakes with stanza errors and keeps the stream', async () => {
    const stream = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
    stream.write(`<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await stream.waitFor(/<iq type="error"[^>]*>[\s\S]*<bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/>/);
    stream.write(`<iq type='get' id='two' to='${TEST_DOMAIN}'><ping xmlns='urn:xmpp:ping'/><ping xmlns='urn:xmpp:ping'/></iq>`);
    await stream.waitFor(/id="two"[\s\S]*<bad-request/);
    stream.write(`<iq type='get' id='bad-to' to='a@b@c'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await stream.waitFor(/id="bad-to"[\s\S]*<jid-malformed/);
    stream.write(`<iq type='get' id='unknown' to='${TEST_DOMAIN}'><query xmlns='urn:example:nothing'/></iq>`);
    await stream.waitFor(/id="unknown"[\s\S]*<service-unavailable/);
    stream.write(`<iq type='get' id='remote' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await stream.waitFor(/id="remote"[\s\S]*<remote-server-not-found/);
    stream.write(`<iq type='get' id='still-here' to='${TEST_DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await stream.waitFor(/<iq type="result" id="still-here"/);
    stream.destroy();
  });

  it('answers messages over the per-session rate with resource-constraint', async () => {
    const stream = await authenticatedRawStream(node.ports.c2s, 'bob', 'pw-bob-secret');
    for (let i = 0; i < 8; i++) stream.write(`<message to='nobody@${TEST_DOMAIN}' id='m${i}' type='headline'><body>${i}</body></message>`);
    await stream.waitFor(/<message[^>]*type="error"[^>]*>[\s\S]*<resource-constraint/);
    stream.destroy();
    await bystanderStillWorks();
  });
});

describe('time-outs and connection limits', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode({ limits: { authTimeoutSeconds: 1, idleSeconds: 1, pingTimeoutSeconds: 1, maxConnectionsPerIp: 3 } });
    await node.createUser('carol');
  });

  afterAll(async () => {
    await node?.close();
  });

  it('closes a connection that does not authenticate in time with connection-timeout', async () => {
    const stream = await openRawStream(node.ports.c2s);
    stream.write(streamHeader());
    await stream.waitFor(STREAM_ERROR('connection-timeout'), 10_000);
    await stream.closed;
  });

  it('pings an idle session and drops it when the peer never answers (half-open)', async () => {
    const stream = await authenticatedRawStream(node.ports.c2s, 'carol', 'pw-carol-secret');
    await stream.waitFor(/<ping xmlns="urn:xmpp:ping"\/>/, 10_000);
    await stream.closed;
    await eventually(() => expect(node.node.sessions.sessionsOf(`carol@${TEST_DOMAIN}`)).toHaveLength(0));
  });

  it('caps unauthenticated connections per IP', async () => {
    const open = await Promise.all([1, 2, 3].map(() => openRawStream(node.ports.c2s)));
    const refused = await openRawStream(node.ports.c2s);
    await refused.closed;
    for (const stream of open) stream.destroy();
  });
});

describe('bad input over WebSocket (RFC 7395)', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode();
  });

  afterAll(async () => {
    await node?.close();
  });

  async function openSocket(protocols: string[] = ['xmpp']): Promise<{ socket: WebSocket; frames: string[]; closed: Promise<number> }> {
    const socket = new WebSocket(node.websocketUrl, protocols);
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(data.toString()));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { socket, frames, closed };
  }

  const OPEN = `<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${TEST_DOMAIN}' version='1.0'/>`;

  it('refuses an upgrade without the xmpp subprotocol', async () => {
    const socket = new WebSocket(node.websocketUrl);
    socket.on('error', () => undefined);
    const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(400);
    socket.terminate();
  });

  it('closes on a binary frame with code 1003', async () => {
    const { socket, closed } = await openSocket();
    socket.send(Buffer.from(OPEN), { binary: true });
    expect(await closed).toBe(1003);
  });

  it('answers a frame holding two elements with not-well-formed', async () => {
    const { socket, frames, closed } = await openSocket();
    socket.send(OPEN);
    await eventually(() => expect(frames.join('')).toContain('</stream:features>'));
    socket.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'/><abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
    await eventually(() => expect(frames.join('')).toMatch(STREAM_ERROR('not-well-formed')));
    expect(frames[frames.length - 1]).toBe(`<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>`);
    await closed;
  });

  it('offers SCRAM with tls-exporter channel binding and PLAIN inside TLS', async () => {
    const { socket, frames } = await openSocket();
    socket.send(OPEN);
    await eventually(() => expect(frames.join('')).toContain('</stream:features>'));
    const features = frames.join('');
    expect(features).toContain('<mechanism>SCRAM-SHA-256-PLUS</mechanism>');
    expect(features).toContain('<mechanism>PLAIN</mechanism>');
    socket.close();
  });
});
