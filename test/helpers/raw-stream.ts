// A raw XMPP connection for tests that must send bytes no real client
// would: it speaks TCP, STARTTLS and SASL PLAIN by hand and exposes what the
// server wrote, so tests can assert on exact stream errors.

import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { TEST_DOMAIN } from './start-node.js';

export interface RawStream {
  socket: Socket | TLSSocket;
  /** Everything received since the last upgrade. */
  text(): string;
  write(data: string): void;
  /** Waits until the received text matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the server closed the connection. */
  closed: Promise<void>;
  startTls(): Promise<void>;
  /** Opens a stream, negotiates STARTTLS and authenticates with PLAIN; optionally binds. */
  destroy(): void;
}

const HEADER = (domain: string): string => `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${domain}' version='1.0'>`;

export function streamHeader(domain = TEST_DOMAIN): string {
  return HEADER(domain);
}

export async function openRawStream(port: number, options: { direct?: 'tcp' | 'tls' } = {}): Promise<RawStream> {
  let buffer = '';
  let socket: Socket | TLSSocket;
  if (options.direct === 'tls') {
    socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ALPNProtocols: ['xmpp-client'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
  } else {
    socket = netConnect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
  }
  let closedResolve: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));
  const waiters = new Set<() => void>();
  const attach = (s: Socket | TLSSocket): void => {
    s.setEncoding('utf8');
    s.on('data', (chunk: string) => {
      buffer += chunk;
      for (const w of [...waiters]) w();
    });
    s.on('close', () => {
      closedResolve();
      for (const w of [...waiters]) w();
    });
    s.on('error', () => undefined);
  };
  attach(socket);
  const stream: RawStream = {
    socket,
    closed,
    text: () => buffer,
    write: (data) => stream.socket.write(data),
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(buffer);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match[0]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; received: ${buffer.slice(-500)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async startTls() {
      const plain = stream.socket;
      plain.removeAllListeners('data');
      plain.removeAllListeners('close');
      const secured = tlsConnect({ socket: plain, servername: 'localhost' });
      await new Promise<void>((resolve, reject) => {
        secured.once('secureConnect', resolve);
        secured.once('error', reject);
      });
      buffer = '';
      stream.socket = secured;
      attach(secured);
    },
    destroy: () => stream.socket.destroy(),
  };
  return stream;
}

/** Opens a stream, negotiates TLS and authenticates with PLAIN (and binds when asked). */
export async function authenticatedRawStream(port: number, username: string, password: string, bind = true): Promise<RawStream> {
  const stream = await openRawStream(port);
  stream.write(HEADER(TEST_DOMAIN));
  await stream.waitFor(/<starttls/);
  stream.write(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
  await stream.waitFor(/<proceed/);
  await stream.startTls();
  stream.write(HEADER(TEST_DOMAIN));
  await stream.waitFor(/<\/stream:features>/);
  const token = Buffer.from(`\u0000${username}\u0000${password}`).toString('base64');
  stream.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  await stream.waitFor(/<success|<failure/);
  if (!/<success/.test(stream.text())) throw new Error(`authentication failed: ${stream.text()}`);
  stream.write(HEADER(TEST_DOMAIN));
  await stream.waitFor(/<bind[^>]*xmpp-bind[\s\S]*<\/stream:features>/);
  if (bind) {
    stream.write(`<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>`);
    await stream.waitFor(/<jid>[^<]+<\/jid>/);
  }
  return stream;
}
