// What the XMPP client needs from a connection, whatever carries it.
// RFC 6120 (TCP + STARTTLS) — https://www.rfc-editor.org/rfc/rfc6120
// RFC 7395 (WebSocket framing) — https://www.rfc-editor.org/rfc/rfc7395
import type { ScannerSink } from './stanza-scanner.js';

export type TransportKind = 'tcp' | 'ws';

export interface TlsClientOptions {
  /** PEM of the CA to trust; when absent the certificate is not verified (self-signed bench certs). */
  ca?: string;
}

export interface Endpoint {
  kind: TransportKind;
  /** tcp: host and port of the c2s listener (STARTTLS). */
  host: string;
  port: number;
  /** ws: full URL, `wss://…` or `ws://…`. */
  url?: string;
  /** XMPP domain: stream `to` and TLS server name. */
  domain: string;
  tls: TlsClientOptions;
}

export interface XmppTransport {
  /** True for TCP, where the stream must be upgraded with STARTTLS before SASL. */
  readonly needsStartTls: boolean;
  /** Opens the connection; resolves once bytes can be sent. */
  connect(sink: ScannerSink, onClose: (err?: Error) => void): Promise<void>;
  /** Sends the stream header (TCP) or `<open/>` (WebSocket), resetting the reader first. */
  openStream(): void;
  /** Upgrades the TCP socket in place after `<proceed/>`. */
  startTls(): Promise<void>;
  send(xml: string): void;
  /** Sends the closing tag (`</stream:stream>` or `<close/>`). */
  sendClose(): void;
  /** Half-closes after what was sent (TCP FIN / WebSocket close frame), without waiting for the server. */
  end(): void;
  /** Tears the connection down at once. */
  destroy(): void;
  /** Bytes waiting in user space: lets a sender notice a server that stops reading. */
  bufferedBytes(): number;
}
