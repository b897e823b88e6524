// The REST client: fetch with the session cookie, the CSRF token on every
// state-changing request, JSON in and out, problem+json errors as ApiError.
// The token comes from GET /api/session and is fetched again once when the
// server refuses it (a new session after logging in, or an expired one).

import { ApiError, parseProblem } from './problem.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined>;

export interface ClientOptions {
  /** Prefix of every path, '' for the same origin. */
  base?: string;
  fetch?: typeof fetch;
  /** Reads the CSRF token from the session document. */
  tokenOf?: (session: unknown) => string | undefined;
  /** Called when a request comes back 401 (the session ended). */
  onUnauthorized?: () => void;
  /** Translated sentence for failures without a problem body. */
  fallback?: (status: number) => string;
}

const SAFE: ReadonlySet<Method> = new Set(['GET']);

export function defaultTokenOf(session: unknown): string | undefined {
  if (typeof session !== 'object' || session === null) return undefined;
  const record = session as Record<string, unknown>;
  const token = record['csrfToken'] ?? record['csrf'];
  return typeof token === 'string' ? token : undefined;
}

export function withQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

export class ApiClient {
  private csrf: string | undefined;
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly tokenOf: (session: unknown) => string | undefined;

  constructor(private readonly options: ClientOptions = {}) {
    this.base = options.base ?? '';
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.tokenOf = options.tokenOf ?? defaultTokenOf;
  }

  /** Remembers the token of a session document the caller already has. */
  rememberSession(session: unknown): void {
    this.csrf = this.tokenOf(session);
  }

  forgetSession(): void {
    this.csrf = undefined;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  async request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
    if (!SAFE.has(method) && this.csrf === undefined) await this.refreshToken();
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (!SAFE.has(method) && this.csrf !== undefined) headers['X-CSRF-Token'] = this.csrf;
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'include',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw parseProblem(0, null, '', this.options.fallback);
    }
    const text = await response.text();
    if (!response.ok) {
      const error = parseProblem(response.status, response.headers.get('Content-Type'), text, this.options.fallback);
      // A stale token (the session changed under us): fetch a new one and try once more.
      if (!SAFE.has(method) && !retried && response.status === 403 && /csrf/i.test(`${error.type} ${error.detail}`)) {
        this.csrf = undefined;
        return this.request<T>(method, path, body, true);
      }
      if (response.status === 401) this.options.onUnauthorized?.();
      throw error;
    }
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw parseProblem(502, null, '', this.options.fallback);
    }
  }

  private async refreshToken(): Promise<void> {
    try {
      const response = await this.fetcher(`${this.base}/api/session`, { credentials: 'include', headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      this.csrf = this.tokenOf(await response.json());
    } catch {
      // The request that needed the token reports the network failure itself.
    }
  }
}

export { ApiError };
