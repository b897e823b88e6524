import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import type { RoomEvent } from '../../store/room-events-repo.js';
import { el } from '../../xmpp/stanza.js';
import { createdBody } from './announce.js';
import { NS_EVENTS, eventElement, parseCreate, upcomingFirst } from './codec.js';
import { conferenceLink } from './handlers.js';

const create = (fields: Record<string, string>, conference?: Record<string, string>) =>
  el('create', { xmlns: NS_EVENTS }, ...Object.entries(fields).map(([name, text]) => el(name, null, text)), conference && el('conference', conference));

function event(id: number, start: string, end: string | null = null): RoomEvent {
  const at = new Date('2026-01-01T00:00:00Z');
  return { id, roomId: 1, title: `e${id}`, startsAt: new Date(start), endsAt: end ? new Date(end) : null, description: null, conferenceUrl: null, createdBy: 1, createdAt: at, updatedAt: at };
}

describe('room event requests', () => {
  it('parses a full request, with the time zone applied', () => {
    const draft = parseCreate(create({ title: '  AG  ', start: '2026-12-10T19:00:00+01:00', end: '2026-12-10T20:00Z', description: 'Budget' }, {}));
    expect(draft).toEqual({ title: 'AG', startsAt: new Date('2026-12-10T18:00:00Z'), endsAt: new Date('2026-12-10T20:00:00Z'), description: 'Budget', conference: { kind: 'generate' } });
    expect(parseCreate(create({ title: 'x', start: '2026-12-10T18:00:00Z' })).conference).toEqual({ kind: 'none' });
    expect(parseCreate(create({ title: 'x', start: '2026-12-10T18:00:00Z' }, { url: 'https://visio.example.org/a b' })).conference).toEqual({ kind: 'url', url: 'https://visio.example.org/a%20b' });
  });

  it('refuses missing titles, times without a zone, impossible dates, ends before starts and non-https links', () => {
    const bad = [
      create({ start: '2026-12-10T18:00:00Z' }),
      create({ title: 'x', start: '2026-12-10T18:00:00' }),
      create({ title: 'x', start: '2026-13-40T18:00:00Z' }),
      create({ title: 'x', start: '2026-12-10T18:00:00Z', end: '2026-12-10T17:00:00Z' }),
      create({ title: 'x'.repeat(256), start: '2026-12-10T18:00:00Z' }),
      create({ title: 'x', start: '2026-12-10T18:00:00Z' }, { url: 'http://visio.example.org/' }),
    ];
    for (const request of bad) expect(() => parseCreate(request)).toThrow(AppError);
  });

  it('orders events not ended yet first (soonest first), then past ones (latest first)', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const events = [event(1, '2026-01-01T00:00:00Z'), event(2, '2026-06-01T10:00:00Z', '2026-06-01T13:00:00Z'), event(3, '2026-05-01T00:00:00Z'), event(4, '2026-07-01T00:00:00Z')];
    expect(upcomingFirst(events, now).map((e) => e.id)).toEqual([2, 4, 3, 1]);
  });

  it('renders events and announcement bodies in UTC', () => {
    const rendered = eventElement({ ...event(7, '2026-12-10T18:00:00Z', '2026-12-10T20:00:00Z'), conferenceUrl: 'https://meet.jit.si/x' }, undefined, NS_EVENTS);
    expect(rendered.attrs).toEqual({ xmlns: NS_EVENTS, id: '7' });
    expect(rendered.getChild('creator')).toBeUndefined();
    expect(rendered.getChild('conference')?.attrs.url).toBe('https://meet.jit.si/x');
    expect(createdBody({ ...event(7, '2026-12-10T18:00:00Z', '2026-12-10T20:00:00Z'), title: 'AG' }, 'Anna')).toBe('📅 Nouvel événement / New event: AG — 2026-12-10 18:00 UTC → 2026-12-10 20:00 UTC (Anna)');
  });

  it('makes conference links nobody can guess', () => {
    const first = conferenceLink('https://meet.jit.si');
    expect(first).toMatch(/^https:\/\/meet\.jit\.si\/causerie-[0-9a-f]{32}$/);
    expect(conferenceLink('https://meet.jit.si')).not.toBe(first);
  });
});
