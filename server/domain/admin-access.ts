// Who may use the WebAdmin and how they stay signed in: account credentials
// checked against the stored SCRAM keys, cookie sessions that expire after
// 30 minutes idle and at the latest 12 hours after sign-in (the cookie's
// Max-Age; ids and API tokens stored only as SHA-256), a CSRF token
// per session, and API tokens for the `causerie-admin` CLI. Server
// administrators, domain administrators and group managers may sign in;
// plain users and guests may not.

import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { parseJid } from '../core/jid.js';
import type { Account, Repositories } from '../store/types.js';
import type { AdminSession } from '../store/admin-sessions-repo.js';
import type { ApiToken } from '../store/api-tokens-repo.js';
import type { Actor } from './actor.js';
import { actorFor } from './actors.js';
import type { AuditTrail } from './audit.js';
import type { Clock } from './ports.js';
import { deriveScramCredentials, passwordMatches } from './scram-keys.js';

export const ADMIN_IDLE_MS = 30 * 60 * 1000;
/** However active, a session ends this long after sign-in (the cookie carries it as Max-Age). */
export const ADMIN_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** When a session started at `createdAt` ends for good. */
export const absoluteExpiry = (session: { createdAt: Date }, absoluteMs = ADMIN_ABSOLUTE_MS): Date => new Date(session.createdAt.getTime() + absoluteMs);

export interface SignedIn {
  account: Account;
  actor: Actor;
}

export interface OpenSession extends SignedIn {
  session: AdminSession;
}

const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
const secret = (): string => randomBytes(32).toString('base64url');

export function canUseWebAdmin(actor: Actor): boolean {
  return actor.serverAdmin || actor.domainAdminOf.length > 0 || actor.managerOf.length > 0;
}

export type AdminAccess = ReturnType<typeof createAdminAccess>;

