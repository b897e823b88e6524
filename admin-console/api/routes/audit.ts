// The audit log: server administrators see every entry, others their own.

import { Router } from 'express';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { queryInt } from '../validate.js';
import { auditView } from '../views.js';

export function auditRoutes(ctx: AdminContext): Router {
  const router = Router();
  router.get('/api/audit', async (req, res) => {
    const { actor } = adminOf(res);
    const limit = queryInt(req, 'limit', 50, 1, 200);
    const offset = queryInt(req, 'offset', 0, 0, 1_000_000_000);
    const entries = await ctx.services.repos.audit.find({ limit, offset, ...(actor.serverAdmin || actor.accountId === null ? {} : { actorAccountId: actor.accountId }) });
    res.json({ items: entries.map(auditView) });
  });
  return router;
}
