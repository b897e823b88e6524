// WebSocket transport (RFC 7395): each XML element travels in its own text
// frame. https://www.rfc-editor.org/rfc/rfc7395

import type { TLSSocket } from 'node:tls';
import type { WebSocket } from 'ws';
import { NO_BINDINGS, tlsChannelBindings } from './transport.js';
import type { ChannelBindings, Transport } from './transport.js';
import { normaliseAddress } from './tcp-transport.js';

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  readonly remoteAddress: string;
  readonly secure: boolean;
  readonly canStartTls = false;
  private readonly socket: WebSocket;
  private readonly tlsSocket: TLSSocket | undefined;
  private closeListener: () => void = () => undefined;
  private dataListener: (chunk: string) => void = () => undefined;
  private closed = false;

  constructor(socket: WebSocket, remoteAddress: string | undefined, tlsSocket: TLSSocket | undefined) {
    this.socket = socket;
    this.tlsSocket = tlsSocket;
    this.secure = tlsSocket !== undefined;
    this.remoteAddress = normaliseAddress(remoteAddress);
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        // RFC 7395 §3.2: only text frames carry XMPP.
        socket.close(1003);
        return;
      }
      this.dataListener(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString());
    });
    socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.closeListener();
    });
  }

  write(data: string): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(data);
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  async startTls(_proceed: string): Promise<void> {
    throw new Error('STARTTLS is not available over WebSocket');
  }

  channelBindings(): ChannelBindings {
    return this.tlsSocket ? tlsChannelBindings(this.tlsSocket) : NO_BINDINGS;
  }

  end(): void {
    if (this.closed) return;
    this.socket.close(1000);
    setTimeout(() => this.destroy(), 5_000).unref();
  }

  destroy(): void {
    this.socket.terminate();
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListener = listener;
  }
}
