// Where the server is. The WebSocket endpoint comes from XEP-0156 host-meta
// (/.well-known/host-meta.json), the standard way for a client to find it;
// the domains (and the WebSocket URL when host-meta has none) come from the
// node's /config.json; without either, defaults built from the page's host.
// https://xmpp.org/extensions/xep-0156.html

import type { ServerConfig } from './store.js';

const WEBSOCKET_REL = 'urn:xmpp:alt-connections:websocket';

/** The parts of the page's location that decide the endpoints. */
export interface PageLocation {
  protocol: string;
  host: string;
  hostname: string;
}

/** The WebSocket link of a host-meta JSON document, if it has a usable one. */
export function hostMetaWebsocket(meta: unknown, page: PageLocation): string | undefined {
  const links = (meta as { links?: unknown } | null)?.links;
  if (!Array.isArray(links)) return undefined;
  for (const link of links as Array<{ rel?: unknown; href?: unknown }>) {
    if (link?.rel !== WEBSOCKET_REL || typeof link.href !== 'string') continue;
    try {
      const url = new URL(link.href);
      // Never downgrade an https page to an unencrypted socket.
      if (url.protocol === 'wss:' || (url.protocol === 'ws:' && page.protocol === 'http:')) return url.href;
    } catch {
      /* not a URL: try the next link */
    }
  }
  return undefined;
}

function sameOrigin(url: string, page: PageLocation): string {
  // The page and the WebSocket are served by the same node: prefer this origin
  // when the advertised URL names another host (tests, port forwarding).
  const advertised = new URL(url);
  if (advertised.host === page.host) return advertised.href;
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${advertised.pathname}`;
}

function isConfig(value: unknown): value is ServerConfig {
  const c = value as Partial<ServerConfig> | null;
  return typeof c?.domain === 'string' && typeof c.guestDomain === 'string' && typeof c.conferenceDomain === 'string';
}

/** Combines host-meta and /config.json (either may be missing) into the client's endpoints. */
export function resolveServerConfig(page: PageLocation, hostMeta: unknown, config: unknown): { config: ServerConfig; websocketSource: 'host-meta' | 'config' | 'default' } {
  const fromHostMeta = hostMetaWebsocket(hostMeta, page);
  const known = isConfig(config) ? config : undefined;
  const base = known ?? { websocketUrl: '', domain: page.hostname, guestDomain: `guests.${page.hostname}`, conferenceDomain: `conference.${page.hostname}` };
  const fallback = `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}/xmpp-websocket`;
  const [url, source] = fromHostMeta ? [fromHostMeta, 'host-meta' as const] : known?.websocketUrl ? [known.websocketUrl, 'config' as const] : [fallback, 'default' as const];
  return { config: { ...base, websocketUrl: sameOrigin(url, page) }, websocketSource: source };
}

async function fetchJson(path: string): Promise<unknown> {
  try {
    const res = await fetch(path, { cache: 'no-store' });
    return res.ok ? await res.json() : undefined;
  } catch {
    return undefined;
  }
}

export async function loadServerConfig(): Promise<ServerConfig> {
  const [hostMeta, config] = await Promise.all([fetchJson('/.well-known/host-meta.json'), fetchJson('/config.json')]);
  return resolveServerConfig(location, hostMeta, config).config;
}
