// Every WebAdmin response carries the security headers (the node's set plus
// a strict Content-Security-Policy); and every path is normalised before
// anything looks at it, so no spelling of a URL (double slashes, dot
// segments, percent-encoding, upper case) can slip past the authentication
// check or reach a route under another name.

import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../server/core/errors.js';
import { sendProblem } from './problem.js';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Strict-Transport-Security': 'max-age=31536000',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': CSP,
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  });
  next();
}

/** The canonical form of a request path, or undefined when it cannot be made safe. */
export function normalisePath(rawPath: string): string | undefined {
  // Encoded separators and NUL would change the segmentation after decoding.
  if (/%2f|%5c|%00/i.test(rawPath) || rawPath.includes('\\')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const path = `/${segments.join('/')}`;
  // API routes are case-insensitive in express: use one spelling so checks on a path see the route's.
  const lower = path.toLowerCase();
  return lower === '/api' || lower.startsWith('/api/') ? lower : path;
}

export function normalisePaths(req: Request, res: Response, next: NextFunction): void {
  const url = req.url;
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const path = normalisePath(rawPath);
  if (path === undefined) return sendProblem(res, new AppError('bad-request', 'This address is not valid: remove encoded slashes, backslashes or invalid percent-escapes'));
  req.url = encodeURI(path) + (queryAt === -1 ? '' : url.slice(queryAt));
  next();
}
