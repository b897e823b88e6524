// What the XMPP listeners and the HTTP side need to serve TLS, whatever the
// certificates' origin (generated dev CA or an operator's PEM files).

export interface TlsMaterial {
  /** PEM server certificate, possibly followed by its chain. */
  cert: string;
  /** PEM private key of the server certificate. */
  key: string;
  /** PEM CA certificate(s) to trust, when known (always set for the dev CA). */
  ca?: string;
  /** Expiry of the server certificate (the first one in `cert`). */
  notAfter: Date;
  /** DNS names and IP addresses the server certificate covers. */
  names: string[];
  /** True when clients will not trust it out of the box (dev CA or self-signed). */
  selfIssued: boolean;
}
