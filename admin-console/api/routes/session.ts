// Sign in and out, the CSRF token, API tokens. The public part (sign-in,
// token creation from credentials, GET /api/session) is mounted before the
// authentication check; the rest after it.

import { Router, type Request, type Response } from 'express';
import { AppError, isAppError } from '../../../server/core/errors.js';
import { ADMIN_ABSOLUTE_MS, absoluteExpiry, type SignedIn } from '../../../server/domain/admin-access.js';
import type { AdminSession } from '../../../server/store/admin-sessions-repo.js';
import type { AdminContext } from '../../context.js';
import { SESSION_COOKIE, adminOf, clientIp, resolveAdmin } from '../../http/auth.js';
import { sendProblem } from '../../http/problem.js';
import { body, idParam, requiredString } from '../validate.js';
import { accountSummary, rolesView } from '../views.js';
import { openApiDocument } from '../openapi.js';

const COOKIE_ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';

/** The session cookie: gone from the browser when the session's absolute lifetime ends (the 30-minute idle expiry is kept on the server). */
function sessionCookie(value: string, session: AdminSession): string {
  return `${SESSION_COOKIE}=${value}; ${COOKIE_ATTRIBUTES}; Max-Age=${Math.floor(ADMIN_ABSOLUTE_MS / 1000)}; Expires=${absoluteExpiry(session).toUTCString()}`;
}

async function sessionView(ctx: AdminContext, signed: SignedIn, session: AdminSession | undefined) {
  return {
    authenticated: true,
    account: accountSummary(signed.account),
    roles: await rolesView(ctx.services.repos, signed.actor),
    ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt, absoluteExpiresAt: absoluteExpiry(session), idleTimeoutSeconds: Math.round((session.expiresAt.getTime() - session.lastSeenAt.getTime()) / 1000) } : {}),
  };
}

/** Checks credentials with the throttle; sends 429 and returns undefined when the caller must wait. */
async function signIn(ctx: AdminContext, req: Request, res: Response, extraFields: string[]): Promise<{ signed: SignedIn; fields: Record<string, unknown> } | undefined> {
  const fields = body(req, ['jid', 'password', ...extraFields]);
  const jid = requiredString(fields, 'jid', 3071).trim();
  const password = requiredString(fields, 'password');
  const ip = clientIp(req);
  const accountKey = [`account:${jid.toLowerCase()}`];
  const ipKey = [`ip:${ip ?? 'unknown'}`];
  const wait = Math.max(ctx.throttle.account.retryAfter(accountKey), ctx.throttle.ip.retryAfter(ipKey));
  if (wait > 0) {
    sendProblem(res, new AppError('resource-constraint', `Too many failed sign-ins: wait ${wait} seconds, then try again`, { appCondition: 'login-throttled' }), { retryAfter: wait });
    return undefined;
  }
  try {
    const signed = await ctx.access.authenticate(jid, password, ip);
    ctx.throttle.account.succeeded(accountKey);
    return { signed, fields };
  } catch (error) {
    if (isAppError(error) && error.condition === 'not-authorized') {
      ctx.throttle.account.failed(accountKey);
      ctx.throttle.ip.failed(ipKey);
      await ctx.audit({ accountId: null, label: jid.slice(0, 200), ip, serverAdmin: false, domainAdminOf: [], managerOf: [] }, 'webadmin.login-failed', null);
    }
    throw error;
  }
}

export function publicSessionRoutes(ctx: AdminContext): Router {
  const router = Router();

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  router.get('/api/session', async (req, res) => {
    const admin = await resolveAdmin(ctx, req);
    if (!admin) {
      res.json({ authenticated: false });
      return;
    }
    res.json(await sessionView(ctx, admin, admin.session));
  });

  router.post('/api/session', async (req, res) => {
    const result = await signIn(ctx, req, res, []);
    if (!result) return;
    const { cookie, session } = await ctx.access.openSession(result.signed, clientIp(req));
    res.append('Set-Cookie', sessionCookie(cookie, session));
    res.json(await sessionView(ctx, result.signed, session));
  });

  router.post('/api/tokens', async (req, res) => {
    const result = await signIn(ctx, req, res, ['name']);
    if (!result) return;
    const name = requiredString(result.fields, 'name', 100);
    const { token, record } = await ctx.access.createToken(result.signed, name);
    res.status(201).json({ id: record.id, name: record.name, token, createdAt: record.createdAt });
  });

  return router;
}

export function sessionRoutes(ctx: AdminContext): Router {
  const router = Router();

  router.delete('/api/session', async (_req, res) => {
    const admin = adminOf(res);
    if (admin.session) await ctx.access.closeSession(admin.session, admin.actor);
    res.append('Set-Cookie', `${SESSION_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`);
    res.status(204).end();
  });

  router.get('/api/tokens', async (_req, res) => {
    const admin = adminOf(res);
    const tokens = await ctx.access.tokens(admin.account.id);
    res.json({ items: tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt })) });
  });

  router.delete('/api/tokens/:id', async (req, res) => {
    await ctx.access.revokeToken(adminOf(res).actor, idParam(req));
    res.status(204).end();
  });

  return router;
}
