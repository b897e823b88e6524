// Discussion history on join, from the room archive (XEP-0045 §7.2.14):
// maxstanzas / seconds / since; 20 messages by default. Each message carries
// an XEP-0203 delay from the room.
// https://xmpp.org/extensions/xep-0045.html#enter-managehistory

import type { ArchiveRepo } from '../../store/types.js';
import { NS_DELAY } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { storedStanza } from '../mam/render.js';
import { NS_MUC } from './namespaces.js';

export const DEFAULT_HISTORY = 20;
const MAX_HISTORY = 200;

export interface HistoryRequest {
  limit: number;
  start?: Date;
}

export function parseHistory(presence: Element, now: Date): HistoryRequest {
  const history = presence.getChild('x', NS_MUC)?.getChild('history');
  const request: HistoryRequest = { limit: DEFAULT_HISTORY };
  if (!history) return request;
  const max = Number.parseInt(history.attrs.maxstanzas ?? '', 10);
  if (Number.isFinite(max) && max >= 0) request.limit = Math.min(max, MAX_HISTORY);
  const seconds = Number.parseInt(history.attrs.seconds ?? '', 10);
  if (Number.isFinite(seconds) && seconds >= 0) request.start = new Date(now.getTime() - seconds * 1000);
  const since = history.attrs.since ? new Date(history.attrs.since) : undefined;
  if (since && !Number.isNaN(since.getTime()) && (!request.start || since > request.start)) request.start = since;
  return request;
}

export async function historyStanzas(archive: ArchiveRepo, roomId: number, roomJid: string, request: HistoryRequest): Promise<Element[]> {
  if (request.limit === 0) return [];
  const page = await archive.query({ owner: { kind: 'room', roomId }, last: true, limit: request.limit, start: request.start });
  const out: Element[] = [];
  for (const message of page.messages) {
    const stanza = storedStanza(message);
    if (!stanza || message.retracted) continue;
    delete stanza.attrs.xmlns;
    stanza.cnode(el('delay', { xmlns: NS_DELAY, from: roomJid, stamp: message.timestamp.toISOString() }));
    out.push(stanza);
  }
  return out;
}
