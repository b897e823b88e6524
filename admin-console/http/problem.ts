// WebAdmin errors as RFC 9457 problem+json. Same shape as the node's
// (server/http/problem.ts), plus `field` for validation errors and the
// WebAdmin's status choices: a state conflict (the TeamChat dependency rule,
// a group cycle) is 409, a refused service URL is 422.

import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../server/core/errors.js';
import type { Logger } from '../../server/core/logger.js';

const URL_REFUSALS = new Set(['invalid-url', 'not-https', 'no-path', 'certificate-expired', 'name-mismatch', 'self-signed', 'untrusted-certificate', 'unreachable']);

export function statusOf(error: AppError): number {
  if (error.condition === 'not-acceptable') return URL_REFUSALS.has(error.appCondition ?? '') ? 422 : 409;
  if (error.condition === 'not-allowed') return 409;
  return error.status;
}

export function sendProblem(res: Response, error: AppError, extra: { instance?: string; retryAfter?: number } = {}): void {
  const status = statusOf(error);
  if (extra.retryAfter !== undefined) res.set('Retry-After', String(extra.retryAfter));
  res.status(status).type('application/problem+json').send(
    JSON.stringify({
      type: `urn:causerie:error:${error.appCondition ?? error.condition}`,
      title: error.condition,
      status,
      detail: error.text ?? error.condition,
      ...(extra.instance ? { instance: extra.instance } : {}),
      ...(error.details ?? {}),
    }),
  );
}

export function apiNotFound(req: Request, res: Response): void {
  sendProblem(res, new AppError('item-not-found', `There is no API endpoint ${req.method} ${req.path}: see /api/openapi.json`));
}

export function problemHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (isAppError(error)) return sendProblem(res, error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    if (status === 413) return sendProblem(res, new AppError('bad-request', 'The request body is too large'));
    if (status >= 400 && status < 500) return sendProblem(res, new AppError('bad-request', 'The request body is not valid JSON'));
    const id = randomUUID();
    log.error('WebAdmin request failed', { id, error });
    sendProblem(res, new AppError('internal-server-error', 'Something went wrong on the server; the administrator can find it in the log'), { instance: `urn:uuid:${id}` });
  };
}
