// Guest invitations (issue 5, DESIGN.md "Guests"): a room member with the
// invite right invites an email address; an address that already belongs
// to an account makes that account a member instead. Otherwise a token
// (32 random bytes, base64url; only its SHA-256 is stored) goes out by
// mail, single use, expiring (guests.invitationTtlDays), revocable, bound
// to the address and the room; a new invitation replaces the old one.
// Registration: the form's data waits in guest_registrations until the
// address is verified through a second token; following it redeems the
// invitation with one conditional UPDATE and only then creates the account.

import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { escapeLocalpart } from '../core/jid-escape.js';
import type { Account, Repositories } from '../store/types.js';
import type { Room } from '../store/teamchat-types.js';
import type { Invitation } from '../store/invitations-repo.js';
import type { Services } from './index.js';
import { bareOf } from './accounts.js';
import { guestDisplayName } from './guests.js';
import type { GuestMailer, MailLanguage } from './guest-mail.js';
import { mailLanguage } from './guest-mail.js';
import { checkPasswordPolicy } from './password-policy.js';
import { deriveScramCredentials } from './scram-keys.js';

export interface InvitationSettings {
  guestDomain: string;
  ttlDays: number;
  perInviterPerHour: number;
  perRoomPerHour: number;
  /** Public base URL of the node (the registration pages live under it). */
  publicUrl: string;
  /** Login details for the welcome mail. */
  loginInfo(): Promise<{ webClientUrl: string; xmppHost: string; starttlsPort: number; directTlsPort: number }>;
}

export type InviteOutcome =
  | { kind: 'member-added'; account: Account }
  | { kind: 'invited'; invitation: Invitation }
  | { kind: 'delivery-failed'; invitation: Invitation; error: string };

/** What the registration page shows about a valid invitation. */
export interface InvitationView {
  invitation: Invitation;
  room: Room;
  inviterName: string;
  language: MailLanguage;
}

export const VERIFICATION_TTL_HOURS = 24;
/** Verification mails one invitation may cause per hour (the form can be sent again, not without bound). */
export const REGISTRATIONS_PER_HOUR = 5;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const NAME_MAX = 100;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function normaliseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('bad-request', `"${value}" is not a valid email address`, { appCondition: 'invalid-email' });
  return email;
}

function displayNameOf(account: Account): string {
  return account.displayName ?? (guestDisplayName(account.firstName, account.lastName) || bareOf(account));
}

