// The rooms with occupants on this node, by id and by address. Rooms are
// loaded from the domain layer when first joined and dropped when empty.

import type { Services } from '../../domain/index.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import type { Room } from '../../store/teamchat-types.js';
import { LiveRoom } from './room.js';

export class RoomRegistry {
  private readonly byId = new Map<number, LiveRoom>();
  private readonly services: Services;
  private readonly sessions: SessionRegistry;

  constructor(services: Services, sessions: SessionRegistry) {
    this.services = services;
    this.sessions = sessions;
  }

  live(roomId: number): LiveRoom | undefined {
    return this.byId.get(roomId);
  }

  all(): LiveRoom[] {
    return [...this.byId.values()];
  }

  /** The live room for a stored room (created on first use). */
  attach(room: Room): LiveRoom {
    let live = this.byId.get(room.id);
    if (!live) {
      live = new LiveRoom(room, this.services, this.sessions);
      this.byId.set(room.id, live);
    } else live.room = room;
    return live;
  }

  /** The room at localpart@service, live or stored; undefined when it does not exist. */
  async find(localpart: string, service: string): Promise<LiveRoom | undefined> {
    for (const live of this.byId.values()) if (live.jid === `${localpart}@${service}`) return live;
    const room = await this.services.rooms.getByJid(localpart, service);
    return room ? new LiveRoom(room, this.services, this.sessions) : undefined;
  }

  dropIfEmpty(live: LiveRoom): void {
    if (live.size === 0 && live.joining === 0 && this.byId.get(live.room.id) === live) this.byId.delete(live.room.id);
  }

  forget(roomId: number): void {
    this.byId.delete(roomId);
  }
}
