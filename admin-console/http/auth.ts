// Authentication of every /api request after the public ones: the session
// cookie (with its CSRF token on every state-changing request) or an API
// token (`Authorization: Bearer`, no CSRF token: browsers never send it on
// their own). The signed-in administrator is kept in res.locals.

import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../server/core/errors.js';
import type { SignedIn } from '../../server/domain/admin-access.js';
import type { AdminSession } from '../../server/store/admin-sessions-repo.js';
import type { AdminContext } from '../context.js';

export const SESSION_COOKIE = '__Host-causerie-admin';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Authenticated extends SignedIn {
  session?: AdminSession;
}

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function clientIp(req: Request): string | null {
  return req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? null;
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signed-in administrator of this request (set by `authenticate`). */
export function adminOf(res: Response): Authenticated {
  const admin = res.locals.admin as Authenticated | undefined;
  if (!admin) throw new AppError('not-authorized', 'Sign in first');
  return admin;
}

/** Resolves the session or token of a request, without refusing anything. */
export async function resolveAdmin(ctx: AdminContext, req: Request): Promise<Authenticated | undefined> {
  const ip = clientIp(req);
  const token = bearerToken(req);
  if (token) return ctx.access.resumeToken(token, ip);
  const cookie = cookieValue(req, SESSION_COOKIE);
  if (!cookie) return undefined;
  const open = await ctx.access.resumeSession(cookie, ip);
  return open ? { account: open.account, actor: open.actor, session: open.session } : undefined;
}

export function authenticate(ctx: AdminContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const admin = await resolveAdmin(ctx, req);
    if (!admin) {
      const detail = bearerToken(req) ? 'This API token is not valid (revoked, or its account cannot sign in any more)' : 'Sign in first: your session has expired or you are not signed in';
      throw new AppError('not-authorized', detail, { appCondition: 'not-signed-in' });
    }
    if (admin.session && UNSAFE.has(req.method)) {
      const sent = req.get('x-csrf-token');
      if (!sent || !sameSecret(sent, admin.session.csrfToken)) {
        throw new AppError('forbidden', 'The X-CSRF-Token header is missing or wrong: reload the page and try again', { appCondition: 'csrf-token-invalid' });
      }
    }
    res.locals.admin = admin;
    next();
  };
}
