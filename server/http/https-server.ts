// The node's HTTPS listener: XMPP over WebSocket (RFC 7395) at
// /xmpp-websocket, XEP-0156 host-meta, and (in later modules) uploads,
// guest registration pages and the web client's static files.
// https://www.rfc-editor.org/rfc/rfc7395

import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import express from 'express';
import type { Express } from 'express';
import { WebSocketServer } from 'ws';
import type { Logger } from '../core/logger.js';
import type { XmppNode } from '../xmpp/node.js';
import { WebSocketTransport } from '../xmpp/stream/websocket-transport.js';
import type { TlsKeys } from '../xmpp/listeners.js';
import { listen } from '../xmpp/listeners.js';
import { hostMetaJson, hostMetaXml } from './host-meta.js';
import { securityHeaders } from './security-headers.js';
import { notFound, problemHandler } from './problem.js';

export const WEBSOCKET_PATH = '/xmpp-websocket';

export interface HttpsOptions {
  node: XmppNode;
  keys: TlsKeys;
  publicUrl: string;
  log: Logger;
  /** Extra routes mounted before the 404 handler (uploads, registration, web client). */
  mount?: (app: Express) => void;
}

export function createHttpsApp(options: HttpsOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  app.get('/.well-known/host-meta', hostMetaXml(options.publicUrl));
  app.get('/.well-known/host-meta.json', hostMetaJson(options.publicUrl));
  options.mount?.(app);
  app.use(notFound);
  app.use(problemHandler(options.log));
  return app;
}

export async function startHttpsServer(options: HttpsOptions, host: string, port: number): Promise<Server> {
  const app = createHttpsApp(options);
  const server = createServer({ cert: options.keys.cert, key: options.keys.key, minVersion: 'TLSv1.2' }, app);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.node.limits.maxStanzaBytes + 1024,
    handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
  });
  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (path !== WEBSOCKET_PATH || !protocols.includes('xmpp')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nUse the "xmpp" WebSocket subprotocol at /xmpp-websocket\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      options.node.accept(new WebSocketTransport(ws, request.socket.remoteAddress, request.socket as TLSSocket));
    });
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, host, port);
}
