// The registration pages on the node's HTTPS listener:
//   GET  /register?token=…  (and /invite/<token>)  the form
//   POST /register                                  checks it, mails a verification link
//   GET  /register/verify?token=…                   a "create my account" button
//   POST /register/verify                           creates the account (redeems the invitation)
// GET never changes anything (mail scanners follow links). Forms carry a
// per-form CSRF token, also set as a SameSite=Strict cookie (double submit).
// Errors are shown in the page, in the guest's language, with the HTTP
// status of their condition.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Express, Request, Response } from 'express';
import { CONDITIONS, isAppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { InvitationsService } from '../../domain/invitations.js';
import { bareOf } from '../../domain/accounts.js';
import { confirmPage, donePage, messagePage, registrationForm } from './pages-html.js';
import { TEXT, errorText, pageLanguage, type PageLanguage } from './page-text.js';

const CSRF_COOKIE = 'causerie_register_csrf';

export interface PagesDeps {
  invitations: InvitationsService;
  log: Logger;
  loginInfo(): Promise<{ webClientUrl: string; xmppHost: string; starttlsPort: number; directTlsPort: number }>;
}

function field(req: Request, name: string): string {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body?.[name] ?? req.query[name];
  return typeof value === 'string' ? value : '';
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** A fresh CSRF token, set as a cookie and returned for the form. */
function issueCsrf(res: Response): string {
  const token = randomBytes(24).toString('base64url');
  res.cookie(CSRF_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: 3_600_000 });
  return token;
}

function csrfValid(req: Request): boolean {
  const sent = Buffer.from(field(req, 'csrf'));
  const expected = Buffer.from(cookie(req, CSRF_COOKIE) ?? '');
  return sent.length > 0 && sent.length === expected.length && timingSafeEqual(sent, expected);
}

function send(res: Response, status: number, nonce: string, html: string): void {
  res.status(status).set({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  }).send(html);
}

function switchUrl(path: string, token: string, language: PageLanguage): string {
  return `${path}?token=${encodeURIComponent(token)}&lang=${language === 'fr' ? 'en' : 'fr'}`;
}

export function mountRegistrationPages(app: Express, deps: PagesDeps): void {
  const { invitations, log } = deps;
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

  function fail(res: Response, nonce: string, language: PageLanguage, error: unknown): void {
    if (!isAppError(error)) log.error('registration page failed', { error });
    const code = isAppError(error) ? (error.appCondition ?? 'internal') : 'internal';
    const status = isAppError(error) ? CONDITIONS[error.condition].status : 500;
    send(res, status, nonce, messagePage({ language, nonce, title: TEXT[language].errorTitle }, [errorText(code, language)], 'error'));
  }

  async function showForm(req: Request, res: Response, token: string): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    let language = pageLanguage(req.query.lang as string | undefined);
    try {
      const view = await invitations.view(token);
      language = pageLanguage(req.query.lang as string | undefined, view.language);
      send(res, 200, nonce, registrationForm({
        language, nonce, title: TEXT[language].title, switchUrl: switchUrl('/register', token, language), action: '/register',
        token, csrf: issueCsrf(res), email: view.invitation.email, inviterName: view.inviterName, roomName: view.room.name,
      }));
    } catch (error) {
      fail(res, nonce, language, error);
    }
  }

  app.get('/register', (req, res) => showForm(req, res, field(req, 'token')));
  app.get('/invite/:token', (req, res) => showForm(req, res, String(req.params.token)));

  app.post('/register', form, async (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const language = pageLanguage(field(req, 'lang'));
    const token = field(req, 'token');
    if (!csrfValid(req)) return send(res, 403, nonce, messagePage({ language, nonce, title: TEXT[language].errorTitle }, [errorText('csrf', language)], 'error'));
    let view;
    try {
      view = await invitations.view(token);
    } catch (error) {
      return fail(res, nonce, language, error);
    }
    const values = { firstName: field(req, 'firstName'), lastName: field(req, 'lastName') };
    try {
      const { email } = await invitations.register(token, { ...values, password: field(req, 'password'), confirmation: field(req, 'confirmation'), language });
      const t = TEXT[language];
      send(res, 200, nonce, messagePage({ language, nonce, title: t.checkMailTitle }, [t.checkMail(email)]));
    } catch (error) {
      const appError = isAppError(error);
      if (!appError) log.warn('registration failed', { error });
      const code = appError ? (error.appCondition ?? 'internal') : 'mail-failed';
      const status = appError ? CONDITIONS[error.condition].status : 502;
      // The form again, filled in (never the passwords), with the reason.
      send(res, status, nonce, registrationForm({
        language, nonce, title: TEXT[language].title, switchUrl: switchUrl('/register', token, language), action: '/register',
        token, csrf: issueCsrf(res), email: view.invitation.email, inviterName: view.inviterName, roomName: view.room.name, error: errorText(code, language), values,
      }));
    }
  });

  app.get('/register/verify', (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const language = pageLanguage(req.query.lang as string | undefined);
    const token = field(req, 'token');
    const t = TEXT[language];
    send(res, 200, nonce, confirmPage({ language, nonce, title: t.confirmTitle, switchUrl: switchUrl('/register/verify', token, language), action: '/register/verify', token, csrf: issueCsrf(res) }));
  });

  app.post('/register/verify', form, async (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const language = pageLanguage(field(req, 'lang'));
    if (!csrfValid(req)) return send(res, 403, nonce, messagePage({ language, nonce, title: TEXT[language].errorTitle }, [errorText('csrf', language)], 'error'));
    try {
      const { account, room, welcomeMailError } = await invitations.verify(field(req, 'token'));
      if (welcomeMailError) log.warn('the welcome mail of a new guest could not be sent', { jid: bareOf(account), error: welcomeMailError });
      log.info('guest account created', { jid: bareOf(account), room: room.id });
      send(res, 201, nonce, donePage({ language, nonce, title: TEXT[language].doneTitle, roomName: room.name, email: account.email ?? '', jid: bareOf(account), ...(await deps.loginInfo()) }));
    } catch (error) {
      fail(res, nonce, language, error);
    }
  });
}
