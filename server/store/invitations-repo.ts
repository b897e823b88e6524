// Guest invitations (`invitations`), each mail they cause
// (`invitation_sends`, for the rate limits) and the registrations waiting for
// their email to be verified (`guest_registrations`). Tokens arrive here already
// hashed. Redemption is one conditional UPDATE: of two concurrent attempts
// on one token, exactly one changes a row.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toDateOrNull, toNumber, toNumberOrNull, toStringOrNull, type Row } from './sql-values.js';
import type { ScramCredentials } from './types.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface Invitation {
  id: number;
  tokenHash: string;
  email: string;
  roomId: number;
  inviterAccountId: number | null;
  language: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  guestAccountId: number | null;
}

export interface NewInvitation {
  tokenHash: string;
  email: string;
  roomId: number;
  inviterAccountId: number;
  language: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface GuestRegistration {
  id: number;
  invitationId: number;
  tokenHash: string;
  firstName: string;
  lastName: string;
  language: string | null;
  scramSha1: ScramCredentials;
  scramSha256: ScramCredentials;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type NewGuestRegistration = Omit<GuestRegistration, 'id' | 'usedAt'>;

export interface InvitationsRepo {
  /** Inserts the invitation and records its first send (by its inviter, at its creation). */
  insert(invitation: NewInvitation): Promise<Invitation>;
  get(id: number): Promise<Invitation | undefined>;
  getByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  /** Not used, not revoked, not expired at `now`; newest first. */
  findActive(filter: { roomId: number; email?: string }, now: Date): Promise<Invitation[]>;
  /** Revokes the active invitations of an address to a room; returns how many. */
  revokeActive(roomId: number, email: string, now: Date): Promise<number>;
  /** A new token and expiry for an active invitation (resend by `sender`, recorded as a send); false when it is no longer active. */
  renew(id: number, tokenHash: string, expiresAt: Date, now: Date, sender: number): Promise<boolean>;
  setDelivery(id: number, status: DeliveryStatus, error: string | null): Promise<void>;
  /** Invitation mails (first sends and resends) since `since` by an inviter or for a room (rate limits). */
  countSince(filter: { inviterAccountId?: number; roomId?: number }, since: Date): Promise<number>;
  /** Marks the invitation used if it is still active: the one conditional update. */
  redeem(id: number, now: Date): Promise<boolean>;
  /** Undoes a redemption whose account could not be created. */
  release(id: number): Promise<void>;
  setGuest(id: number, accountId: number): Promise<void>;
  insertRegistration(registration: NewGuestRegistration): Promise<GuestRegistration>;
  getRegistrationByTokenHash(tokenHash: string): Promise<GuestRegistration | undefined>;
  /** Marks the registration used if it was not yet; false otherwise. */
  useRegistration(id: number, now: Date): Promise<boolean>;
  /** Registrations of an invitation created since `since` (a limit on verification mails). */
  countRegistrationsSince(invitationId: number, since: Date): Promise<number>;
  /** Deletes registrations (and the SCRAM secrets they hold) that expired before `before`; returns how many. */
  pruneRegistrations(before: Date): Promise<number>;
}

function toInvitation(row: Row): Invitation {
  return {
    id: toNumber(row.id),
    tokenHash: String(row.token_hash),
    email: String(row.email),
    roomId: toNumber(row.room_id),
    inviterAccountId: toNumberOrNull(row.inviter_account_id),
    language: toStringOrNull(row.language),
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    usedAt: toDateOrNull(row.used_at),
    revokedAt: toDateOrNull(row.revoked_at),
    deliveryStatus: String(row.delivery_status) as DeliveryStatus,
    deliveryError: toStringOrNull(row.delivery_error),
    guestAccountId: toNumberOrNull(row.guest_account_id),
  };
}

function scram(row: Row, prefix: string): ScramCredentials {
  return {
    salt: String(row[`${prefix}_salt`]),
    iterations: toNumber(row[`${prefix}_iterations`]),
    storedKey: String(row[`${prefix}_stored_key`]),
    serverKey: String(row[`${prefix}_server_key`]),
  };
}

function scramRow(prefix: string, value: ScramCredentials): Row {
  return { [`${prefix}_salt`]: value.salt, [`${prefix}_iterations`]: value.iterations, [`${prefix}_stored_key`]: value.storedKey, [`${prefix}_server_key`]: value.serverKey };
}

function toRegistration(row: Row): GuestRegistration {
  return {
    id: toNumber(row.id),
    invitationId: toNumber(row.invitation_id),
    tokenHash: String(row.token_hash),
    firstName: String(row.first_name),
    lastName: String(row.last_name),
    language: toStringOrNull(row.language),
    scramSha1: scram(row, 'scram_sha1'),
    scramSha256: scram(row, 'scram_sha256'),
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    usedAt: toDateOrNull(row.used_at),
  };
}

export function createInvitationsRepo(knex: Knex): InvitationsRepo {
  const get = async (id: number): Promise<Invitation | undefined> => {
    const row = (await knex('invitations').where({ id }).first()) as Row | undefined;
    return row === undefined ? undefined : toInvitation(row);
  };
  const active = (query: Knex.QueryBuilder, now: Date): Knex.QueryBuilder => query.whereNull('used_at').whereNull('revoked_at').where('expires_at', '>', now);

  return {
    get,

    async insert(invitation) {
      const id = await knex.transaction(async (trx) => {
        const inserted = insertedId(await withDbErrors('Invitation', () => trx('invitations').insert({
          token_hash: invitation.tokenHash,
          email: invitation.email,
          room_id: invitation.roomId,
          inviter_account_id: invitation.inviterAccountId,
          language: invitation.language,
          created_at: invitation.createdAt,
          expires_at: invitation.expiresAt,
          delivery_status: 'pending',
        })));
        await trx('invitation_sends').insert({ invitation_id: inserted, room_id: invitation.roomId, sender_account_id: invitation.inviterAccountId, sent_at: invitation.createdAt });
        return inserted;
      });
      return (await get(id)) as Invitation;
    },

    async getByTokenHash(tokenHash) {
      const row = (await knex('invitations').where({ token_hash: tokenHash }).first()) as Row | undefined;
      return row === undefined ? undefined : toInvitation(row);
    },

    async findActive(filter, now) {
      const query = active(knex('invitations').where({ room_id: filter.roomId }), now);
      if (filter.email !== undefined) query.where({ email: filter.email });
      return ((await query.orderBy('id', 'desc')) as Row[]).map(toInvitation);
    },

    async revokeActive(roomId, email, now) {
      return active(knex('invitations').where({ room_id: roomId, email }), now).update({ revoked_at: now });
    },

    async renew(id, tokenHash, expiresAt, now, sender) {
      return knex.transaction(async (trx) => {
        const row = (await active(trx('invitations').where({ id }), now).first('room_id')) as Row | undefined;
        if (row === undefined) return false;
        const changed = await active(trx('invitations').where({ id }), now).update({ token_hash: tokenHash, expires_at: expiresAt, delivery_status: 'pending', delivery_error: null });
        if (changed !== 1) return false;
        await trx('invitation_sends').insert({ invitation_id: id, room_id: toNumber(row.room_id), sender_account_id: sender, sent_at: now });
        return true;
      });
    },

    async setDelivery(id, status, error) {
      await knex('invitations').where({ id }).update({ delivery_status: status, delivery_error: error });
    },

    async countSince(filter, since) {
      const query = knex('invitation_sends').where('sent_at', '>=', since);
      if (filter.inviterAccountId !== undefined) query.where({ sender_account_id: filter.inviterAccountId });
      if (filter.roomId !== undefined) query.where({ room_id: filter.roomId });
      const row = (await query.count({ n: '*' }).first()) as Row | undefined;
      return toNumber(row?.n ?? 0);
    },

    async redeem(id, now) {
      return (await active(knex('invitations').where({ id }), now).update({ used_at: now })) === 1;
    },

    async release(id) {
      await knex('invitations').where({ id }).update({ used_at: null });
    },

    async setGuest(id, accountId) {
      await knex('invitations').where({ id }).update({ guest_account_id: accountId });
    },

    async insertRegistration(registration) {
      const id = insertedId(await withDbErrors('Registration', () => knex('guest_registrations').insert({
        invitation_id: registration.invitationId,
        token_hash: registration.tokenHash,
        first_name: registration.firstName,
        last_name: registration.lastName,
        language: registration.language,
        ...scramRow('scram_sha1', registration.scramSha1),
        ...scramRow('scram_sha256', registration.scramSha256),
        created_at: registration.createdAt,
        expires_at: registration.expiresAt,
      })));
      return toRegistration((await knex('guest_registrations').where({ id }).first()) as Row);
    },

    async getRegistrationByTokenHash(tokenHash) {
      const row = (await knex('guest_registrations').where({ token_hash: tokenHash }).first()) as Row | undefined;
      return row === undefined ? undefined : toRegistration(row);
    },

    async useRegistration(id, now) {
      return (await knex('guest_registrations').where({ id }).whereNull('used_at').update({ used_at: now })) === 1;
    },

    async countRegistrationsSince(invitationId, since) {
      const row = (await knex('guest_registrations').where({ invitation_id: invitationId }).where('created_at', '>=', since).count({ n: '*' }).first()) as Row | undefined;
      return toNumber(row?.n ?? 0);
    },

    async pruneRegistrations(before) {
      return knex('guest_registrations').where('expires_at', '<', before).delete();
    },
  };
}
