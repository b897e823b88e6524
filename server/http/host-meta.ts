// XEP-0156: Discovering Alternative XMPP Connection Methods (host-meta,
// RFC 6415) — https://xmpp.org/extensions/xep-0156.html

import { escapeXML } from 'ltx';
import type { Request, Response } from 'express';

const WEBSOCKET_REL = 'urn:xmpp:alt-connections:websocket';

export function websocketUrl(publicUrl: string): string {
  return `${publicUrl.replace(/^https:/, 'wss:')}/xmpp-websocket`;
}

export function hostMetaXml(publicUrl: string) {
  return (_req: Request, res: Response): void => {
    res.set('Access-Control-Allow-Origin', '*');
    res.type('application/xrd+xml').send(
      `<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='${WEBSOCKET_REL}' href='${escapeXML(websocketUrl(publicUrl))}'/>\n</XRD>\n`,
    );
  };
}

export function hostMetaJson(publicUrl: string) {
  return (_req: Request, res: Response): void => {
    res.set('Access-Control-Allow-Origin', '*');
    res.type('application/json').send(JSON.stringify({ links: [{ rel: WEBSOCKET_REL, href: websocketUrl(publicUrl) }] }));
  };
}
