// The one API client and the signed-in session, shared by every page.

import { ApiClient } from './api/client.js';
import type { Session } from './api/types.js';
import { tDynamic } from './i18n/index.js';
import { fallbackDetail } from './api/problem.js';
import { endpoints } from './api/endpoints.js';

type Listener = (session: Session | undefined) => void;
const listeners = new Set<Listener>();
let current: Session | undefined;

export const api = new ApiClient({
  onUnauthorized: () => setSession({ authenticated: false }),
  fallback: (status) => tDynamic(`http.${status === 0 ? 'network' : status >= 500 ? '5xx' : status}`, fallbackDetail(status), { status }),
});

export function session(): Session | undefined {
  return current;
}

export function setSession(next: Session | undefined): void {
  current = next;
  if (next?.csrfToken) api.rememberSession(next);
  else if (!next?.authenticated) api.forgetSession();
  for (const listener of listeners) listener(next);
}

export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the signed-in account administers the whole server. */
export function isServerAdmin(): boolean {
  return current?.roles?.serverAdmin === true;
}

/** Every REST endpoint, typed. */
export const call = endpoints(api);
