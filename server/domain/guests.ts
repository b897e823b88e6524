// Guest accounts, administrator side (issue 5): list, read, edit, reset the
// password of and delete guests — the accounts of kind 'guest' that live in
// guest domains (`config.guestDomain`, e.g. guests.example.org) and whose
// localpart is their email address escaped per XEP-0106.
//
// Used by the WebAdmin REST API as `services.guests`. Every function takes
// the acting `Actor` (server/domain/actor.ts) first. Rules:
//   - a server administrator may act on every guest;
//   - a domain administrator, on the guests of the guest domains it administers;
//   - anyone else gets AppError('forbidden').
// A guest that does not exist (or an id that is not a guest) is
// AppError('item-not-found'). Every change is written to the audit log
// (actions `guest.update`, `guest.password.reset`, `guest.delete`).
//
//   list(actor, { search?, limit?, offset?, domainId? }) → { guests: GuestSummary[], total }
//       search: case-insensitive substring of the address, names or email;
//       limit defaults to 50 (at most 500); ordered by domain then address.
//   get(actor, guestId) → GuestDetails (summary + the rooms it is a member of)
//   update(actor, guestId, { firstName?, lastName?, description? }) → GuestDetails
//       undefined leaves a field as is, null or '' clears it; the display
//       name follows "first last".
//   resetPassword(actor, guestId, password?) → { password }
//       with no password, a random one (20 characters) is generated and
//       returned once, to hand to the guest; the password policy applies.
//       The guest's open sessions end (it must log in with the new one): at
//       once here when this process runs a node, and on every node through
//       the `password-changed` event (the guests module reacts to it).
//   delete(actor, guestId) → void
//       sessions end at once on this node (SessionGateway port) and on the
//       others (the `account-deleted` domain event every node follows); the
//       guest leaves every room (`room-members-changed`); its messages stay
//       in the rooms' archives under its name (archive rows keep sender_name).

import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { unescapeLocalpart } from '../core/jid-escape.js';
import type { Account, Domain, Repositories } from '../store/types.js';
import type { Actor } from './actor.js';
import type { AccountsService } from './accounts.js';
import { bareOf } from './accounts.js';
import type { AuditTrail } from './audit.js';
import { isDomainAdmin } from './authorization.js';
import type { DomainEvents } from './domain-events.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { SessionGateway } from './ports.js';
import { roomJid } from './rooms.js';

export interface GuestSummary {
  id: number;
  /** The guest's bare JID, e.g. `jean\40exemple.fr@guests.example.org`. */
  jid: string;
  domainId: number;
  domain: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  description: string | null;
  language: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
  createdAt: Date;
}

export interface GuestRoom {
  id: number;
  jid: string;
  name: string;
}

export interface GuestDetails extends GuestSummary {
  rooms: GuestRoom[];
}

export interface GuestListQuery {
  search?: string;
  limit?: number;
  offset?: number;
  /** Restricts to one guest domain (required for an actor administering several guest domains but not the server). */
  domainId?: number;
}

export interface GuestPatch {
  firstName?: string | null;
  lastName?: string | null;
  description?: string | null;
}

export const GUEST_LIST_DEFAULT_LIMIT = 50;
export const GUEST_LIST_MAX_LIMIT = 500;
const NAME_MAX = 100;
const DESCRIPTION_MAX = 2000;

export interface GuestsDeps {
  repos: Repositories;
  events: DomainEvents;
  audit: AuditTrail;
  accounts: AccountsService;
  sessions: () => SessionGateway | undefined;
}

export type GuestsService = ReturnType<typeof createGuestsService>;

export function toGuestSummary(account: Account): GuestSummary {
  return {
    id: account.id,
    jid: bareOf(account),
    domainId: account.domainId,
    domain: account.domain,
    email: account.email ?? unescapeLocalpart(account.localpart),
    firstName: account.firstName,
    lastName: account.lastName,
    displayName: account.displayName,
    description: account.description,
    language: account.language,
    disabled: account.disabled,
    lastLoginAt: account.lastLoginAt,
    lastLoginIp: account.lastLoginIp,
    createdAt: account.createdAt,
  };
}

function cleanText(value: string | null | undefined, max: number, label: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  if ([...trimmed].length > max) throw new AppError('bad-request', `The ${label} must have at most ${max} characters`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(trimmed)) throw new AppError('bad-request', `The ${label} must not contain control characters`);
  return trimmed === '' ? null : trimmed;
}

/** "First Last", or null when neither is set. */
export function guestDisplayName(firstName: string | null, lastName: string | null): string | null {
  const name = [firstName, lastName].filter((part): part is string => !!part).join(' ');
  return name === '' ? null : name;
}

