// Tells a room's occupants that an event was created or deleted: a
// groupchat message from the room carrying the event element, with a plain
// body (French, then English) for clients that do not know the namespace.

import { randomUUID } from 'node:crypto';
import type { MucRoomHandle } from '../muc/muc-api.js';
import type { RoomEvent } from '../../store/room-events-repo.js';
import { el } from '../../xmpp/stanza.js';
import { NS_EVENTS, eventElement } from './codec.js';

/** `2026-12-10 18:00 UTC`: unambiguous in every client and locale. */
function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function createdBody(event: RoomEvent, by: string): string {
  const span = event.endsAt ? `${when(event.startsAt)} → ${when(event.endsAt)}` : when(event.startsAt);
  const lines = [`📅 Nouvel événement / New event: ${event.title} — ${span} (${by})`];
  if (event.description) lines.push(event.description);
  if (event.conferenceUrl) lines.push(`Visioconférence / Video conference: ${event.conferenceUrl}`);
  return lines.join('\n');
}

export function announceCreated(room: MucRoomHandle, event: RoomEvent, creator: string, by: string): void {
  room.broadcast(
    el(
      'message',
      { type: 'groupchat', from: room.jid, id: randomUUID() },
      el('body', null, createdBody(event, by)),
      el('created', { xmlns: NS_EVENTS }, eventElement(event, creator)),
      // XEP-0334: the list query is the record; this notice need not be stored.
      el('no-store', { xmlns: 'urn:xmpp:hints' }),
    ),
  );
}

export function announceDeleted(room: MucRoomHandle, event: RoomEvent, by: string): void {
  room.broadcast(
    el(
      'message',
      { type: 'groupchat', from: room.jid, id: randomUUID() },
      el('body', null, `🗑 Événement annulé / Event cancelled: ${event.title} — ${when(event.startsAt)} (${by})`),
      el('deleted', { xmlns: NS_EVENTS, id: String(event.id) }),
      el('no-store', { xmlns: 'urn:xmpp:hints' }),
    ),
  );
}
