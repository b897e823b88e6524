// Connects the pure router to window.location.hash.

import { href, parseHash } from './router.js';
import type { Route, RouteName } from './router.js';

export function currentRoute(): Route {
  return parseHash(window.location.hash);
}

export function navigate(name: RouteName, params: Record<string, string | number> = {}, query: Record<string, string | number | undefined> = {}): void {
  window.location.hash = href(name, params, query);
}

export function onRouteChange(listener: (route: Route) => void): () => void {
  const handler = () => listener(currentRoute());
  window.addEventListener('hashchange', handler);
  return () => window.removeEventListener('hashchange', handler);
}
