// SCRAM with channel binding end to end: SCRAM-SHA-256-PLUS over TLS 1.3
// with tls-exporter (RFC 9266), over TLS 1.2 with tls-unique (RFC 5929), the
// XEP-0440 advertisement, and a wrong binding refused.

import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { streamHeader } from '../helpers/raw-stream.js';
import { clientBinding, scramClient } from '../helpers/scram-client.js';

interface Conversation {
  socket: TLSSocket;
  next(pattern: RegExp): Promise<RegExpExecArray>;
  send(data: string): void;
}

async function directTls(port: number, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<Conversation> {
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', maxVersion });
  await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  socket.setEncoding('utf8');
  let buffer = '';
  const waiting: Array<() => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    waiting.splice(0).forEach((w) => w());
  });
  return {
    socket,
    send: (data) => socket.write(data),
    next(pattern) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}: ${buffer}`)), 10_000);
        const check = (): void => {
          const match = pattern.exec(buffer);
          if (match) {
            buffer = buffer.slice(match.index + match[0].length);
            clearTimeout(timer);
            resolve(match);
          } else waiting.push(check);
        };
        check();
      });
    },
  };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString();

describe('SCRAM with channel binding', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode();
    await node.createUser('cb', 'channel-binding-pw');
  });

  afterAll(async () => {
    await node?.close();
  });

  async function login(maxVersion: 'TLSv1.2' | 'TLSv1.3', type: 'tls-exporter' | 'tls-unique', tamper = false): Promise<{ features: string; outcome: string; verified: boolean }> {
    const c = await directTls(node.ports.directTls, maxVersion);
    c.send(streamHeader());
    const [features = ''] = await c.next(/<stream:features[\s\S]*?<\/stream:features>/);
    const data = clientBinding(c.socket, type);
    if (tamper) data[0] = (data[0] ?? 0) ^ 0xff;
    const scram = scramClient('cb', 'channel-binding-pw', 'sha256', { type, data });
    c.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256-PLUS'>${b64(scram.first)}</auth>`);
    const challenge = await c.next(/<challenge[^>]*>([^<]*)<\/challenge>|<failure[\s\S]*?<\/failure>/);
    if (!challenge[1]) {
      c.socket.destroy();
      return { features, outcome: challenge[0], verified: false };
    }
    c.send(`<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${b64(scram.final(unb64(challenge[1])))}</response>`);
    const result = await c.next(/<success[^>]*>([^<]*)<\/success>|<failure[\s\S]*?<\/failure>/);
    c.socket.destroy();
    return { features, outcome: result[0], verified: result[1] !== undefined && scram.verify(unb64(result[1])) };
  }

  it('logs in with SCRAM-SHA-256-PLUS and tls-exporter over TLS 1.3, and the server proves itself', async () => {
    const { features, outcome, verified } = await login('TLSv1.3', 'tls-exporter');
    expect(features).toContain('<mechanism>SCRAM-SHA-256-PLUS</mechanism>');
    expect(features).toContain("<channel-binding type='tls-exporter'/>");
    expect(outcome).toMatch(/^<success/);
    expect(verified).toBe(true);
  });

  it('logs in with SCRAM-SHA-256-PLUS and tls-unique over TLS 1.2', async () => {
    const { features, outcome, verified } = await login('TLSv1.2', 'tls-unique');
    expect(features).toContain("<channel-binding type='tls-unique'/>");
    expect(features).not.toContain('tls-exporter');
    expect(outcome).toMatch(/^<success/);
    expect(verified).toBe(true);
  });

  it('refuses binding data that does not match the connection (a man in the middle)', async () => {
    const { outcome } = await login('TLSv1.3', 'tls-exporter', true);
    expect(outcome).toMatch(/<failure[^>]*><not-authorized\/>/);
  });
});
