// TCP transport: plain sockets that upgrade with STARTTLS, or direct TLS
// (XEP-0368). RFC 6120 §5 — https://www.rfc-editor.org/rfc/rfc6120#section-5

import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { NO_BINDINGS, tlsChannelBindings } from './transport.js';
import type { ChannelBindings, Transport } from './transport.js';

export class TcpTransport implements Transport {
  readonly kind = 'tcp' as const;
  readonly remoteAddress: string;
  private socket: Socket | TLSSocket;
  private readonly secureContext: () => SecureContext;
  private dataListener: (chunk: string) => void = () => undefined;
  private closeListener: () => void = () => undefined;
  private closed = false;

  constructor(socket: Socket | TLSSocket, secureContext: () => SecureContext) {
    this.socket = socket;
    this.secureContext = secureContext;
    this.remoteAddress = normaliseAddress(socket.remoteAddress);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    this.attach(socket);
  }

  get secure(): boolean {
    return this.socket instanceof TLSSocket;
  }

  get canStartTls(): boolean {
    return !this.secure;
  }

  write(data: string): void {
    if (!this.closed) this.socket.write(data);
  }

  bufferedBytes(): number {
    return this.socket.writableLength;
  }

  async startTls(proceed: string): Promise<void> {
    const plain = this.socket;
    plain.write(proceed);
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secured = new TLSSocket(plain, { isServer: true, secureContext: this.secureContext() });
    this.socket = secured;
    await new Promise<void>((resolve, reject) => {
      secured.once('secure', resolve);
      secured.once('error', reject);
      secured.once('close', () => reject(new Error('connection closed during TLS handshake')));
    });
    secured.removeAllListeners('error');
    secured.removeAllListeners('close');
    this.attach(secured);
  }

  channelBindings(): ChannelBindings {
    return this.socket instanceof TLSSocket ? tlsChannelBindings(this.socket) : NO_BINDINGS;
  }

  end(): void {
    if (this.closed) return;
    this.socket.end();
    // A peer that never closes its side must not hold the socket open.
    setTimeout(() => this.destroy(), 5_000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.dataListener(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.closeListener();
    });
  }
}

export function normaliseAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
