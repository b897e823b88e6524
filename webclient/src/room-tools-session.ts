// The session's room tools (split out of session.ts, same role: the only
// writer of these parts of the store): pins, events and video-call links,
// guest invitations, and the member list with removal.

import type { Connection } from './xmpp/connection.js';
import { x } from './xmpp/xml.js';
import { NS } from './xmpp/namespaces.js';
import { readRoomMessage } from './xmpp/messages.js';
import { removeMember, roomMembers } from './xmpp/muc.js';
import { createEvent, deleteEvent, listEvents, newConferenceLink } from './xmpp/room-events.js';
import type { NewEvent } from './xmpp/room-events.js';
import { inviteGuest, pendingInvitations, resendInvitation, revokeInvitation } from './xmpp/guests.js';
import { translate } from './i18n/index.js';
import type { Store } from './store.js';

export const NS_PINS = 'urn:causerie:pins:0';

export class RoomToolsSession {
  constructor(
    private store: Store,
    private conn: Connection,
    /** Posts a text message to a room the way the composer does. */
    private post: (room: string, body: string) => void,
    private sentence: (error: unknown) => string,
  ) {}

  /** Causerie pins (urn:causerie:pins:0): the room's pinned messages. */
  async fetchPins(room: string): Promise<void> {
    try {
      const iq = await this.conn.iq(x('iq', { type: 'get', to: room }, x('pins', { xmlns: NS_PINS })));
      const pins = (iq.child('pins', NS_PINS)?.childrenNamed('pin') ?? []).map((pin) => {
        const forwarded = pin.child('forwarded', NS.FORWARD);
        const stanza = forwarded?.child('message');
        const m = stanza ? readRoomMessage(stanza, room, forwarded?.child('delay', NS.DELAY)?.attrs.stamp) : undefined;
        const id = pin.attrs.id ?? '';
        return { ...(m ?? { room, nick: '', body: '', at: Date.parse(pin.attrs.at ?? '') || Date.now(), mine: false }), id, stanzaId: id };
      });
      this.store.room(room, () => ({ pins }));
    } catch {
      this.store.room(room, () => ({ pins: [] }));
    }
  }

  async setPinned(room: string, target: string, pinned: boolean): Promise<void> {
    await this.conn.iq(x('iq', { type: 'set', to: room }, x(pinned ? 'pin' : 'unpin', { xmlns: NS_PINS, id: target })));
    await this.fetchPins(room);
  }

  async refreshEvents(room: string): Promise<void> {
    try {
      const events = await listEvents(this.conn, room);
      this.store.room(room, () => ({ events }));
    } catch {
      this.store.room(room, () => ({ events: [] }));
    }
  }

  async createEvent(room: string, event: NewEvent): Promise<void> {
    await createEvent(this.conn, room, event);
    await this.refreshEvents(room);
  }

  /** "Start a conference": posts a fresh meeting link from the server as an ordinary (archived) room message. */
  async startConference(room: string): Promise<void> {
    try {
      const url = await newConferenceLink(this.conn, room);
      this.post(room, translate(this.store.state.lang, 'conference.message', { url }));
    } catch (error) {
      this.store.room(room, () => ({ error: this.sentence(error) }));
    }
  }

  async deleteEvent(room: string, id: string): Promise<void> {
    await deleteEvent(this.conn, room, id);
    await this.refreshEvents(room);
  }

  /** Invites someone by email (a guest account is made when they register). */
  async inviteByEmail(room: string, email: string): Promise<'sent' | 'member'> {
    try {
      return await inviteGuest(this.conn, room, email.trim(), this.store.state.lang);
    } finally {
      // Also after a delivery failure: the invitation is kept, marked failed, and can be resent.
      await Promise.all([this.refreshInvitations(room), this.refreshMembers(room).catch(() => undefined)]);
    }
  }

  /** The room's pending invitations; the server's `forbidden` (no invite right) sets canInvite false. */
  async refreshInvitations(room: string): Promise<void> {
    try {
      const invitations = await pendingInvitations(this.conn, room);
      this.store.room(room, () => ({ invitations, canInvite: true }));
    } catch (error) {
      const forbidden = (error as { condition?: string }).condition === 'forbidden';
      this.store.room(room, (r) => ({ invitations: [], canInvite: forbidden ? false : r.canInvite }));
    }
  }

  async resendInvitation(room: string, email: string): Promise<void> {
    try {
      await resendInvitation(this.conn, room, email);
    } finally {
      await this.refreshInvitations(room);
    }
  }

  async revokeInvitation(room: string, email: string): Promise<void> {
    await revokeInvitation(this.conn, room, email);
    await this.refreshInvitations(room);
  }

  async removeMember(room: string, jid: string): Promise<void> {
    await removeMember(this.conn, room, jid);
    await this.refreshMembers(room);
  }

  async refreshMembers(room: string): Promise<void> {
    const members = await roomMembers(this.conn, room);
    this.store.room(room, () => ({ members }));
  }
}
