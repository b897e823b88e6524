// HTTP errors as RFC 9457 problem+json, rendered from AppError in one place.

import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export function sendProblem(res: Response, error: AppError, instance?: string): void {
  res.status(error.status).type('application/problem+json').send(
    JSON.stringify({
      type: `urn:causerie:error:${error.appCondition ?? error.condition}`,
      title: error.condition,
      status: error.status,
      detail: error.text ?? error.condition,
      ...(instance ? { instance } : {}),
      ...(error.details ?? {}),
    }),
  );
}

export function notFound(req: Request, res: Response): void {
  sendProblem(res, new AppError('item-not-found', `Nothing at ${req.path}`));
}

export function problemHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (isAppError(error)) return sendProblem(res, error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    if (status >= 400 && status < 500) return sendProblem(res, new AppError('bad-request', 'The request could not be understood'));
    const id = randomUUID();
    log.error('HTTP request failed', { id, error });
    sendProblem(res, new AppError('internal-server-error', 'Something went wrong on the server'), `urn:uuid:${id}`);
  };
}
