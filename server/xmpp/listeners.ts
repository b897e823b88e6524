// TCP listeners: c2s with required STARTTLS (RFC 6120 §5) and direct TLS
// (XEP-0368, ALPN "xmpp-client"). TLS 1.2+ only, renegotiation disabled.
// https://xmpp.org/extensions/xep-0368.html

import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createServer as createTlsServer, createSecureContext } from 'node:tls';
import type { SecureContext, Server as TlsServer, TLSSocket } from 'node:tls';
import type { XmppNode } from './node.js';
import { TcpTransport } from './stream/tcp-transport.js';

export interface TlsKeys {
  cert: string;
  key: string;
  ca?: string;
}

export function secureContextFor(keys: TlsKeys): SecureContext {
  return createSecureContext({ cert: keys.cert, key: keys.key, minVersion: 'TLSv1.2' });
}

/**
 * Starts listening. Every accepted socket is tracked so that stopping the
 * server ends them all, upgraded WebSocket connections included.
 */
export function listen<T extends Server | TlsServer>(server: T, host: string, port: number): Promise<T> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  openSockets.set(server, sockets);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

const openSockets = new WeakMap<Server, Set<Socket>>();

/** Stops accepting, ends every open connection and resolves once closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of openSockets.get(server) ?? []) socket.destroy();
  });
}

export function startC2sListener(node: XmppNode, context: SecureContext, host: string, port: number): Promise<Server> {
  const server = createServer({ noDelay: true }, (socket) => {
    node.accept(new TcpTransport(socket, () => context));
  });
  return listen(server, host, port);
}

export function startDirectTlsListener(node: XmppNode, keys: TlsKeys, host: string, port: number): Promise<TlsServer> {
  const server = createTlsServer({ cert: keys.cert, key: keys.key, minVersion: 'TLSv1.2', ALPNProtocols: ['xmpp-client'] }, (socket: TLSSocket) => {
    socket.disableRenegotiation();
    node.accept(new TcpTransport(socket, () => createSecureContext({ cert: keys.cert, key: keys.key })));
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, host, port);
}
