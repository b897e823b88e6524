// XMPP over WebSocket: subprotocol "xmpp", one complete element per message,
// `<open/>` and `<close/>` in the framing namespace instead of the stream tags.
// RFC 7395 §3.3–3.6 — https://www.rfc-editor.org/rfc/rfc7395#section-3.3
import type tls from 'node:tls';
import WebSocket from 'ws';
import type { ScannerSink } from './stanza-scanner.js';
import type { Endpoint, XmppTransport } from './transport.js';
import { escapeXml, localName } from './xml-text.js';

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

export class WsTransport implements XmppTransport {
  readonly needsStartTls = false;
  private readonly endpoint: Endpoint;
  private ws: WebSocket | undefined;
  private closed = false;

  constructor(endpoint: Endpoint) {
    this.endpoint = endpoint;
  }

  connect(sink: ScannerSink, onClose: (err?: Error) => void): Promise<void> {
    const url = this.endpoint.url;
    if (!url) return Promise.reject(new Error('this server exposes no WebSocket endpoint'));
    return new Promise((resolve, reject) => {
      // ws hands these to https.request, hence tls.connect; its typings omit servername,
      // which is needed for SNI and for checking the cert against the domain, not 127.0.0.1.
      const tlsOptions: tls.ConnectionOptions = {
        ca: this.endpoint.tls.ca,
        rejectUnauthorized: this.endpoint.tls.ca !== undefined,
        servername: this.endpoint.domain,
      };
      const ws = new WebSocket(url, ['xmpp'], { ...tlsOptions, perMessageDeflate: false });
      this.ws = ws;
      const finish = (err?: Error): void => {
        if (this.closed) return;
        this.closed = true;
        onClose(err);
      };
      ws.once('open', () => {
        ws.off('error', reject);
        ws.on('error', (err) => finish(err));
        if (ws.protocol !== 'xmpp') {
          reject(new Error(`server chose subprotocol "${ws.protocol}", not "xmpp"`));
          ws.terminate();
          return;
        }
        resolve();
      });
      ws.once('error', reject);
      ws.on('close', () => finish());
      ws.on('message', (data: WebSocket.RawData) => {
        const text = data.toString();
        const name = localName(text);
        if (name === 'open') sink.streamOpened(text);
        else if (name === 'close') sink.streamClosed();
        else sink.element(text);
      });
    });
  }

  openStream(): void {
    this.send(`<open xmlns='${NS_FRAMING}' to='${escapeXml(this.endpoint.domain)}' version='1.0'/>`);
  }

  startTls(): Promise<void> {
    return Promise.reject(new Error('STARTTLS does not exist on WebSocket: use wss://'));
  }

  send(xml: string): void {
    if (!this.closed && this.ws?.readyState === WebSocket.OPEN) this.ws.send(xml);
  }

  sendClose(): void {
    this.send(`<close xmlns='${NS_FRAMING}'/>`);
  }

  end(): void {
    this.ws?.close(1000);
  }

  destroy(): void {
    this.ws?.terminate();
  }

  bufferedBytes(): number {
    return this.ws?.bufferedAmount ?? 0;
  }
}