export function createAdminAccess(deps: { repos: Repositories; clock: Clock; audit: AuditTrail; scramIterations: number; idleMs?: number; absoluteMs?: number }) {
  const { repos, clock, audit } = deps;
  const idleMs = deps.idleMs ?? ADMIN_IDLE_MS;
  const absoluteMs = deps.absoluteMs ?? ADMIN_ABSOLUTE_MS;
  /** The next expiry: idle from now, never past the absolute end. */
  const nextExpiry = (createdAt: Date, now: Date): Date => new Date(Math.min(now.getTime() + idleMs, createdAt.getTime() + absoluteMs));

  async function signedIn(account: Account, ip: string | null): Promise<SignedIn> {
    const actor = await actorFor(repos, account, ip);
    if (!canUseWebAdmin(actor)) throw new AppError('forbidden', 'Only server and domain administrators and group managers can use the WebAdmin');
    return { account, actor };
  }

  /** The account if the password is right (constant work whether or not the account exists); disabled accounts never match. */
  async function checkPassword(jid: string, password: string): Promise<Account | undefined> {
    const parsed = (() => {
      try {
        return parseJid(jid);
      } catch {
        return undefined;
      }
    })();
    const account = parsed?.local ? await repos.accounts.getByAddress(parsed.local, parsed.domain) : undefined;
    if (!account?.scramSha256) {
      await deriveScramCredentials(password, 'sha256', deps.scramIterations);
      return undefined;
    }
    const matches = await passwordMatches(password, account.scramSha256, 'sha256');
    return matches && !account.disabled ? account : undefined;
  }

  return {
    checkPassword,

    /** Checks the credentials and the role; not-authorized for wrong ones, forbidden for a user or guest. */
    async authenticate(jid: string, password: string, ip: string | null): Promise<SignedIn> {
      const account = await checkPassword(jid, password);
      if (!account) throw new AppError('not-authorized', 'Wrong address or password');
      return signedIn(account, ip);
    },

    /** Asks the signed-in administrator's password again before a sensitive change. */
    async confirm(actor: Actor, password: unknown): Promise<void> {
      if (typeof password !== 'string' || password === '') {
        throw new AppError('bad-request', 'Type your own password again (currentPassword) to confirm this change', { appCondition: 'password-confirmation-required', details: { field: 'currentPassword' } });
      }
      if (actor.accountId === null) return;
      const account = await repos.accounts.get(actor.accountId);
      if (!account?.scramSha256 || !(await passwordMatches(password, account.scramSha256, 'sha256'))) {
        throw new AppError('forbidden', 'Your own password (currentPassword) is not right: the change was not made', { appCondition: 'password-confirmation-failed', details: { field: 'currentPassword' } });
      }
    },

    /** Opens a session; returns the cookie value (shown once) and the session. */
    async openSession(signed: SignedIn, ip: string | null): Promise<{ cookie: string; session: AdminSession }> {
      const cookie = secret();
      const at = clock.now();
      const session = await repos.adminSessions.insert({ idHash: sha256(cookie), accountId: signed.account.id, csrfToken: secret(), ip, at, expiresAt: nextExpiry(at, at) });
      await audit({ ...signed.actor, ip }, 'webadmin.login', null);
      return { cookie, session };
    },

    /** The live session behind a cookie value, its idle expiry moved; undefined when unknown, expired or its account can no longer sign in. */
    async resumeSession(cookie: string, ip: string | null): Promise<OpenSession | undefined> {
      const session = await repos.adminSessions.getByHash(sha256(cookie));
      const now = clock.now();
      if (!session) return undefined;
      if (session.expiresAt.getTime() <= now.getTime() || absoluteExpiry(session, absoluteMs).getTime() <= now.getTime()) {
        await repos.adminSessions.delete(session.id);
        return undefined;
      }
      const account = await repos.accounts.get(session.accountId);
      const signed = account && !account.disabled ? await signedIn(account, ip).catch(() => undefined) : undefined;
      if (!signed) {
        await repos.adminSessions.delete(session.id);
        return undefined;
      }
      const expiresAt = nextExpiry(session.createdAt, now);
      await repos.adminSessions.touch(session.id, now, expiresAt);
      return { ...signed, session: { ...session, lastSeenAt: now, expiresAt } };
    },

    async closeSession(session: AdminSession, actor: Actor): Promise<void> {
      await repos.adminSessions.delete(session.id);
      await audit(actor, 'webadmin.logout', null);
    },

    async createToken(signed: SignedIn, name: string): Promise<{ token: string; record: ApiToken }> {
      const trimmed = name.trim();
      if (!trimmed || trimmed.length > 100) throw new AppError('bad-request', 'Give the token a name of 1 to 100 characters (what it is for)', { details: { field: 'name' } });
      const token = `cau_${secret()}`;
      const record = await repos.apiTokens.insert({ accountId: signed.account.id, tokenHash: sha256(token), name: trimmed, at: clock.now() });
      await audit(signed.actor, 'api-token.create', { type: 'api-token', id: record.id }, { name: trimmed });
      return { token, record };
    },

    /** The account behind a bearer token; undefined when unknown or the account can no longer sign in. */
    async resumeToken(token: string, ip: string | null): Promise<SignedIn | undefined> {
      const record = await repos.apiTokens.getByHash(sha256(token));
      if (!record) return undefined;
      const account = await repos.accounts.get(record.accountId);
      const signed = account && !account.disabled ? await signedIn(account, ip).catch(() => undefined) : undefined;
      if (signed) await repos.apiTokens.touch(record.id, clock.now());
      return signed;
    },

    tokens: (accountId: number): Promise<ApiToken[]> => repos.apiTokens.findByAccount(accountId),

    async revokeToken(actor: Actor, id: number): Promise<void> {
      if (actor.accountId === null || !(await repos.apiTokens.delete(id, actor.accountId))) throw new AppError('item-not-found', 'You have no such API token');
      await audit(actor, 'api-token.revoke', { type: 'api-token', id });
    },

    /** Ends every WebAdmin session of an account (deleted, disabled, password changed). */
    endSessionsOf: (accountId: number): Promise<number> => repos.adminSessions.deleteForAccount(accountId),
    purgeExpired: (): Promise<number> => repos.adminSessions.deleteExpired(clock.now()),
  };
}