/** A random password that satisfies the policy: 20 characters from a 64-letter alphabet (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export function createGuestsService(deps: GuestsDeps) {
  const { repos, events, audit, accounts } = deps;

  async function guestDomains(actor: Actor): Promise<Domain[]> {
    return (await repos.domains.find()).filter((domain) => domain.kind === 'guest' && isDomainAdmin(actor, domain.id));
  }

  /** The guest, if the actor may manage it; forbidden otherwise (item-not-found for unknown ids or non-guests). */
  async function requireGuest(actor: Actor, guestId: number): Promise<Account> {
    const account = await repos.accounts.get(guestId);
    if (!account || account.kind !== 'guest') throw new AppError('item-not-found', 'No such guest');
    if (!isDomainAdmin(actor, account.domainId)) throw new AppError('forbidden', `Only an administrator of ${account.domain} may manage its guests`);
    return account;
  }

  async function roomsOf(account: Account): Promise<GuestRoom[]> {
    const ids = await repos.rooms.roomsWithMember(account.id);
    if (ids.length === 0) return [];
    const rooms = await repos.rooms.find({ ids });
    return rooms.map((room) => ({ id: room.id, jid: roomJid(room), name: room.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  async function details(account: Account): Promise<GuestDetails> {
    return { ...toGuestSummary(account), rooms: await roomsOf(account) };
  }

  return {
    async list(actor: Actor, query: GuestListQuery = {}): Promise<{ guests: GuestSummary[]; total: number }> {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? GUEST_LIST_DEFAULT_LIMIT), 1), GUEST_LIST_MAX_LIMIT);
      const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
      const search = query.search?.trim() || undefined;
      let domainId = query.domainId;
      if (domainId !== undefined) {
        if (!isDomainAdmin(actor, domainId)) throw new AppError('forbidden', 'Only an administrator of this domain may list its guests');
      } else if (!actor.serverAdmin) {
        const domains = await guestDomains(actor);
        if (domains.length === 0) throw new AppError('forbidden', 'Only a server administrator or an administrator of a guest domain may list guests');
        if (domains.length > 1) throw new AppError('bad-request', 'You administer several guest domains: choose one (domainId)');
        domainId = (domains[0] as Domain).id;
      }
      const filter = { kind: 'guest' as const, ...(domainId !== undefined ? { domainId } : {}), ...(search ? { search } : {}) };
      const [guests, total] = await Promise.all([repos.accounts.find({ ...filter, limit, offset }), repos.accounts.count(filter)]);
      return { guests: guests.map(toGuestSummary), total };
    },

    async get(actor: Actor, guestId: number): Promise<GuestDetails> {
      return details(await requireGuest(actor, guestId));
    },

    async update(actor: Actor, guestId: number, patch: GuestPatch): Promise<GuestDetails> {
      const guest = await requireGuest(actor, guestId);
      const firstName = cleanText(patch.firstName, NAME_MAX, 'first name');
      const lastName = cleanText(patch.lastName, NAME_MAX, 'last name');
      const description = cleanText(patch.description, DESCRIPTION_MAX, 'description');
      const next = {
        firstName: firstName === undefined ? guest.firstName : firstName,
        lastName: lastName === undefined ? guest.lastName : lastName,
        description: description === undefined ? guest.description : description,
      };
      const updated = await repos.accounts.update(guest.id, { ...next, displayName: guestDisplayName(next.firstName, next.lastName) });
      if (!updated) throw new AppError('item-not-found', 'No such guest');
      await audit(actor, 'guest.update', { type: 'account', id: guest.id }, { jid: bareOf(guest), ...next });
      return details(updated);
    },

    async resetPassword(actor: Actor, guestId: number, password?: string): Promise<{ password: string }> {
      const guest = await requireGuest(actor, guestId);
      const chosen = password ?? generatePassword();
      checkPasswordPolicy(chosen);
      await accounts.setPassword(bareOf(guest), chosen);
      deps.sessions()?.disconnect(bareOf(guest), 'your password was reset by an administrator');
      await audit(actor, 'guest.password.reset', { type: 'account', id: guest.id }, { jid: bareOf(guest), generated: password === undefined });
      return { password: chosen };
    },

    async delete(actor: Actor, guestId: number): Promise<void> {
      const guest = await requireGuest(actor, guestId);
      const jid = bareOf(guest);
      const rooms = await repos.rooms.roomsWithMember(guest.id);
      // End this node's sessions before anything else; other nodes follow the event.
      deps.sessions()?.disconnect(jid, 'your guest account was deleted');
      await accounts.delete(jid);
      await audit(actor, 'guest.delete', { type: 'account', id: guest.id }, { jid, email: guest.email });
      for (const roomId of rooms) await events.publish('room-members-changed', { roomId, removed: [guest.id] });
    },
  };
}
