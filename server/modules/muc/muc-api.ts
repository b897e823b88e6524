// The contract between the rooms service (server/modules/muc, XEP-0045) and
// the modules that extend rooms (room events, guests…). The message features
// (corrections, retractions, moderation, reactions, pins) live in this folder
// and are called directly (message-features.ts). Extensions
// hook the events declared in core/hooks.ts (`muc-message`, `muc-iq-get/…`,
// `muc-iq-set/…`) and act on rooms through these handles only.

import type { Element } from 'ltx';
import type { Account } from '../../store/types.js';
import type { Rights, Room } from '../../store/teamchat-types.js';

export type MucRole = 'moderator' | 'participant' | 'visitor' | 'none';
export type MucAffiliation = 'owner' | 'admin' | 'member' | 'none' | 'outcast';

export interface MucOccupant {
  /** The occupant's nickname in the room (room@service/nick). */
  readonly nick: string;
  readonly account: Account;
  /** Full JIDs of the account's sessions joined under this nick (multi-session). */
  readonly fullJids: readonly string[];
  readonly rights: Rights;
  readonly role: MucRole;
  readonly affiliation: MucAffiliation;
  /** XEP-0421 occupant id: stable per room and account, not guessable. */
  readonly occupantId: string;
}

export interface MucRoomHandle {
  readonly room: Room;
  /** room@conference.domain */
  readonly jid: string;
  occupants(): Iterable<MucOccupant>;
  occupantByNick(nick: string): MucOccupant | undefined;
  occupantOf(fullJid: string): MucOccupant | undefined;
  /** Rights of any account in this room (occupant or not). */
  rightsOf(account: Account): Promise<Rights>;
  /**
   * Sends a groupchat stanza from the room to every occupant (`from` must be
   * the room or an occupant JID; `to` is set per recipient). Callers archive
   * first when the stanza must be durable.
   */
  broadcast(stanza: Element): void;
}

/** Payload of `muc-message`: a groupchat message an occupant sent, before archiving and broadcast. */
export interface MucMessageEvent {
  room: MucRoomHandle;
  occupant: MucOccupant;
  stanza: Element;
  /** Registers a write the sender's acknowledgement must wait for. */
  durable(write: Promise<unknown>): void;
  /** Answers the sender with a stanza error (forbidden, not-acceptable…) and stops the message. */
  reject(condition: 'forbidden' | 'not-acceptable' | 'not-allowed' | 'item-not-found' | 'bad-request', text: string): void;
}

/** Payload of `muc-iq-get/<ns>:<name>` and `muc-iq-set/<ns>:<name>`: an iq addressed to the room's bare JID. */
export interface MucIqEvent {
  room: MucRoomHandle;
  account: Account;
  /** The requester's occupant, when joined. */
  occupant: MucOccupant | undefined;
  stanza: Element;
  /** Sends the iq result (with an optional payload). */
  result(payload?: Element): void;
  error(condition: 'forbidden' | 'not-acceptable' | 'not-allowed' | 'item-not-found' | 'bad-request' | 'service-unavailable', text: string): void;
}
