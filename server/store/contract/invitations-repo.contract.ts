// Contract for InvitationsRepo (run on every database by describeAllRepos):
// active invitations, replacement, renewal, rate-limit counts (first sends
// and resends), and the
// single conditional UPDATE that redeems a token exactly once.
import { describe, expect, it } from 'vitest';
import { createAccount, createDomain, scram, uniqueName, useStore, type MakeStore } from './fixtures.js';

export function describeInvitationsRepo(make: MakeStore): void {
  describe('InvitationsRepo', () => {
    const store = useStore(make);
    const t0 = new Date('2026-11-23T10:00:00.000Z');
    const later = (ms: number): Date => new Date(t0.getTime() + ms);

    async function setup() {
      const { repos } = store();
      const domain = await createDomain(repos);
      const inviter = await createAccount(repos, domain.id);
      const room = await repos.rooms.insert({ domainId: domain.id, localpart: uniqueName('r'), name: 'Room', kind: 'private', createdBy: inviter.id });
      const invite = (email: string, at = t0) =>
        repos.invitations.insert({ tokenHash: uniqueName('h'), email, roomId: room.id, inviterAccountId: inviter.id, language: 'fr', createdAt: at, expiresAt: later(7 * 86_400_000) });
      return { repos, inviter, room, invite };
    }

    it('finds, replaces, renews and counts invitations', async () => {
      const { repos, inviter, room, invite } = await setup();
      const first = await invite('a@exemple.fr');
      expect(await repos.invitations.getByTokenHash(first.tokenHash)).toMatchObject({ id: first.id, email: 'a@exemple.fr', deliveryStatus: 'pending', usedAt: null, revokedAt: null });
      expect(await repos.invitations.revokeActive(room.id, 'a@exemple.fr', later(1000))).toBe(1);
      const second = await invite('a@exemple.fr', later(2000));
      await invite('b@exemple.fr', later(3000));
      expect((await repos.invitations.findActive({ roomId: room.id }, later(4000))).map((i) => i.email)).toEqual(['b@exemple.fr', 'a@exemple.fr']);
      expect(await repos.invitations.findActive({ roomId: room.id, email: 'a@exemple.fr' }, later(8 * 86_400_000))).toEqual([]);
      expect(await repos.invitations.renew(second.id, 'renewed-hash', later(9 * 86_400_000), later(5000), inviter.id)).toBe(true);
      expect(await repos.invitations.renew(first.id, 'x', later(9 * 86_400_000), later(5000), inviter.id)).toBe(false);
      expect((await repos.invitations.getByTokenHash('renewed-hash'))?.id).toBe(second.id);
      await repos.invitations.setDelivery(second.id, 'failed', '550 no');
      expect(await repos.invitations.get(second.id)).toMatchObject({ deliveryStatus: 'failed', deliveryError: '550 no' });
      // Sends since 1.5 s: the second invitation, b, and the resend (the refused renewal of a revoked one counts nothing).
      expect(await repos.invitations.countSince({ inviterAccountId: inviter.id }, later(1500))).toBe(3);
      expect(await repos.invitations.countSince({ roomId: room.id }, t0)).toBe(4);
      expect(await repos.invitations.countSince({ roomId: room.id }, later(4000))).toBe(1);
    });

    it('counts a resend for the member who resent it, not the original inviter', async () => {
      const { repos, inviter, room, invite } = await setup();
      const other = await createAccount(repos, room.domainId);
      const invitation = await invite('f@exemple.fr');
      expect(await repos.invitations.renew(invitation.id, uniqueName('h'), later(9 * 86_400_000), later(1000), other.id)).toBe(true);
      expect(await repos.invitations.renew(invitation.id, uniqueName('h'), later(9 * 86_400_000), later(2000), other.id)).toBe(true);
      expect(await repos.invitations.countSince({ inviterAccountId: other.id }, t0)).toBe(2);
      expect(await repos.invitations.countSince({ inviterAccountId: inviter.id }, t0)).toBe(1);
      expect(await repos.invitations.countSince({ roomId: room.id }, t0)).toBe(3);
    });

    it('redeems once, even when two attempts race; refuses revoked and expired ones', async () => {
      const { repos, invite } = await setup();
      const invitation = await invite('c@exemple.fr');
      const results = await Promise.all([repos.invitations.redeem(invitation.id, later(1000)), repos.invitations.redeem(invitation.id, later(1000))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await repos.invitations.get(invitation.id))?.usedAt?.getTime()).toBe(later(1000).getTime());
      await repos.invitations.release(invitation.id);
      expect(await repos.invitations.redeem(invitation.id, later(8 * 86_400_000))).toBe(false);
      const revoked = await invite('d@exemple.fr');
      await repos.invitations.revokeActive(revoked.roomId, 'd@exemple.fr', later(10));
      expect(await repos.invitations.redeem(revoked.id, later(20))).toBe(false);
    });

    it('keeps registrations until verified, usable once', async () => {
      const { repos, invite } = await setup();
      const invitation = await invite('e@exemple.fr');
      const registration = await repos.invitations.insertRegistration({
        invitationId: invitation.id, tokenHash: uniqueName('v'), firstName: 'Élodie', lastName: 'Ñúñez', language: 'fr',
        scramSha1: scram('1'), scramSha256: scram('256'), createdAt: t0, expiresAt: later(86_400_000),
      });
      expect(await repos.invitations.getRegistrationByTokenHash(registration.tokenHash)).toEqual(registration);
      expect(await repos.invitations.countRegistrationsSince(invitation.id, t0)).toBe(1);
      expect(await repos.invitations.countRegistrationsSince(invitation.id, later(1))).toBe(0);
      expect(registration).toMatchObject({ firstName: 'Élodie', lastName: 'Ñúñez', scramSha256: scram('256'), usedAt: null });
      const tries = await Promise.all([repos.invitations.useRegistration(registration.id, later(5)), repos.invitations.useRegistration(registration.id, later(5))]);
      expect(tries.filter(Boolean)).toHaveLength(1);
      expect(await repos.invitations.pruneRegistrations(later(86_400_000))).toBe(0);
      expect(await repos.invitations.pruneRegistrations(later(86_400_001))).toBeGreaterThanOrEqual(1);
      expect(await repos.invitations.getRegistrationByTokenHash(registration.tokenHash)).toBeUndefined();
    });
  });
}
