// Where the server is: /config.json from the node that serves this page,
// or XEP-0156 host-meta as a fallback (a client served from elsewhere).

import type { ServerConfig } from './store.js';

function sameOrigin(url: string): string {
  // The page and the WebSocket are served by the same node: prefer this origin
  // when the configured public URL names another host (tests, port forwarding).
  const configured = new URL(url, location.href);
  if (configured.host === location.host) return configured.href;
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/xmpp-websocket`;
}

export async function loadServerConfig(): Promise<ServerConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) {
      const config = (await res.json()) as ServerConfig;
      return { ...config, websocketUrl: sameOrigin(config.websocketUrl) };
    }
  } catch {
    /* fall back to host-meta */
  }
  const domain = location.hostname;
  let websocketUrl = `wss://${location.host}/xmpp-websocket`;
  try {
    const res = await fetch('/.well-known/host-meta.json');
    const meta = (await res.json()) as { links?: Array<{ rel: string; href: string }> };
    websocketUrl = meta.links?.find((l) => l.rel === 'urn:xmpp:alt-connections:websocket')?.href ?? websocketUrl;
  } catch {
    /* keep the default */
  }
  return { websocketUrl, domain, guestDomain: `guests.${domain}`, conferenceDomain: `conference.${domain}` };
}
