// Checks a SmartDiscover service URL the way a client will use it: https,
// an explicit path, and a host whose certificate verifies against the
// system's CAs plus the configured one. A refusal names the exact reason.
// Node's TLS verification codes: https://nodejs.org/api/tls.html (X509 error codes, RFC 5280 path validation).

import { connect, rootCertificates } from 'node:tls';
import { isIP } from 'node:net';

export type UrlRefusal =
  | 'invalid-url'
  | 'not-https'
  | 'no-path'
  | 'certificate-expired'
  | 'name-mismatch'
  | 'self-signed'
  | 'untrusted-certificate'
  | 'unreachable';

export type UrlCheck = { ok: true; url: string } | { ok: false; url: string; reason: UrlRefusal; detail: string };

export interface UrlCheckOptions {
  /** Extra trusted CA certificates (PEM), e.g. the configured or development CA. */
  ca?: string | undefined;
  timeoutMs?: number;
}

/** The shape rules alone (no network): https with an explicit path beyond "/". */
export function checkUrlShape(text: string): UrlCheck | URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, url: text, reason: 'invalid-url', detail: `"${text}" is not a URL; write it like https://chat.example.org/webclient/` };
  }
  if (url.protocol !== 'https:') return { ok: false, url: text, reason: 'not-https', detail: `The URL must start with https:// (it uses ${url.protocol.replace(':', '')})` };
  if (url.username || url.password) return { ok: false, url: text, reason: 'invalid-url', detail: 'The URL must not contain a user name or password' };
  if (url.pathname === '/' || url.pathname === '') return { ok: false, url: text, reason: 'no-path', detail: `Add the path after the host, e.g. https://${url.host}/webclient/` };
  return url;
}

function refusalOf(code: string, host: string): { reason: UrlRefusal; detail: string } {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return { reason: 'certificate-expired', detail: `The certificate of ${host} has expired: renew it` };
    case 'CERT_NOT_YET_VALID':
      return { reason: 'certificate-expired', detail: `The certificate of ${host} is not valid yet: check the server's clock or the certificate dates` };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { reason: 'name-mismatch', detail: `The certificate presented by ${host} is not issued for ${host}` };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return { reason: 'self-signed', detail: `${host} presents a self-signed certificate: use one issued by a trusted or the configured CA` };
    default:
      return { reason: 'untrusted-certificate', detail: `The certificate of ${host} does not verify (${code}): use one issued by a trusted or the configured CA, with its full chain` };
  }
}

/** Full check: shape, then a TLS handshake with the host (short timeout). */
export async function checkServiceUrl(text: string, options: UrlCheckOptions = {}): Promise<UrlCheck> {
  const shaped = checkUrlShape(text);
  if (!(shaped instanceof URL)) return shaped;
  const url = shaped.href;
  const host = shaped.hostname.replace(/^\[|\]$/g, '');
  const port = Number(shaped.port || 443);
  const ca = options.ca ? [...rootCertificates, options.ca] : [...rootCertificates];
  return new Promise<UrlCheck>((resolve) => {
    let settled = false;
    const finish = (result: UrlCheck): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    const socket = connect({ host, port, ca, rejectUnauthorized: false, minVersion: 'TLSv1.2', ...(isIP(host) ? {} : { servername: host }) });
    socket.setTimeout(options.timeoutMs ?? 5000, () => finish({ ok: false, url, reason: 'unreachable', detail: `${shaped.host} did not answer in time` }));
    socket.once('secureConnect', () => {
      if (socket.authorized) return finish({ ok: true, url });
      const code = String(socket.authorizationError ?? 'UNKNOWN');
      // OpenSSL reports a lone self-signed leaf by several codes depending on its extensions: look at the certificate itself.
      const peer = socket.getPeerCertificate(true);
      const selfIssued = peer.fingerprint256 !== undefined && peer.issuerCertificate?.fingerprint256 === peer.fingerprint256;
      const chainProblem = code !== 'CERT_HAS_EXPIRED' && code !== 'CERT_NOT_YET_VALID' && code !== 'ERR_TLS_CERT_ALTNAME_INVALID';
      finish({ ok: false, url, ...refusalOf(selfIssued && chainProblem ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : code, shaped.hostname) });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, url, reason: 'unreachable', detail: `Cannot reach ${shaped.host} over TLS (${error.code ?? error.message})` }),
    );
  });
}
