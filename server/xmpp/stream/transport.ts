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
  /** RFC 9266 tls-exporter channel binding, when TLS 1.3 protects the connection. */
  channelBinding(): Buffer | undefined;
  /** Ends the connection after flushing. */
  end(): void;
  /** Drops the connection at once. */
  destroy(): void;
  onData(listener: (chunk: string) => void): void;
  onClose(listener: () => void): void;
}

const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';

/** RFC 9266 §2: 32 bytes from the TLS exporter, empty context; TLS 1.3 only. */
export function tlsExporterBinding(socket: { getProtocol(): string | null; exportKeyingMaterial(length: number, label: string, context?: Buffer): Buffer }): Buffer | undefined {
  if (socket.getProtocol() !== 'TLSv1.3') return undefined;
  return socket.exportKeyingMaterial(32, EXPORTER_LABEL, Buffer.alloc(0));
}
