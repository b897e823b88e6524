// The CLI's HTTPS client for the WebAdmin API: JSON in and out, an API token
// as bearer, an optional extra CA (a development CA is not in the system
// store), and problem+json turned into errors people can read.

import { request } from 'node:https';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Record<string, unknown>;
  constructor(status: number, problem: Record<string, unknown>) {
    const field = typeof problem.field === 'string' ? ` (field: ${problem.field})` : '';
    const retry = typeof problem.retryAfter === 'number' ? ` Retry in ${problem.retryAfter} s.` : '';
    super(`${typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`}${field}.${retry}`.replace(/\.\./g, '.'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

export interface ClientOptions {
  url: string;
  token?: string | undefined;
  ca?: string | undefined;
  timeoutMs?: number;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class AdminClient {
  private readonly base: URL;
  private readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new ConnectionError(`"${options.url}" is not a URL: give the WebAdmin address, e.g. https://chat.example.org:9443`);
    }
    if (base.protocol !== 'https:') throw new ConnectionError('The WebAdmin is served over https only: use an https:// URL');
    this.base = base;
    this.options = options;
  }

  async call(method: string, path: string, body?: Json): Promise<Json> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      // Node sends DELETE bodies neither chunked nor sized unless told the length.
      headers['content-length'] = String(payload.length);
    }
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return new Promise<Json>((resolve, reject) => {
      const req = request(url, { method, headers, ...(this.options.ca ? { ca: this.options.ca } : {}), timeout: this.options.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Json = null;
          try {
            parsed = text ? (JSON.parse(text) as Json) : null;
          } catch {
            parsed = text;
          }
          const status = res.statusCode ?? 0;
          if (status >= 400) {
            const problem = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : { detail: String(parsed || `HTTP ${status}`) };
            const retryAfter = Number(res.headers['retry-after']);
            reject(new ApiError(status, Number.isFinite(retryAfter) && retryAfter > 0 ? { ...problem, retryAfter } : problem));
          } else resolve(parsed);
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const hint = /certificate|self.signed|CERT/i.test(`${error.code ?? ''} ${error.message}`) ? ' — the server certificate is not trusted: pass --ca FILE (e.g. causerie certs print-ca) or set CAUSERIE_ADMIN_CA' : '';
        reject(new ConnectionError(`Cannot reach ${this.base.origin}: ${error.code ?? error.message}${hint}`));
      });
      req.end(payload);
    });
  }
}
