// The wire form of room events (urn:causerie:events:0, docs/XMPP.md "Room
// events and conference links"): parsing a <create/> request and rendering
// an <event/>. Times are XEP-0082 date-times, always rendered in UTC.

import { AppError } from '../../core/errors.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { RoomEvent } from '../../store/room-events-repo.js';

export const NS_EVENTS = 'urn:causerie:events:0';

const MAX_TITLE = 255;
const MAX_DESCRIPTION = 4000;
const MAX_URL = 2048;
// XEP-0082 DateTime: a time zone is required so every client reads the same instant.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface EventDraft {
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  description: string | null;
  /** `generate`: the client asked the server to start a conference. */
  conference: { kind: 'none' } | { kind: 'generate' } | { kind: 'url'; url: string };
}

function dateTime(text: string, what: string): Date {
  const value = text.trim();
  const date = new Date(value);
  if (!DATE_TIME.test(value) || Number.isNaN(date.getTime())) throw new AppError('bad-request', `The ${what} must be a date and time with a time zone, like 2026-12-10T18:00:00Z (got "${value}")`);
  return date;
}

function httpsUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('bad-request', 'The conference link must be an https:// URL');
  }
  if (url.protocol !== 'https:' || url.href.length > MAX_URL) throw new AppError('bad-request', 'The conference link must be an https:// URL');
  return url.href;
}

export function parseCreate(create: Element): EventDraft {
  const title = (create.getChildText('title') ?? '').trim();
  if (title === '') throw new AppError('bad-request', 'An event needs a title');
  if ([...title].length > MAX_TITLE) throw new AppError('bad-request', `An event title has at most ${MAX_TITLE} characters`);
  const start = create.getChildText('start');
  if (start === null) throw new AppError('bad-request', 'An event needs a start time');
  const startsAt = dateTime(start, 'start');
  const end = create.getChildText('end');
  const endsAt = end === null || end.trim() === '' ? null : dateTime(end, 'end');
  if (endsAt && endsAt.getTime() < startsAt.getTime()) throw new AppError('bad-request', 'An event cannot end before it starts');
  const description = create.getChildText('description')?.trim() || null;
  if (description && [...description].length > MAX_DESCRIPTION) throw new AppError('bad-request', `An event description has at most ${MAX_DESCRIPTION} characters`);
  const conference = create.getChild('conference');
  const url = conference?.attrs.url as string | undefined;
  return {
    title,
    startsAt,
    endsAt,
    description,
    conference: !conference ? { kind: 'none' } : url ? { kind: 'url', url: httpsUrl(url) } : { kind: 'generate' },
  };
}

/** `<event id='…'>` with its fields; `creator` is the creator's bare JID when the account still exists. */
export function eventElement(event: RoomEvent, creator: string | undefined, xmlns?: string): Element {
  return el(
    'event',
    { xmlns, id: String(event.id) },
    el('title', null, event.title),
    el('start', null, event.startsAt.toISOString()),
    event.endsAt && el('end', null, event.endsAt.toISOString()),
    event.description !== null && el('description', null, event.description),
    event.conferenceUrl !== null && el('conference', { url: event.conferenceUrl }),
    creator !== undefined && el('creator', { jid: creator }),
    el('created', null, event.createdAt.toISOString()),
  );
}

/** Upcoming (not ended yet) events first, soonest first; then past events, latest first. */
export function upcomingFirst(events: RoomEvent[], now: Date): RoomEvent[] {
  const endOf = (e: RoomEvent): number => (e.endsAt ?? e.startsAt).getTime();
  const upcoming = events.filter((e) => endOf(e) >= now.getTime());
  const past = events.filter((e) => endOf(e) < now.getTime()).reverse();
  return [...upcoming, ...past];
}
