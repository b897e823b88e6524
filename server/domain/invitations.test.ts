// The invitations service over real repositories (SQLite), with a mailer
// that records what would be sent (and can be told to fail): rights, the
// existing-account shortcut, tokens (hashed, single use, expiring,
// revocable, replaced), rate limits, delivery failure and resend, and the
// registration/verification steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, rejection, type TeamChatKit } from '../testing/teamchat-kit.js';
import type { Account, Domain } from '../store/types.js';
import type { Room } from '../store/teamchat-types.js';
import { escapeLocalpart } from '../core/jid-escape.js';
import type { GuestMailer, InvitationMail, VerificationMail, WelcomeMail } from './guest-mail.js';
import { createInvitationsService, hashToken, type InvitationsService } from './invitations.js';
import { passwordMatches } from './scram-keys.js';
import type { Clock } from './ports.js';
import { createServices, type Services } from './index.js';
import { ADMINISTRATOR } from './rights-model.js';
import { SYSTEM_ACTOR } from './actor.js';

class RecordingMailer implements GuestMailer {
  invitations: InvitationMail[] = [];
  verifications: VerificationMail[] = [];
  welcomes: WelcomeMail[] = [];
  failWith: string | null = null;
  async sendInvitation(mail: InvitationMail): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.invitations.push(mail);
  }
  async sendVerification(mail: VerificationMail): Promise<void> {
    this.verifications.push(mail);
  }
  async sendWelcome(mail: WelcomeMail): Promise<void> {
    this.welcomes.push(mail);
  }
  lastToken(): string {
    return new URL(this.invitations.at(-1)!.registrationUrl).searchParams.get('token')!;
  }
  lastVerification(): string {
    return new URL(this.verifications.at(-1)!.verificationUrl).searchParams.get('token')!;
  }
}