function cleanName(value: string, label: string, appCondition: string): string {
  const name = value.trim();
  if (!name || [...name].length > NAME_MAX || /[\u0000-\u001f\u007f<>]/u.test(name)) throw new AppError('bad-request', `The ${label} must have 1 to ${NAME_MAX} characters, without < or >`, { appCondition });
  return name;
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;

export function createInvitationsService(deps: { services: Services; mailer: GuestMailer; settings: InvitationSettings }) {
  const { services, mailer, settings } = deps;
  const repos: Repositories = services.repos;
  const now = (): Date => services.clock.now();

  async function requireInviteRight(account: Account, room: Room): Promise<void> {
    if (!(await services.rooms.rights(room, account)).invite) throw new AppError('forbidden', `You need the invite right to invite people to ${room.name}`, { appCondition: 'no-invite-right' });
  }

  /** An account already known under this address: a regular account with that email, or the guest. */
  async function existingAccount(email: string): Promise<Account | undefined> {
    const guest = await repos.accounts.getByAddress(escapeLocalpart(email), settings.guestDomain);
    if (guest) return guest;
    const [owner] = await repos.accounts.findByEmail(email);
    return owner;
  }

  async function checkRateLimits(inviter: Account, room: Room): Promise<void> {
    const since = new Date(now().getTime() - 3_600_000);
    const byInviter = await repos.invitations.countSince({ inviterAccountId: inviter.id }, since);
    if (byInviter >= settings.perInviterPerHour) throw new AppError('resource-constraint', `You have sent ${byInviter} invitations (resends included) in the last hour, the most allowed; try again later`, { appCondition: 'invitation-rate-limited' });
    const byRoom = await repos.invitations.countSince({ roomId: room.id }, since);
    if (byRoom >= settings.perRoomPerHour) throw new AppError('resource-constraint', `${room.name} has had ${byRoom} invitations in the last hour, the most allowed; try again later`, { appCondition: 'invitation-rate-limited' });
  }

  /** Sends (or re-sends) the mail; records the outcome on the invitation. */
  async function deliver(invitation: Invitation, token: string, inviter: Account, room: Room): Promise<InviteOutcome> {
    try {
      await mailer.sendInvitation({
        to: invitation.email,
        language: mailLanguage(invitation.language),
        inviterName: displayNameOf(inviter),
        roomName: room.name,
        registrationUrl: `${settings.publicUrl}/register?token=${token}`,
        expiresAt: invitation.expiresAt,
      });
      await repos.invitations.setDelivery(invitation.id, 'sent', null);
      return { kind: 'invited', invitation: { ...invitation, deliveryStatus: 'sent', deliveryError: null } };
    } catch (cause) {
      const error = cause instanceof Error ? cause.message : String(cause);
      await repos.invitations.setDelivery(invitation.id, 'failed', error.slice(0, 1000));
      return { kind: 'delivery-failed', invitation: { ...invitation, deliveryStatus: 'failed', deliveryError: error }, error };
    }
  }

  function expiry(): Date {
    return new Date(now().getTime() + settings.ttlDays * 86_400_000);
  }

  async function activeFor(room: Room, email: string): Promise<Invitation> {
    const [invitation] = await repos.invitations.findActive({ roomId: room.id, email }, now());
    if (!invitation) throw new AppError('item-not-found', `There is no pending invitation of ${email} to ${room.name}`);
    return invitation;
  }

  /** Checks a registration link's token; the errors say why it cannot be used. */
  async function view(token: string): Promise<InvitationView> {
    if (!(await services.policies.isServiceRunning())) throw new AppError('service-unavailable', 'Registration is closed: the TeamChat service is stopped', { appCondition: 'registration-closed' });
    const invitation = /^[A-Za-z0-9_-]{43}$/.test(token) ? await repos.invitations.getByTokenHash(hashToken(token)) : undefined;
    if (!invitation) throw new AppError('item-not-found', 'This invitation link is not valid', { appCondition: 'invitation-unknown' });
    if (invitation.usedAt) throw new AppError('gone', 'This invitation has already been used', { appCondition: 'invitation-used' });
    if (invitation.revokedAt) throw new AppError('gone', 'This invitation was withdrawn', { appCondition: 'invitation-revoked' });
    if (invitation.expiresAt.getTime() <= now().getTime()) throw new AppError('gone', 'This invitation has expired', { appCondition: 'invitation-expired' });
    const room = await repos.rooms.get(invitation.roomId);
    if (!room || room.archived) throw new AppError('gone', 'The room of this invitation no longer exists', { appCondition: 'invitation-room-gone' });
    const inviter = invitation.inviterAccountId === null ? undefined : await repos.accounts.get(invitation.inviterAccountId);
    return { invitation, room, inviterName: inviter ? displayNameOf(inviter) : room.name, language: mailLanguage(invitation.language) };
  }

  return {
    hashToken,
    view,

    /** Invites `email` to `room` on behalf of `inviter` (invite right). */
    async invite(inviter: Account, room: Room, rawEmail: string, language?: string): Promise<InviteOutcome> {
      if (!(await services.policies.isServiceRunning())) throw new AppError('service-unavailable', 'The TeamChat service is stopped', { appCondition: 'service-stopped' });
      await requireInviteRight(inviter, room);
      const email = normaliseEmail(rawEmail);
      const known = await existingAccount(email);
      if (known) {
        if (await services.rooms.isMember(room, known)) throw new AppError('conflict', `${email} is already a member of ${room.name}`, { appCondition: 'already-member' });
        await services.rooms.addMember(inviter, room.id, known.id);
        return { kind: 'member-added', account: known };
      }
      await checkRateLimits(inviter, room);
      await repos.invitations.revokeActive(room.id, email, now());
      const token = newToken();
      const invitation = await repos.invitations.insert({
        tokenHash: hashToken(token), email, roomId: room.id, inviterAccountId: inviter.id, language: mailLanguage(language ?? inviter.language), createdAt: now(), expiresAt: expiry(),
      });
      return deliver(invitation, token, inviter, room);
    },

    /** A new link (new token, new expiry) for a pending invitation, e.g. after a delivery failure; a send like any other for the rate limits. */
    async resend(inviter: Account, room: Room, rawEmail: string): Promise<InviteOutcome> {
      await requireInviteRight(inviter, room);
      const invitation = await activeFor(room, normaliseEmail(rawEmail));
      await checkRateLimits(inviter, room);
      const token = newToken();
      const expiresAt = expiry();
      if (!(await repos.invitations.renew(invitation.id, hashToken(token), expiresAt, now(), inviter.id))) throw new AppError('item-not-found', 'That invitation is no longer pending');
      return deliver({ ...invitation, expiresAt }, token, inviter, room);
    },

    async revoke(inviter: Account, room: Room, rawEmail: string): Promise<void> {
      await requireInviteRight(inviter, room);
      const email = normaliseEmail(rawEmail);
      await activeFor(room, email);
      await repos.invitations.revokeActive(room.id, email, now());
    },

    /** Pending invitations of a room (invite right), newest first. */
    async pending(viewer: Account, room: Room): Promise<Invitation[]> {
      await requireInviteRight(viewer, room);
      return repos.invitations.findActive({ roomId: room.id }, now());
    },

    /**
     * The registration form: checks everything, keeps the data (password as
     * SCRAM secrets only) and mails a verification link to the invited address.
     */
    async register(token: string, form: { firstName: string; lastName: string; password: string; confirmation: string; language?: string }): Promise<{ email: string }> {
      const { invitation, room } = await view(token);
      const firstName = cleanName(form.firstName, 'first name', 'invalid-first-name');
      const lastName = cleanName(form.lastName, 'last name', 'invalid-last-name');
      if (form.password !== form.confirmation) throw new AppError('bad-request', 'The two passwords differ', { appCondition: 'password-mismatch' });
      checkPasswordPolicy(form.password);
      if (await repos.accounts.getByAddress(escapeLocalpart(invitation.email), settings.guestDomain)) throw new AppError('conflict', `${invitation.email} already has a guest account: log in with it`, { appCondition: 'already-guest' });
      const [scramSha1, scramSha256] = await Promise.all([
        deriveScramCredentials(form.password, 'sha1', services.scramIterations),
        deriveScramCredentials(form.password, 'sha256', services.scramIterations),
      ]);
      if ((await repos.invitations.countRegistrationsSince(invitation.id, new Date(now().getTime() - 3_600_000))) >= REGISTRATIONS_PER_HOUR) {
        throw new AppError('resource-constraint', `The form was sent ${REGISTRATIONS_PER_HOUR} times in the last hour: follow the link in one of the messages already sent, or try again later`, { appCondition: 'registration-rate-limited' });
      }
      const verification = newToken();
      const language = mailLanguage(form.language ?? invitation.language);
      const expiresAt = new Date(Math.min(now().getTime() + VERIFICATION_TTL_HOURS * 3_600_000, invitation.expiresAt.getTime()));
      await repos.invitations.insertRegistration({ invitationId: invitation.id, tokenHash: hashToken(verification), firstName, lastName, language, scramSha1, scramSha256, createdAt: now(), expiresAt });
      await mailer.sendVerification({ to: invitation.email, language, firstName, roomName: room.name, verificationUrl: `${settings.publicUrl}/register/verify?token=${verification}&lang=${language}`, expiresAt });
      return { email: invitation.email };
    },

    /**
     * The verification link was followed: redeem the invitation (one
     * conditional UPDATE), create the guest account, make it a member of the
     * room, and mail how to log in.
     */
    async verify(verificationToken: string): Promise<{ account: Account; room: Room; welcomeMailError: string | null }> {
      if (!(await services.policies.isServiceRunning())) throw new AppError('service-unavailable', 'Registration is closed: the TeamChat service is stopped', { appCondition: 'registration-closed' });
      const registration = /^[A-Za-z0-9_-]{43}$/.test(verificationToken) ? await repos.invitations.getRegistrationByTokenHash(hashToken(verificationToken)) : undefined;
      if (!registration) throw new AppError('item-not-found', 'This confirmation link is not valid', { appCondition: 'verification-unknown' });
      if (registration.usedAt) throw new AppError('gone', 'This confirmation link has already been used', { appCondition: 'verification-used' });
      if (registration.expiresAt.getTime() <= now().getTime()) throw new AppError('gone', 'This confirmation link has expired: fill in the form again from the invitation', { appCondition: 'verification-expired' });
      const invitation = await repos.invitations.get(registration.invitationId);
      const room = invitation ? await repos.rooms.get(invitation.roomId) : undefined;
      if (!invitation || !room) throw new AppError('gone', 'The room of this invitation no longer exists', { appCondition: 'invitation-room-gone' });
      if (!(await repos.invitations.redeem(invitation.id, now()))) {
        const fresh = await repos.invitations.get(invitation.id);
        if (fresh?.revokedAt) throw new AppError('gone', 'This invitation was withdrawn', { appCondition: 'invitation-revoked' });
        if (fresh?.usedAt) throw new AppError('gone', 'This invitation has already been used', { appCondition: 'invitation-used' });
        throw new AppError('gone', 'This invitation has expired', { appCondition: 'invitation-expired' });
      }
      const domain = await repos.domains.getByName(settings.guestDomain);
      let account: Account;
      try {
        if (!domain) throw new AppError('service-unavailable', 'The guest domain does not exist');
        account = await repos.accounts.insert({
          domainId: domain.id, localpart: escapeLocalpart(invitation.email), kind: 'guest', email: invitation.email, language: registration.language,
          firstName: registration.firstName, lastName: registration.lastName, displayName: guestDisplayName(registration.firstName, registration.lastName),
          scramSha1: registration.scramSha1, scramSha256: registration.scramSha256,
        });
      } catch (error) {
        // The address became a guest meanwhile (another invitation): the token stays usable for nothing else.
        await repos.invitations.release(invitation.id);
        if (error instanceof AppError && error.condition === 'conflict') throw new AppError('conflict', `${invitation.email} already has a guest account: log in with it`, { appCondition: 'already-guest' });
        throw error;
      }
      await repos.invitations.useRegistration(registration.id, now());
      await repos.invitations.setGuest(invitation.id, account.id);
      await repos.rooms.addMember(room.id, account.id, invitation.inviterAccountId);
      await services.events.publish('account-created', { accountId: account.id, jid: bareOf(account) });
      await services.events.publish('room-members-changed', { roomId: room.id, removed: [], added: [account.id] });
      const login = await settings.loginInfo();
      // The account exists whatever happens to this mail: the caller logs a failure, the page shows the same details.
      const welcomeMailError = await mailer
        .sendWelcome({ to: invitation.email, language: mailLanguage(registration.language), firstName: registration.firstName, roomName: room.name, jid: bareOf(account), ...login })
        .then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error)));
      return { account, room, welcomeMailError };
    },
  };
}
