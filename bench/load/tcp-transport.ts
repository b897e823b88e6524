// XMPP over TCP with STARTTLS, upgraded in place with tls.connect({ socket }).
// RFC 6120 §4.2 (stream header), §5 (STARTTLS) — https://www.rfc-editor.org/rfc/rfc6120#section-5
import net from 'node:net';
import tls from 'node:tls';
import type { ScannerSink } from './stanza-scanner.js';
import { StanzaScanner } from './stanza-scanner.js';
import type { Endpoint, XmppTransport } from './transport.js';
import { escapeXml } from './xml-text.js';

export class TcpTransport implements XmppTransport {
  readonly needsStartTls = true;
  private readonly endpoint: Endpoint;
  private socket: net.Socket | tls.TLSSocket | undefined;
  private scanner: StanzaScanner | undefined;
  private onClose: ((err?: Error) => void) | undefined;
  private closed = false;

  constructor(endpoint: Endpoint) {
    this.endpoint = endpoint;
  }

  connect(sink: ScannerSink, onClose: (err?: Error) => void): Promise<void> {
    this.scanner = new StanzaScanner(sink);
    this.onClose = onClose;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.endpoint.host, port: this.endpoint.port });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        this.attach(socket);
        resolve();
      });
      socket.once('error', reject);
    });
  }

  private attach(socket: net.Socket | tls.TLSSocket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onSocketClose);
  }

  private detach(socket: net.Socket | tls.TLSSocket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onSocketClose);
  }

  private readonly onData = (chunk: string): void => {
    this.scanner?.push(chunk);
  };

  private readonly onError = (err: Error): void => {
    this.finish(err);
  };

  private readonly onSocketClose = (): void => {
    this.finish();
  };

  private finish(err?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.(err);
  }

  openStream(): void {
    this.scanner?.reset();
    this.send(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' ` +
        `to='${escapeXml(this.endpoint.domain)}' version='1.0'>`,
    );
  }

  startTls(): Promise<void> {
    const plain = this.socket;
    if (!plain) return Promise.reject(new Error('not connected'));
    this.detach(plain);
    return new Promise((resolve, reject) => {
      const secure = tls.connect({
        socket: plain,
        servername: this.endpoint.domain,
        ca: this.endpoint.tls.ca,
        rejectUnauthorized: this.endpoint.tls.ca !== undefined,
      });
      secure.once('secureConnect', () => {
        secure.off('error', reject);
        this.attach(secure);
        resolve();
      });
      secure.once('error', reject);
    });
  }

  send(xml: string): void {
    if (!this.closed) this.socket?.write(xml);
  }

  sendClose(): void {
    this.send('</stream:stream>');
  }

  end(): void {
    this.socket?.end();
  }

  destroy(): void {
    this.socket?.destroy();
    this.finish();
  }

  bufferedBytes(): number {
    return this.socket?.writableLength ?? 0;
  }
}
