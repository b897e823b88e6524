// A WebAdmin API client for tests: signs in with the session cookie, sends
// the CSRF token on state-changing requests (unless told not to), or uses a
// bearer token. Plain fetch over HTTPS with the test CA (NODE_EXTRA_CA_CERTS).

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** Leave out the X-CSRF-Token header. */
  noCsrf?: boolean;
  headers?: Record<string, string>;
  /** Send this raw text instead of JSON. */
  raw?: string;
}

export class AdminApi {
  readonly base: string;
  cookie: string | undefined;
  csrf: string | undefined;
  token: string | undefined;

  constructor(port: number) {
    this.base = `https://localhost:${port}`;
  }

  /** Signs in; returns the response of POST /api/session. */
  async login(jid: string, password: string): Promise<ApiResponse> {
    const response = await this.request('POST', '/api/session', { jid, password });
    if (response.status === 200) this.csrf = String(response.body.csrfToken);
    return response;
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined || options.raw !== undefined) headers['content-type'] = headers['content-type'] ?? 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.csrf && !options.noCsrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.base}${path}`, { method, headers, body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value.endsWith('=') ? undefined : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // not JSON (HTML or plain text)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }
}
