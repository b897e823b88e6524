// What a client session needs from its connection, whatever carries it:
// TCP (RFC 6120, STARTTLS or direct TLS per XEP-0368) or WebSocket (RFC 7395).

export type TransportKind = 'tcp' | 'websocket';

export interface Transport {
  readonly kind: TransportKind;
  readonly remoteAddress: string;
  /** True once TLS protects the connection. */
  readonly secure: boolean;
  /** True when STARTTLS can still be negotiated on this connection. */
  readonly canStartTls: boolean;
  /** Sends already-framed data (TCP: raw XML; WebSocket: one frame per call). */
  write(data: string): void;
  /** Bytes waiting in the outgoing buffer (backpressure). */
  bufferedBytes(): number;
  /**
   * Writes `proceed` and upgrades a plain TCP connection to TLS in the same
   * tick, so no TLS byte can reach the XML parser (RFC 6120 §5.4.3.3).
   */
  startTls(proceed: string): Promise<void>;
  /** Channel-binding data by type: tls-exporter on TLS 1.3 (RFC 9266), tls-unique on TLS 1.2 (RFC 5929). */
  channelBindings(): ChannelBindings;
  /** Ends the connection after flushing. */
  end(): void;
  /** Drops the connection at once. */
  destroy(): void;
  onData(listener: (chunk: string) => void): void;
  onClose(listener: () => void): void;
}

export type ChannelBindingType = 'tls-exporter' | 'tls-unique';
export type ChannelBindings = ReadonlyMap<ChannelBindingType, Buffer>;

const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';

interface TlsSocketLike {
  getProtocol(): string | null;
  exportKeyingMaterial(length: number, label: string, context?: Buffer): Buffer;
  getFinished(): Buffer | undefined;
  getPeerFinished(): Buffer | undefined;
  isSessionReused(): boolean;
}

/**
 * RFC 9266 §2: tls-exporter is 32 bytes from the TLS exporter with an empty
 * context, defined for TLS 1.3. RFC 5929 §3: tls-unique is the first Finished
 * message of the handshake (the client's, unless the session was resumed),
 * defined up to TLS 1.2 only.
 */
export function tlsChannelBindings(socket: TlsSocketLike): ChannelBindings {
  const bindings = new Map<ChannelBindingType, Buffer>();
  const protocol = socket.getProtocol();
  if (protocol === 'TLSv1.3') {
    bindings.set('tls-exporter', socket.exportKeyingMaterial(32, EXPORTER_LABEL, Buffer.alloc(0)));
  } else if (protocol === 'TLSv1.2') {
    const finished = socket.isSessionReused() ? socket.getFinished() : socket.getPeerFinished();
    if (finished) bindings.set('tls-unique', finished);
  }
  return bindings;
}

export const NO_BINDINGS: ChannelBindings = new Map();
