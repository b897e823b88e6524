// Bad input in the guest flow, on SQLite and MariaDB, through the real
// node (XMPP commands, HTTPS pages, SMTP): forged, expired, revoked and used
// tokens; weak passwords and a missing CSRF token; an address that is
// already a guest; an invitation without the invite right; the rate limit;
// an SMTP failure (the inviter is told, resend works); registration closed
// while TeamChat is stopped; the welcome mail's login details from the
// discovery settings.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { hashToken } from '../../server/domain/invitations.js';
import { READER } from '../../server/domain/rights-model.js';
import { createServices } from '../../server/domain/index.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { formState, guestsIq, https, linkIn, startMailCatcher, stanzaError } from '../helpers/guest-kit.js';
import type { MailCatcher } from '../helpers/guest-kit.js';

const PASSWORD = 'mot-de-passe-correct';

for (const db of testDatabaseConfigs()) {
  describe(`guest flow bad input on ${db.name}`, () => {
    let node: TestNode;
    let smtp: MailCatcher;
    let room: Room;
    let second: Room;
    let roomJid: string;
    let alice: TestClient;
    const clients: TestClient[] = [];

    const url = (path: string): string => `${node.config.publicUrl}${path}`;
    const get = (path: string) => https(url(path), node.caPem);

    /** Invites over XMPP and returns the registration link from the caught mail. */
    async function invite(email: string, target = roomJid): Promise<string> {
      const answer = await guestsIq(alice, target, 'set', 'invite', { email });
      expect(answer.attrs.type).toBe('result');
      return linkIn(await smtp.next(email, /register\?token=/), `${node.config.publicUrl}/register?token=`);
    }

    /** Fills and posts the registration form like a browser (CSRF cookie + field). */
    async function register(link: string, form: Record<string, string>) {
      const page = await https(link, node.caPem);
      const { cookie, csrf } = formState(page);
      const token = new URL(link).searchParams.get('token') ?? '';
      return https(url('/register'), node.caPem, { cookie, form: { token, csrf, lang: 'fr', firstName: 'Zoé', lastName: 'Martin', password: PASSWORD, confirmation: PASSWORD, ...form } });
    }

    async function verify(email: string) {
      const link = linkIn(await smtp.next(email, /register\/verify\?token=/), `${node.config.publicUrl}/register/verify?token=`);
      const page = await https(link, node.caPem);
      expect(page.status).toBe(200);
      const { cookie, csrf } = formState(page);
      return https(url('/register/verify'), node.caPem, { cookie, form: { token: new URL(link).searchParams.get('token') ?? '', csrf, lang: 'fr' } });
    }

    beforeAll(async () => {
      smtp = await startMailCatcher();
      node = await startTestNode({ database: await db.make(), mail: { smtpUrl: smtp.smtpUrl }, guests: { invitationsPerInviterPerHour: 6 } });
      await node.createUser('alice');
      await node.createUser('bob');
      await node.createUser('carol');
      const aliceAccount = (await node.services.accounts.getByJid('alice', TEST_DOMAIN))!;
      room = await node.services.rooms.createPrivateRoom(aliceAccount, 'Projet');
      second = await node.services.rooms.createPrivateRoom(aliceAccount, 'Second');
      roomJid = node.services.rooms.roomJid(room);
      alice = await connectClient(node, { username: 'alice', password: 'pw-alice-secret' });
      clients.push(alice);
    }, 60_000);

    afterAll(async () => {
      for (const client of clients) await client.stop();
      await node?.close();
      await smtp?.close();
    });

    it('refuses forged and expired tokens with their reason and status, in French or English', async () => {
      const forged = await get(`/register?token=${randomBytes(32).toString('base64url')}`);
      expect(forged.status).toBe(404);
      expect(forged.body).toContain('Ce lien d’invitation n’est pas valide');
      expect((await get('/register?token=%3Cscript%3E')).status).toBe(404);
      expect((await get(`/invite/${randomBytes(32).toString('base64url')}?lang=en`)).body).toContain('This invitation link is not valid');
      const alice = (await node.services.accounts.getByJid('alice', TEST_DOMAIN))!;
      const token = randomBytes(32).toString('base64url');
      await node.services.repos.invitations.insert({ tokenHash: hashToken(token), email: 'old@exemple.fr', roomId: room.id, inviterAccountId: alice.id, language: 'fr', createdAt: new Date(Date.now() - 10 * 86_400_000), expiresAt: new Date(Date.now() - 3 * 86_400_000) });
      const expired = await get(`/register?token=${token}`);
      expect(expired.status).toBe(410);
      expect(expired.body).toContain('Cette invitation a expiré');
      expect(expired.headers['content-security-policy']).toContain("default-src 'none'");
      expect(expired.headers['x-frame-options']).toBe('DENY');
    });

    it('lists and revokes pending invitations; a revoked link is refused', async () => {
      const link = await invite('revoked@exemple.fr');
      const pending = await guestsIq(alice, roomJid, 'get', 'invitations');
      expect((pending.getChild('invitations')?.getChildren('invitation') ?? []).map((i) => i.attrs.email)).toContain('revoked@exemple.fr');
      expect((await guestsIq(alice, roomJid, 'set', 'revoke', { email: 'revoked@exemple.fr' })).attrs.type).toBe('result');
      const page = await https(link, node.caPem);
      expect(page.status).toBe(410);
      expect(page.body).toContain('Cette invitation a été retirée');
      const after = await guestsIq(alice, roomJid, 'get', 'invitations');
      expect((after.getChild('invitations')?.getChildren('invitation') ?? []).map((i) => i.attrs.email)).not.toContain('revoked@exemple.fr');
      expect(stanzaError(await guestsIq(alice, roomJid, 'set', 'revoke', { email: 'revoked@exemple.fr' })).condition).toBe('item-not-found');
    });

    it('checks the form: CSRF, weak password; a used link is refused; an address already a guest cannot register again', async () => {
      const link = await invite('zoe@exemple.fr');
      const token = new URL(link).searchParams.get('token') ?? '';
      const noCsrf = await https(url('/register'), node.caPem, { form: { token, firstName: 'Zoé', lastName: 'Martin', password: PASSWORD, confirmation: PASSWORD } });
      expect(noCsrf.status).toBe(403);
      const weak = await register(link, { password: 'court', confirmation: 'court' });
      expect(weak.status).toBe(400);
      expect(weak.body).toContain('au moins 8 caractères');
      expect(weak.body).toContain('value="Zoé"');
      expect(weak.body).not.toContain('court"');
      // A second invitation to another room, still pending when the first is used.
      const secondLink = await invite('zoe@exemple.fr', node.services.rooms.roomJid(second));
      expect((await register(link, {})).status).toBe(200);
      const done = await verify('zoe@exemple.fr');
      expect(done.status).toBe(201);
      expect(done.body).toContain('zoe\\40exemple.fr@guests.causerie.test');
      const used = await https(link, node.caPem);
      expect(used.status).toBe(410);
      expect(used.body).toContain('Cette invitation a déjà servi');
      const again = await register(secondLink, {});
      expect(again.status).toBe(409);
      expect(again.body).toContain('Cette adresse a déjà un compte invité');
    });

    it('a password reset from another process (the WebAdmin) ends the guest\'s sessions; the new password works', async () => {
      const zoe = await connectClient(node, { username: 'zoe@exemple.fr', password: PASSWORD }, { domain: 'guests.causerie.test' });
      clients.push(zoe);
      const account = (await node.services.accounts.getByJid('zoe\\40exemple.fr', 'guests.causerie.test'))!;
      const ended = new Promise<void>((resolve) => zoe.xmpp.once('disconnect', () => resolve()));
      // Services without a session gateway, as in the WebAdmin process: only the events table reaches the node.
      const admin = createServices({ repos: node.services.repos, scramIterations: 4096 });
      await admin.guests.resetPassword(SYSTEM_ACTOR, account.id, 'nouveau-mot-de-passe');
      await ended;
      await expect(connectClient(node, { username: 'zoe@exemple.fr', password: PASSWORD }, { domain: 'guests.causerie.test' })).rejects.toThrow(/not-authorized/);
      const again = await connectClient(node, { username: 'zoe@exemple.fr', password: 'nouveau-mot-de-passe' }, { domain: 'guests.causerie.test' });
      clients.push(again);
    });

    it('refuses an invitation from a member without the invite right, and rate-limits an inviter', async () => {
      const bob = (await node.services.accounts.getByJid('bob', TEST_DOMAIN))!;
      await node.services.repos.rooms.addMember(room.id, bob.id, null);
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: room.id }, { type: 'account', accountId: bob.id }, READER);
      const bobClient = await connectClient(node, { username: 'bob', password: 'pw-bob-secret' });
      clients.push(bobClient);
      const refused = await guestsIq(bobClient, roomJid, 'set', 'invite', { email: 'friend@exemple.fr' });
      expect(stanzaError(refused)).toMatchObject({ condition: 'forbidden', app: 'no-invite-right', text: expect.stringMatching(/invite right/) });
      expect(smtp.mails.some((m) => m.to.includes('friend@exemple.fr'))).toBe(false);
      const carol = (await node.services.accounts.getByJid('carol', TEST_DOMAIN))!;
      const carolRoom = await node.services.rooms.createPrivateRoom(carol, 'Carol');
      const carolClient = await connectClient(node, { username: 'carol', password: 'pw-carol-secret' });
      clients.push(carolClient);
      const target = node.services.rooms.roomJid(carolRoom);
      for (let i = 0; i < 6; i++) expect((await guestsIq(carolClient, target, 'set', 'invite', { email: `many${i}@exemple.fr` })).attrs.type).toBe('result');
      const limited = await guestsIq(carolClient, target, 'set', 'invite', { email: 'many6@exemple.fr' });
      expect(stanzaError(limited)).toMatchObject({ condition: 'resource-constraint', app: 'invitation-rate-limited', text: expect.stringMatching(/last hour/) });
    });

    it('tells the inviter when the mail cannot be delivered, and resends', async () => {
      smtp.refuseDomain = 'refused.test';
      const failed = await guestsIq(alice, roomJid, 'set', 'invite', { email: 'someone@refused.test' });
      expect(stanzaError(failed)).toMatchObject({ condition: 'recipient-unavailable', app: 'delivery-failed', text: expect.stringMatching(/^The invitation email to someone@refused\.test could not be delivered \(the mail server answered: .*550.*\)\. Check the address, then resend the invitation\.$/) });
      const pending = await guestsIq(alice, roomJid, 'get', 'invitations');
      const entry = (pending.getChild('invitations')?.getChildren('invitation') ?? []).find((i) => i.attrs.email === 'someone@refused.test');
      expect(entry?.attrs).toMatchObject({ status: 'failed', error: expect.stringMatching(/550/) });
      smtp.refuseDomain = null;
      const resent = await guestsIq(alice, roomJid, 'set', 'resend', { email: 'someone@refused.test' });
      expect(resent.getChild('invitation')?.attrs.status).toBe('sent');
      const link = linkIn(await smtp.next('someone@refused.test', /register\?token=/), `${node.config.publicUrl}/register?token=`);
      expect((await https(link, node.caPem)).status).toBe(200);
    });

    it('closes registration while the TeamChat service is stopped', async () => {
      const link = await (async () => {
        const answer = await guestsIq(alice, node.services.rooms.roomJid(second), 'set', 'invite', { email: 'late@exemple.fr' });
        expect(answer.attrs.type).toBe('result');
        return linkIn(await smtp.next('late@exemple.fr', /register\?token=/), `${node.config.publicUrl}/register?token=`);
      })();
      await node.services.policies.setServiceRunning(SYSTEM_ACTOR, false);
      try {
        const closed = await https(`${link}&lang=en`, node.caPem);
        expect(closed.status).toBe(503);
        expect(closed.body).toContain('Registration is closed');
      } finally {
        await node.services.policies.setServiceRunning(SYSTEM_ACTOR, true);
      }
      expect((await https(link, node.caPem)).status).toBe(200);
    });

    it('the welcome mail and page give the discovery settings\' web client address and XMPP server when set', async () => {
      await node.services.repos.discovery.putUrl('webclient', 'https://discussion.exemple.org/');
      const host = await node.services.repos.discovery.insertHost({ service: 'xmpp-client', host: 'xmpp.exemple.org', port: 5280, mode: 'starttls' });
      try {
        // Alice and Carol used up their hourly invitations above: Dave invites to a room of his own.
        await node.createUser('dave');
        const dave = (await node.services.accounts.getByJid('dave', TEST_DOMAIN))!;
        const daveRoom = await node.services.rooms.createPrivateRoom(dave, 'Dave');
        const daveClient = await connectClient(node, { username: 'dave', password: 'pw-dave-secret' });
        clients.push(daveClient);
        const answer = await guestsIq(daveClient, node.services.rooms.roomJid(daveRoom), 'set', 'invite', { email: 'welcome@exemple.fr' });
        expect(answer.attrs.type).toBe('result');
        const link = linkIn(await smtp.next('welcome@exemple.fr', /register\?token=/), `${node.config.publicUrl}/register?token=`);
        expect((await register(link, {})).status).toBe(200);
        const done = await verify('welcome@exemple.fr');
        expect(done.status).toBe(201);
        expect(done.body).toContain('https://discussion.exemple.org/');
        const welcome = await smtp.next('welcome@exemple.fr', /welcome\\40exemple\.fr@guests/);
        expect(welcome.text).toContain('https://discussion.exemple.org/');
        expect(welcome.text).toContain('xmpp.exemple.org');
        expect(welcome.text).toContain('5280');
        expect(welcome.text).not.toContain(`${node.config.publicUrl}/`);
      } finally {
        await node.services.repos.discovery.deleteUrl('webclient');
        await node.services.repos.discovery.deleteHost(host.id);
      }
    });
  });
}
