// A tiny hash router: `#/groups/12/rights?room=3` ↔ { name, params, query }.
// Hash routes need nothing from the server beyond index.html and survive a
// reload. Pure (no DOM): navigation.ts wires it to window.location.

export const ROUTES = {
  login: 'login',
  dashboard: '',
  domains: 'domains',
  domain: 'domains/:domain',
  accounts: 'accounts',
  account: 'accounts/:account',
  groups: 'groups',
  group: 'groups/:group',
  rights: 'groups/:group/rights',
  guests: 'guests',
  guest: 'guests/:guest',
  discovery: 'discovery',
  audit: 'audit',
} as const;

export type RouteName = keyof typeof ROUTES;

export interface Route {
  name: RouteName;
  params: Record<string, string>;
  query: Record<string, string>;
}

/** Unknown paths and malformed escapes fall back to the dashboard. */
const FALLBACK: Route = { name: 'dashboard', params: {}, query: {} };

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Parses a location hash (`#/domains/example.org?tab=x`, with or without `#`). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query: Record<string, string> = {};
  if (queryAt !== -1) {
    for (const [key, value] of new URLSearchParams(raw.slice(queryAt + 1))) query[key] = value;
  }
  const parts = segments(path);
  for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
    const expected = segments(pattern);
    if (expected.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (const [index, piece] of expected.entries()) {
      const actual = parts[index] ?? '';
      if (piece.startsWith(':')) {
        try {
          params[piece.slice(1)] = decodeURIComponent(actual);
        } catch {
          return FALLBACK;
        }
      } else if (piece !== actual) {
        matched = false;
        break;
      }
    }
    if (matched) return { name, params, query };
  }
  return FALLBACK;
}

/** The hash for a route; every parameter is escaped, empty query values are left out. */
export function href(name: RouteName, params: Record<string, string | number> = {}, query: Record<string, string | number | undefined> = {}): string {
  const path = segments(ROUTES[name])
    .map((piece) => {
      if (!piece.startsWith(':')) return piece;
      const value = params[piece.slice(1)];
      if (value === undefined || value === '') throw new Error(`Route ${name} needs ${piece.slice(1)}`);
      return encodeURIComponent(String(value));
    })
    .join('/');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const queryText = search.toString();
  return `#/${path}${queryText ? `?${queryText}` : ''}`;
}

/** Which top-level section a route belongs to, for the navigation's current item. */
export function sectionOf(name: RouteName): RouteName {
  switch (name) {
    case 'domain':
      return 'domains';
    case 'account':
      return 'accounts';
    case 'group':
    case 'rights':
      return 'groups';
    case 'guest':
      return 'guests';
    default:
      return name;
  }
}
