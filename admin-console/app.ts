// The WebAdmin express app: paths normalised first, security headers on
// every response, the public session endpoints, then authentication (and
// CSRF) before every other /api route; the built UI for everything else.

import express, { type Express } from 'express';
import type { AdminContext } from './context.js';
import { authenticate } from './http/auth.js';
import { apiNotFound, problemHandler } from './http/problem.js';
import { normalisePaths, securityHeaders } from './http/security.js';
import { publicSessionRoutes, sessionRoutes } from './api/routes/session.js';
import { statusRoutes } from './api/routes/status.js';
import { domainRoutes } from './api/routes/domains.js';
import { accountRoutes } from './api/routes/accounts.js';
import { groupRoutes } from './api/routes/groups.js';
import { rightsRoutes } from './api/routes/rights.js';
import { guestRoutes } from './api/routes/guests.js';
import { discoveryRoutes } from './api/routes/discovery.js';
import { auditRoutes } from './api/routes/audit.js';
import { staticUi } from './static-ui.js';

export function createAdminApp(ctx: AdminContext, options: { uiDir?: string | undefined } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('strict routing', false);
  app.use(normalisePaths);
  app.use(securityHeaders);
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/problem+json'] }));
  app.use(publicSessionRoutes(ctx));
  app.use('/api', authenticate(ctx));
  for (const routes of [sessionRoutes, statusRoutes, domainRoutes, accountRoutes, groupRoutes, rightsRoutes, guestRoutes, discoveryRoutes, auditRoutes]) app.use(routes(ctx));
  app.use('/api', apiNotFound);
  app.use(staticUi(options.uiDir));
  app.use(problemHandler(ctx.log));
  return app;
}
