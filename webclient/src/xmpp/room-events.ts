// Room events and conference links, Causerie's urn:causerie:events:0 on a
// room's JID (docs/XMPP.md "Room events").

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { StanzaError } from './stanza-error.js';

export const NS_EVENTS = 'urn:causerie:events:0';

export interface RoomEvent {
  id: string;
  title: string;
  start: number;
  end?: number;
  description?: string;
  conferenceUrl?: string;
  creator?: string;
}

export function readEvent(el: XmlElement): RoomEvent | undefined {
  const start = Date.parse(el.childText('start') ?? '');
  if (!el.attrs.id || Number.isNaN(start)) return undefined;
  const end = Date.parse(el.childText('end') ?? '');
  return {
    id: el.attrs.id,
    title: el.childText('title') ?? '',
    start,
    end: Number.isNaN(end) ? undefined : end,
    description: el.childText('description') || undefined,
    conferenceUrl: el.child('conference')?.attrs.url,
    creator: el.child('creator')?.attrs.jid,
  };
}

export async function listEvents(conn: Connection, room: string): Promise<RoomEvent[]> {
  const iq = await conn.iq(x('iq', { type: 'get', to: room }, x('list', { xmlns: NS_EVENTS })));
  return (iq.child('events', NS_EVENTS)?.childrenNamed('event') ?? []).map(readEvent).filter((e): e is RoomEvent => e !== undefined);
}

export interface NewEvent {
  title: string;
  start: Date;
  end?: Date;
  description?: string;
  conference: boolean;
}

export async function createEvent(conn: Connection, room: string, event: NewEvent): Promise<RoomEvent | undefined> {
  const iq = await conn.iq(
    x(
      'iq',
      { type: 'set', to: room },
      x(
        'create',
        { xmlns: NS_EVENTS },
        x('title', {}, event.title),
        x('start', {}, event.start.toISOString()),
        event.end && x('end', {}, event.end.toISOString()),
        event.description && x('description', {}, event.description),
        event.conference && x('conference'),
      ),
    ),
  );
  const created = iq.child('event', NS_EVENTS);
  return created ? readEvent(created) : undefined;
}

export async function deleteEvent(conn: Connection, room: string, id: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('delete', { xmlns: NS_EVENTS, id })));
}

/** A room announcement of a created or deleted event. */
export function isEventNotice(stanza: XmlElement): boolean {
  return stanza.child('created', NS_EVENTS) !== undefined || stanza.child('deleted', NS_EVENTS) !== undefined;
}

/** "Start a conference": a fresh meeting link for the room, to post as a message. */
export async function newConferenceLink(conn: Connection, room: string): Promise<string> {
  const iq = await conn.iq(x('iq', { type: 'get', to: room }, x('conference', { xmlns: NS_EVENTS })));
  const url = iq.child('conference', NS_EVENTS)?.attrs.url;
  if (!url) throw new StanzaError('undefined-condition');
  return url;
}
