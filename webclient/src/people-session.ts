// The session's people side (split out of session.ts, same role: the only
// writer of these parts of the store): each room's group from its disco#info,
// the roster and contact presence (not for guests: no directory), and which
// real JID stands behind an occupant id.

import type { Connection } from './xmpp/connection.js';
import type { XmlElement } from './xmpp/xml.js';
import { x } from './xmpp/xml.js';
import { NS } from './xmpp/namespaces.js';
import { fetchRoomInfo } from './xmpp/room-info.js';
import { fetchRoster, readContactPresence, readRosterPush } from './xmpp/roster.js';
import type { Contact } from './xmpp/roster.js';
import { bareJid, resourceOf } from './xmpp/jid.js';
import type { Store } from './store.js';

export class PeopleSession {
  constructor(
    private store: Store,
    private conn: Connection,
  ) {
    conn.onIq((iq) => this.rosterPush(iq));
  }

  /** After sign-in (and after a new session): the roster, for people with a directory. */
  async start(): Promise<void> {
    this.store.set({ contactPresence: {} });
    if (this.store.state.isGuest) return;
    try {
      const contacts = await fetchRoster(this.conn);
      this.store.set({ roster: Object.fromEntries(contacts.map((c) => [c.jid, c])) });
    } catch {
      // No roster: the people list shows the people of the rooms.
    }
  }

  reset(): void {
    this.store.set({ roster: {}, contactPresence: {}, occupantJids: {}, roomPeople: {}, avatars: {} });
  }

  /** Reads the rooms' group and kind; a failure leaves the room in the "other rooms" section. */
  async describeRooms(rooms: readonly string[]): Promise<void> {
    await Promise.all(
      rooms.map(async (room) => {
        try {
          const info = await fetchRoomInfo(this.conn, room);
          this.store.room(room, (r) => ({ kind: info.kind, group: info.group, name: info.name ?? r.name }));
        } catch {
          /* not readable (yet): stays unsorted */
        }
      }),
    );
  }

  private rosterPush(iq: XmlElement): XmlElement | undefined {
    const changed = readRosterPush(iq, this.conn.jid);
    if (!changed) return undefined;
    const roster: Record<string, Contact> = { ...this.store.state.roster };
    for (const c of changed) {
      if (c.subscription === 'remove') delete roster[c.jid];
      else roster[c.jid] = c;
    }
    this.store.set({ roster });
    return x('iq', { type: 'result', id: iq.attrs.id });
  }

  /** Contact presence and occupant ids of room presence; returns true when the stanza was a contact's presence. */
  presence(stanza: XmlElement): boolean {
    const occupantId = stanza.child('occupant-id', NS.OCCUPANT_ID)?.attrs.id;
    const realJid = stanza.child('x', NS.MUC_USER)?.child('item')?.attrs.jid;
    if (occupantId && realJid && this.store.state.occupantJids[occupantId] !== bareJid(realJid)) {
      this.store.set({ occupantJids: { ...this.store.state.occupantJids, [occupantId]: bareJid(realJid) } });
    }
    const nick = resourceOf(stanza.attrs.from ?? '');
    if (realJid && nick && this.store.state.roomPeople[bareJid(realJid)] !== nick) {
      this.store.set({ roomPeople: { ...this.store.state.roomPeople, [bareJid(realJid)]: nick } });
    }
    const p = readContactPresence(stanza);
    if (!p) return false;
    const current = this.store.state.contactPresence;
    const resources = { ...(current[p.jid] ?? {}) };
    if (p.show === 'offline') delete resources[p.resource];
    else resources[p.resource] = p.show;
    this.store.set({ contactPresence: { ...current, [p.jid]: resources } });
    return true;
  }
}
