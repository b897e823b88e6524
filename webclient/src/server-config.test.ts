import { describe, expect, it } from 'vitest';
import { hostMetaWebsocket, resolveServerConfig } from './server-config.js';

const page = { protocol: 'https:', host: 'chat.example.org', hostname: 'chat.example.org' };
const hostMeta = (href: string) => ({ links: [{ rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://chat.example.org/bosh' }, { rel: 'urn:xmpp:alt-connections:websocket', href }] });
const config = { websocketUrl: 'wss://chat.example.org/from-config', domain: 'example.org', guestDomain: 'invites.example.org', conferenceDomain: 'salons.example.org', uploadDomain: 'files.example.org' };

describe('server endpoints', () => {
  it('takes the WebSocket from host-meta and the domains from config.json', () => {
    const { config: resolved, websocketSource } = resolveServerConfig(page, hostMeta('wss://chat.example.org/xmpp-websocket'), config);
    expect(websocketSource).toBe('host-meta');
    expect(resolved).toEqual({ ...config, websocketUrl: 'wss://chat.example.org/xmpp-websocket' });
  });

  it('falls back to config.json for the WebSocket when host-meta is missing or unusable', () => {
    for (const meta of [undefined, null, 'oops', { links: 'no' }, hostMeta('not a url'), hostMeta('ws://chat.example.org/plain')]) {
      const { config: resolved, websocketSource } = resolveServerConfig(page, meta, config);
      expect(websocketSource).toBe('config');
      expect(resolved.websocketUrl).toBe('wss://chat.example.org/from-config');
    }
  });

  it('builds defaults from the page when neither answers', () => {
    const { config: resolved, websocketSource } = resolveServerConfig(page, undefined, { error: 'not found' });
    expect(websocketSource).toBe('default');
    expect(resolved).toEqual({ websocketUrl: 'wss://chat.example.org/xmpp-websocket', domain: 'chat.example.org', guestDomain: 'guests.chat.example.org', conferenceDomain: 'conference.chat.example.org' });
  });

  it('uses host-meta alone for the WebSocket, with page-based domains, when config.json is missing', () => {
    const { config: resolved, websocketSource } = resolveServerConfig(page, hostMeta('wss://chat.example.org/ws'), undefined);
    expect(websocketSource).toBe('host-meta');
    expect(resolved.websocketUrl).toBe('wss://chat.example.org/ws');
    expect(resolved.domain).toBe('chat.example.org');
  });

  it('connects to the page\'s own host when the advertised one differs (same node, another name)', () => {
    const local = { protocol: 'https:', host: '127.0.0.1:5443', hostname: '127.0.0.1' };
    expect(resolveServerConfig(local, hostMeta('wss://chat.example.org/xmpp-websocket'), config).config.websocketUrl).toBe('wss://127.0.0.1:5443/xmpp-websocket');
  });

  it('accepts ws: only for a page that is itself unencrypted', () => {
    expect(hostMetaWebsocket(hostMeta('ws://chat.example.org/ws'), page)).toBeUndefined();
    expect(hostMetaWebsocket(hostMeta('ws://chat.example.org/ws'), { ...page, protocol: 'http:' })).toBe('ws://chat.example.org/ws');
  });
});
