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
import { fetchAvatar, photoUpdate, publishAvatar, readPhotoHash } from './xmpp/avatar.js';
import type { AvatarImage } from './xmpp/avatar.js';
import { NS_AVATAR_METADATA } from './xmpp/avatar.js';
import { answerDiscoInfo, capsElement, capsVer } from './xmpp/caps.js';

export class PeopleSession {
  /** Avatars asked for (bare JID → the XEP-0153 hash it was fetched for, '' when unknown). */
  private avatarAsked = new Map<string, string>();
  /** XEP-0115 verification string of this client, once computed. */
  private ver?: string;

  constructor(
    private store: Store,
    private conn: Connection,
  ) {
    conn.onIq((iq) => this.rosterPush(iq));
    conn.onIq((iq) => (this.ver ? answerDiscoInfo(iq, this.ver) : undefined));
  }

  /** My broadcast presence, with XEP-0115 caps so the server sends the PEP notifications the client wants. */
  async broadcastPresence(...extra: XmlElement[]): Promise<XmlElement> {
    this.ver ??= await capsVer();
    return x('presence', {}, capsElement(this.ver), ...extra);
  }

  /** A PEP avatar metadata notification (XEP-0084 §4.3): fetch that person's avatar again. True when handled. */
  message(stanza: XmlElement): boolean {
    const items = stanza.child('event', NS.PUBSUB_EVENT)?.child('items');
    if (!items || items.attrs.node !== NS_AVATAR_METADATA || !stanza.attrs.from) return false;
    void this.loadAvatar(bareJid(stanza.attrs.from), true);
    return true;
  }

  /** After sign-in (and after a new session): the roster, for people with a directory. */
  async start(): Promise<void> {
    this.store.set({ contactPresence: {} });
    void this.loadAvatar(bareJid(this.conn.jid), true);
    if (this.store.state.isGuest) return;
    try {
      const contacts = await fetchRoster(this.conn);
      this.store.set({ roster: Object.fromEntries(contacts.map((c) => [c.jid, c])) });
    } catch {
      // No roster: the people list shows the people of the rooms.
    }
  }

  reset(): void {
    this.avatarAsked.clear();
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

  /** Fetches a person's avatar once, or again when `again` (a presence said it may have changed). */
  private async loadAvatar(jid: string, again: boolean, hash = ''): Promise<void> {
    if (!jid || (this.avatarAsked.has(jid) && !again)) return;
    this.avatarAsked.set(jid, hash);
    const picture = await fetchAvatar(this.conn, jid);
    if (this.store.state.avatars[jid] !== picture) this.store.set({ avatars: { ...this.store.state.avatars, [jid]: picture } });
  }

  /** Publishes my avatar, then tells contacts (XEP-0153 hash) and my rooms (a presence update) so they fetch it again. */
  async setAvatar(image: AvatarImage, dataUrl: string): Promise<void> {
    const hash = await publishAvatar(this.conn, image);
    const me = bareJid(this.conn.jid);
    this.avatarAsked.set(me, hash);
    this.store.set({ avatars: { ...this.store.state.avatars, [me]: dataUrl } });
    this.conn.send(await this.broadcastPresence(photoUpdate(hash)));
    for (const room of Object.values(this.store.state.rooms)) {
      if (room.joined && room.nick) this.conn.send(x('presence', { to: `${room.jid}/${room.nick}` }, photoUpdate(hash)));
    }
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
    if (realJid && stanza.attrs.type === undefined) {
      // MUC repeats only show/status: a presence update from someone already in the room may be a new avatar.
      const already = this.store.state.rooms[bareJid(stanza.attrs.from ?? '')]?.occupants[resourceOf(stanza.attrs.from ?? '')] !== undefined;
      void this.loadAvatar(bareJid(realJid), already);
    }
    if (occupantId && realJid && this.store.state.occupantJids[occupantId] !== bareJid(realJid)) {
      this.store.set({ occupantJids: { ...this.store.state.occupantJids, [occupantId]: bareJid(realJid) } });
    }
    const nick = resourceOf(stanza.attrs.from ?? '');
    if (realJid && nick && this.store.state.roomPeople[bareJid(realJid)] !== nick) {
      this.store.set({ roomPeople: { ...this.store.state.roomPeople, [bareJid(realJid)]: nick } });
    }
    const p = readContactPresence(stanza);
    if (!p) return false;
    const hash = readPhotoHash(stanza);
    if (p.show !== 'offline') void this.loadAvatar(p.jid, hash !== undefined && hash !== this.avatarAsked.get(p.jid), hash);
    const current = this.store.state.contactPresence;
    const resources = { ...(current[p.jid] ?? {}) };
    if (p.show === 'offline') delete resources[p.resource];
    else resources[p.resource] = p.show;
    this.store.set({ contactPresence: { ...current, [p.jid]: resources } });
    return true;
  }
}
