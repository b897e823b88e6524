// One account present in a room under a nickname, possibly from several
// sessions (XEP-0045 §7.2 "multi-session nicks"), with its XEP-0421 id.
// https://xmpp.org/extensions/xep-0421.html

import { createHmac } from 'node:crypto';
import type { Account } from '../../store/types.js';
import type { Rights } from '../../store/teamchat-types.js';
import type { MucAffiliation, MucOccupant, MucRole } from './muc-api.js';
import { affiliationOf, roleOf } from './roles.js';

/** Stable per room and account, unguessable without the node's secret. */
export function occupantIdFor(secret: Buffer, roomId: number, accountId: number): string {
  return createHmac('sha256', secret).update(`${roomId}:${accountId}`).digest('base64url').slice(0, 22);
}

export class Occupant implements MucOccupant {
  /** Changed only by LiveRoom.rename (a nick change, XEP-0045 §7.6). */
  nick: string;
  readonly account: Account;
  readonly occupantId: string;
  rights: Rights;
  role: MucRole;
  affiliation: MucAffiliation;
  /** Full JID → the presence it sent to the room (show/status). */
  readonly sessions = new Map<string, string>();

  constructor(nick: string, account: Account, occupantId: string, rights: Rights, archived: boolean, member: boolean) {
    this.nick = nick;
    this.account = account;
    this.occupantId = occupantId;
    this.rights = rights;
    this.role = roleOf(rights, archived);
    this.affiliation = affiliationOf(rights, member);
  }

  get fullJids(): readonly string[] {
    return [...this.sessions.keys()];
  }

  get bareJid(): string {
    return `${this.account.localpart}@${this.account.domain}`;
  }

  /** The same account under another nick, with the same rights (one of its sessions changing nick alone). */
  sibling(nick: string): Occupant {
    const other = new Occupant(nick, this.account, this.occupantId, this.rights, false, false);
    other.role = this.role;
    other.affiliation = this.affiliation;
    return other;
  }

  /** Updates rights; true when the role or affiliation changed. */
  update(rights: Rights, archived: boolean, member: boolean): boolean {
    const role = roleOf(rights, archived);
    const affiliation = affiliationOf(rights, member);
    const changed = role !== this.role || affiliation !== this.affiliation;
    this.rights = rights;
    this.role = role;
    this.affiliation = affiliation;
    return changed;
  }
}