describe('invitations service', () => {
  let kit: TeamChatKit;
  let domain: Domain;
  let guestDomain: Domain;
  let owner: Account;
  let room: Room;
  let mailer: RecordingMailer;
  let invitations: InvitationsService;
  let services: Services;
  let time = Date.parse('2026-11-23T12:00:00Z');
  const clock: Clock = { now: () => new Date(time) };
  let serial = 0;
  const email = (): string => `visitor${++serial}@exemple.fr`;

  beforeAll(async () => {
    kit = await openTeamChatKit();
    domain = await kit.domain();
    guestDomain = await kit.domain({ kind: 'guest' });
    owner = await kit.account(domain.id, { displayName: 'Alice Martin' });
    services = createServices({ repos: kit.repos, clock, scramIterations: 4096 });
    room = await services.rooms.createPrivateRoom(owner, 'Projet Alpha');
    mailer = new RecordingMailer();
    invitations = createInvitationsService({
      services,
      mailer,
      settings: {
        guestDomain: guestDomain.name, ttlDays: 7, perInviterPerHour: 5, perRoomPerHour: 8, publicUrl: 'https://chat.test',
        loginInfo: async () => ({ webClientUrl: 'https://chat.test/', xmppHost: 'chat.test', starttlsPort: 5222, directTlsPort: 5223 }),
      },
    });
  });
  afterAll(async () => {
    await kit.close();
  });

  it('mails a 256-bit token stored only as its SHA-256; the link opens the registration', async () => {
    const address = email();
    const outcome = await invitations.invite(owner, room, ` ${address.toUpperCase()} `, 'en');
    expect(outcome.kind).toBe('invited');
    const mail = mailer.invitations.at(-1)!;
    expect(mail).toMatchObject({ to: address, language: 'en', inviterName: 'Alice Martin', roomName: 'Projet Alpha' });
    const token = mailer.lastToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await kit.knex('invitations').where({ email: address });
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(rows[0].delivery_status).toBe('sent');
    expect((await invitations.view(token)).room.id).toBe(room.id);
    expect((await rejection(invitations.view(token.slice(0, -2) + 'AA'))).appCondition).toBe('invitation-unknown');
  });

  it('expires invitations after the configured number of days, for new links and resends alike', async () => {
    const threeDays = createInvitationsService({
      services, mailer,
      settings: { guestDomain: guestDomain.name, ttlDays: 3, perInviterPerHour: 50, perRoomPerHour: 50, publicUrl: 'https://chat.test', loginInfo: async () => ({ webClientUrl: '', xmppHost: '', starttlsPort: 5222, directTlsPort: 5223 }) },
    });
    // An inviter and a room of their own: the other tests' hourly limits stay untouched.
    const host = await kit.account(domain.id);
    const place = await services.rooms.createPrivateRoom(host, 'Trois jours');
    const address = email();
    const invited = await threeDays.invite(host, place, address);
    expect(invited.kind === 'invited' && invited.invitation.expiresAt.getTime()).toBe(time + 3 * 86_400_000);
    expect(mailer.invitations.at(-1)!.expiresAt.getTime()).toBe(time + 3 * 86_400_000);
    time += 86_400_000;
    try {
      const resent = await threeDays.resend(host, place, address);
      expect(resent.kind === 'invited' && resent.invitation.expiresAt.getTime()).toBe(time + 3 * 86_400_000);
      const token = mailer.lastToken();
      time += 3 * 86_400_000 - 1000;
      expect((await threeDays.view(token)).invitation.email).toBe(address);
      time += 1000;
      expect((await rejection(threeDays.view(token))).appCondition).toBe('invitation-expired');
    } finally {
      time -= 4 * 86_400_000;
    }
  });

  it('refuses an inviter without the invite right', async () => {
    const outsider = await kit.account(domain.id);
    const error = await rejection(invitations.invite(outsider, room, email()));
    expect(error).toMatchObject({ condition: 'forbidden', appCondition: 'no-invite-right' });
  });

  it('adds an existing account (by its email, or an existing guest) as a member instead of mailing', async () => {
    const before = mailer.invitations.length;
    const colleague = await kit.account(domain.id, { email: 'colleague@exemple.org' });
    expect(await invitations.invite(owner, room, 'Colleague@Exemple.org')).toMatchObject({ kind: 'member-added', account: { id: colleague.id } });
    const guestEmail = email();
    const guest = await kit.account(guestDomain.id, { kind: 'guest', localpart: escapeLocalpart(guestEmail), email: guestEmail });
    expect(await invitations.invite(owner, room, guestEmail)).toMatchObject({ kind: 'member-added', account: { id: guest.id } });
    expect(mailer.invitations.length).toBe(before);
    expect(await kit.repos.rooms.members(room.id)).toEqual(expect.arrayContaining([colleague.id, guest.id]));
    expect((await rejection(invitations.invite(owner, room, guestEmail))).appCondition).toBe('already-member');
  });

  it('finds the account of an address exactly, however many other addresses contain it', async () => {
    // Sorted before the owner (localpart 'a…' vs 'z…'): a substring search limited to a page would miss it.
    for (let i = 0; i < 55; i++) await kit.account(domain.id, { localpart: `a-lookalike-${i}`, email: `x${i}.partner@exemple.org` });
    const partner = await kit.account(domain.id, { localpart: 'z-partner', email: 'Partner@Exemple.org' });
    expect(await invitations.invite(owner, room, 'partner@exemple.org')).toMatchObject({ kind: 'member-added', account: { id: partner.id } });
  });

  it('a new invitation replaces the old; revoked and expired links are refused with their reason', async () => {
    const address = email();
    await invitations.invite(owner, room, address);
    const first = mailer.lastToken();
    await invitations.invite(owner, room, address);
    const second = mailer.lastToken();
    expect((await rejection(invitations.view(first))).appCondition).toBe('invitation-revoked');
    expect((await invitations.pending(owner, room)).filter((i) => i.email === address)).toHaveLength(1);
    await invitations.revoke(owner, room, address);
    expect((await rejection(invitations.view(second))).appCondition).toBe('invitation-revoked');
    expect((await rejection(invitations.revoke(owner, room, address))).condition).toBe('item-not-found');
    const later = email();
    await invitations.invite(owner, room, later);
    const token = mailer.lastToken();
    time += 8 * 86_400_000;
    try {
      expect((await rejection(invitations.view(token))).appCondition).toBe('invitation-expired');
    } finally {
      time -= 8 * 86_400_000;
    }
  });

  it('rate-limits per inviter with a clear error', async () => {
    const other = await kit.account(domain.id);
    const busy = await kit.services.rooms.createPrivateRoom(other, 'Busy');
    time += 2 * 3_600_000; // out of the earlier tests' hour
    for (let i = 0; i < 5; i++) await invitations.invite(other, busy, email());
    const error = await rejection(invitations.invite(other, busy, email()));
    expect(error).toMatchObject({ condition: 'resource-constraint', appCondition: 'invitation-rate-limited' });
    expect(error.message).toMatch(/last hour/);
    time += 3_601_000; // the oldest ones leave the rolling hour
    expect((await invitations.invite(other, busy, email())).kind).toBe('invited');
  });

  it('counts resends in the rate limits: resending the same invitation cannot bypass them', async () => {
    const sender = await kit.account(domain.id);
    const busy = await services.rooms.createPrivateRoom(sender, 'Resends');
    const address = email();
    await invitations.invite(sender, busy, address);
    for (let i = 0; i < 4; i++) expect((await invitations.resend(sender, busy, address)).kind).toBe('invited');
    const sent = mailer.invitations.length;
    const error = await rejection(invitations.resend(sender, busy, address));
    expect(error).toMatchObject({ condition: 'resource-constraint', appCondition: 'invitation-rate-limited' });
    expect(error.message).toMatch(/5 invitations \(resends included\) in the last hour/);
    expect(mailer.invitations.length).toBe(sent);
    // The refused resend left the last link working.
    expect((await invitations.view(mailer.lastToken())).invitation.email).toBe(address);
  });

  it('rate-limits per room across inviters with a clear error', async () => {
    const first = await kit.account(domain.id);
    const second = await kit.account(domain.id);
    const crowded = await services.rooms.createPrivateRoom(first, 'Crowded');
    await kit.repos.rooms.addMember(crowded.id, second.id, first.id);
    await services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: crowded.id }, { type: 'account', accountId: second.id }, ADMINISTRATOR);
    for (let i = 0; i < 5; i++) await invitations.invite(first, crowded, email());
    for (let i = 0; i < 3; i++) await invitations.invite(second, crowded, email());
    const error = await rejection(invitations.invite(second, crowded, email()));
    expect(error).toMatchObject({ condition: 'resource-constraint', appCondition: 'invitation-rate-limited' });
    expect(error.message).toBe('Crowded has had 8 invitations in the last hour, the most allowed; try again later');
  });

  it('records a delivery failure, tells the inviter, and resends with a new link', async () => {
    const address = email();
    mailer.failWith = '550 5.1.1 mailbox unavailable';
    const outcome = await invitations.invite(owner, room, address);
    mailer.failWith = null;
    expect(outcome).toMatchObject({ kind: 'delivery-failed', error: '550 5.1.1 mailbox unavailable' });
    const [row] = await kit.knex('invitations').where({ email: address });
    expect(row).toMatchObject({ delivery_status: 'failed', delivery_error: '550 5.1.1 mailbox unavailable' });
    expect((await invitations.resend(owner, room, address)).kind).toBe('invited');
    expect(mailer.invitations.at(-1)!.to).toBe(address);
    expect((await invitations.view(mailer.lastToken())).invitation.deliveryStatus).toBe('sent');
  });

  it('registers only after the address is verified; the token then works once', async () => {
    const address = email();
    await invitations.invite(owner, room, address, 'fr');
    const token = mailer.lastToken();
    const form = { firstName: 'Jean', lastName: 'Dupont', password: 'motdepasse-solide', confirmation: 'motdepasse-solide' };
    expect((await rejection(invitations.register(token, { ...form, confirmation: 'autre chose' }))).appCondition).toBe('password-mismatch');
    expect((await rejection(invitations.register(token, { ...form, password: 'court', confirmation: 'court' }))).appCondition).toBe('weak-password');
    expect(await invitations.register(token, form)).toEqual({ email: address });
    expect(await kit.repos.accounts.getByAddress(escapeLocalpart(address), guestDomain.name)).toBeUndefined();
    const verification = mailer.lastVerification();
    const { account, room: joined, welcomeMailError } = await invitations.verify(verification);
    expect(welcomeMailError).toBeNull();
    expect(joined.id).toBe(room.id);
    expect(account).toMatchObject({ kind: 'guest', localpart: escapeLocalpart(address), domain: guestDomain.name, email: address, firstName: 'Jean', lastName: 'Dupont', displayName: 'Jean Dupont' });
    expect(await passwordMatches('motdepasse-solide', account.scramSha256!, 'sha256')).toBe(true);
    expect(await kit.repos.rooms.members(room.id)).toContain(account.id);
    expect(mailer.welcomes.at(-1)).toMatchObject({ to: address, jid: `${escapeLocalpart(address)}@${guestDomain.name}`, language: 'fr' });
    expect((await rejection(invitations.verify(verification))).appCondition).toBe('verification-used');
    expect((await rejection(invitations.view(token))).appCondition).toBe('invitation-used');
  });

  it('two concurrent verifications of one invitation create exactly one account', async () => {
    const address = email();
    await invitations.invite(owner, room, address);
    const token = mailer.lastToken();
    const form = { firstName: 'Léa', lastName: 'Roux', password: 'un-mot-de-passe', confirmation: 'un-mot-de-passe' };
    await invitations.register(token, form);
    const a = mailer.lastVerification();
    await invitations.register(token, form);
    const b = mailer.lastVerification();
    for (let i = 0; i < 3; i++) await invitations.register(token, form);
    expect((await rejection(invitations.register(token, form))).appCondition).toBe('registration-rate-limited');
    const results = await Promise.allSettled([invitations.verify(a), invitations.verify(b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await kit.repos.accounts.find({ search: address })).toHaveLength(1);
  });

  it('refuses an address that is already a guest, and registration while TeamChat is stopped', async () => {
    const address = email();
    await invitations.invite(owner, room, address);
    const token = mailer.lastToken();
    await kit.account(guestDomain.id, { kind: 'guest', localpart: escapeLocalpart(address), email: 'other@exemple.fr' });
    const form = { firstName: 'A', lastName: 'B', password: 'long-enough-pw', confirmation: 'long-enough-pw' };
    expect((await rejection(invitations.register(token, form))).appCondition).toBe('already-guest');
    await kit.services.policies.setServiceRunning(SYSTEM_ACTOR, false);
    try {
      const closed = createInvitationsService({ services: kit.freshServices(), mailer, settings: { guestDomain: guestDomain.name, ttlDays: 7, perInviterPerHour: 5, perRoomPerHour: 5, publicUrl: 'https://chat.test', loginInfo: async () => ({ webClientUrl: '', xmppHost: '', starttlsPort: 5222, directTlsPort: 5223 }) } });
      expect(await rejection(closed.view(token))).toMatchObject({ condition: 'service-unavailable', appCondition: 'registration-closed' });
    } finally {
      await kit.services.policies.setServiceRunning(SYSTEM_ACTOR, true);
    }
  });
});
