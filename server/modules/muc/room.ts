// A room while it has occupants: who is there, under which nick, and the
// order its messages go out in (one chain per room, so every occupant sees
// the same order, which is also the archive order).
// https://xmpp.org/extensions/xep-0045.html#enter

import type { Account } from '../../store/types.js';
import type { Rights, Room } from '../../store/teamchat-types.js';
import type { Services } from '../../domain/index.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import { cloneElement } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { roomJid } from '../../domain/rooms.js';
import type { MucRoomHandle } from './muc-api.js';
import type { Occupant } from './occupant.js';

export class LiveRoom implements MucRoomHandle {
  room: Room;
  readonly jid: string;
  private readonly byNick = new Map<string, Occupant>();
  private readonly byFullJid = new Map<string, Occupant>();
  /** Joins under way: the registry keeps the room while one runs, even with no occupant yet. */
  joining = 0;
  /** Work that must run one at a time (joins, message admission). */
  private serialTail: Promise<unknown> = Promise.resolve();
  /** Broadcasts, in admission order, each after its archive write. */
  private deliveryTail: Promise<unknown> = Promise.resolve();
  private readonly services: Services;
  private readonly sessions: SessionRegistry;

  constructor(room: Room, services: Services, sessions: SessionRegistry) {
    this.room = room;
    this.jid = roomJid(room);
    this.services = services;
    this.sessions = sessions;
  }

  occupants(): Iterable<Occupant> {
    return this.byNick.values();
  }

  get size(): number {
    return this.byNick.size;
  }

  occupantByNick(nick: string): Occupant | undefined {
    return this.byNick.get(nick);
  }

  occupantOf(fullJid: string): Occupant | undefined {
    return this.byFullJid.get(fullJid);
  }

  occupantOfAccount(accountId: number): Occupant | undefined {
    for (const occupant of this.byNick.values()) if (occupant.account.id === accountId) return occupant;
    return undefined;
  }

  rightsOf(account: Account): Promise<Rights> {
    return this.services.rooms.rights(this.room, account);
  }

  add(occupant: Occupant, fullJid: string, presence: string): void {
    this.byNick.set(occupant.nick, occupant);
    occupant.sessions.set(fullJid, presence);
    this.byFullJid.set(fullJid, occupant);
  }

  /** Gives an occupant a new nick (XEP-0045 §7.6); the caller checked the nick is free. */
  rename(occupant: Occupant, nick: string): void {
    this.byNick.delete(occupant.nick);
    occupant.nick = nick;
    this.byNick.set(nick, occupant);
  }

  /** Removes one session; returns the occupant when it has no session left. */
  removeSession(fullJid: string): Occupant | undefined {
    const occupant = this.byFullJid.get(fullJid);
    if (!occupant) return undefined;
    this.byFullJid.delete(fullJid);
    occupant.sessions.delete(fullJid);
    if (occupant.sessions.size > 0) return undefined;
    this.byNick.delete(occupant.nick);
    return occupant;
  }

  removeOccupant(occupant: Occupant): void {
    for (const fullJid of occupant.sessions.keys()) this.byFullJid.delete(fullJid);
    occupant.sessions.clear();
    this.byNick.delete(occupant.nick);
  }

  /** Sends a copy to one full JID, if that session is still bound. */
  sendTo(fullJid: string, stanza: Element): void {
    const slash = fullJid.indexOf('/');
    if (slash < 0) return;
    const session = this.sessions.get(fullJid.slice(0, slash), fullJid.slice(slash + 1));
    if (!session) return;
    const copy = cloneElement(stanza);
    copy.attrs.to = fullJid;
    session.send(copy);
  }

  sendToOccupant(occupant: Occupant, stanza: Element): void {
    for (const fullJid of occupant.sessions.keys()) this.sendTo(fullJid, stanza);
  }

  broadcast(stanza: Element): void {
    for (const fullJid of this.byFullJid.keys()) this.sendTo(fullJid, stanza);
  }

  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.serialTail.then(task, task);
    this.serialTail = run.catch(() => undefined);
    return run;
  }

  /** Runs `deliver` once `committed` resolves and every earlier delivery ran. */
  afterCommit(committed: Promise<unknown>, deliver: () => void, failed: (error: unknown) => void): void {
    this.deliveryTail = this.deliveryTail.then(() => committed).then(deliver, failed);
  }
}
