// Accounts: list with search and paging, create, edit (names, disabled,
// feature switches that inherit or override), set password, delete.
// Password changes, deletion and granting the server administrator role ask
// for the administrator's own password (currentPassword).

import { Router } from 'express';
import { requireServerAdmin } from '../../../server/domain/authorization.js';
import { AppError } from '../../../server/core/errors.js';
import type { Account, Domain } from '../../../server/store/types.js';
import { effectivePolicy } from '../../../server/domain/policies.js';
import { checkQuota, type AccountEdit } from '../../../server/domain/account-admin.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, nullableString, optionalBody, oneOf, optionalBoolean, queryInt, queryString, requiredString, tristate, type Fields } from '../validate.js';
import { accountView } from '../views.js';

const PROFILE = ['displayName', 'firstName', 'lastName', 'description', 'email', 'language'] as const;
const MAX = { displayName: 200, firstName: 100, lastName: 100, description: 2000, email: 254, language: 35 } as const;

function profile(fields: Fields): Partial<Record<(typeof PROFILE)[number], string | null>> {
  const result: Partial<Record<(typeof PROFILE)[number], string | null>> = {};
  for (const field of PROFILE) {
    const value = nullableString(fields, field, MAX[field]);
    if (value !== undefined) result[field] = value;
  }
  if (result.email && !/^[^\s@]+@[^\s@]+$/.test(result.email)) throw new AppError('bad-request', `"${result.email}" is not an email address`, { details: { field: 'email' } });
  return result;
}

export function accountRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { accountAdmin, services } = ctx;

  async function views(accounts: Account[]) {
    const domains = new Map<number, Domain | undefined>();
    for (const account of accounts) if (!domains.has(account.domainId)) domains.set(account.domainId, await services.repos.domains.get(account.domainId));
    return accounts.map((account) => {
      const domain = domains.get(account.domainId);
      const view = accountView(account, domain ? effectivePolicy(account, domain) : { groupware: false, webdav: false, teamchat: false });
      return { ...view, effectiveQuotaBytes: account.quotaBytes ?? ctx.config.limits.defaultQuotaBytes };
    });
  }

  router.get('/api/accounts', async (req, res) => {
    const limit = queryInt(req, 'limit', 50, 1, 200);
    const offset = queryInt(req, 'offset', 0, 0, 1_000_000_000);
    const domain = queryString(req, 'domain', 253);
    const search = queryString(req, 'search');
    const kind = oneOf({ kind: req.query.kind }, 'kind', ['user', 'guest'] as const);
    const { items, total } = await accountAdmin.list(adminOf(res).actor, { limit, offset, ...(domain ? { domain } : {}), ...(search ? { search } : {}), ...(kind ? { kind } : {}) });
    res.json({ items: await views(items), total, limit, offset });
  });

  router.post('/api/accounts', async (req, res) => {
    const fields = body(req, ['jid', 'password', 'displayName', 'firstName', 'lastName', 'email', 'serverAdmin', 'currentPassword']);
    const serverAdmin = optionalBoolean(fields, 'serverAdmin');
    const { actor } = adminOf(res);
    if (serverAdmin) {
      requireServerAdmin(actor);
      await ctx.access.confirm(actor, fields.currentPassword);
    }
    const account = await accountAdmin.create(actor, {
      jid: requiredString(fields, 'jid', 3071).trim(),
      password: requiredString(fields, 'password'),
      ...profile(fields),
      ...(serverAdmin !== undefined ? { serverAdmin } : {}),
    });
    res.status(201).json((await views([account]))[0]);
  });

  router.get('/api/accounts/:id', async (req, res) => {
    const account = await accountAdmin.require(adminOf(res).actor, idParam(req));
    res.json((await views([account]))[0]);
  });

  router.patch('/api/accounts/:id', async (req, res) => {
    const fields = body(req, [...PROFILE, 'disabled', 'serverAdmin', 'groupware', 'webdav', 'teamchat', 'quotaBytes', 'currentPassword']);
    const edit: AccountEdit = { ...profile(fields) };
    if (fields.quotaBytes !== undefined) {
      if (fields.quotaBytes !== null && typeof fields.quotaBytes !== 'number') throw new AppError('bad-request', '"quotaBytes" is a number of bytes, or null for the default', { details: { field: 'quotaBytes' } });
      edit.quotaBytes = checkQuota(fields.quotaBytes);
    }
    for (const flag of ['disabled', 'serverAdmin'] as const) {
      const value = optionalBoolean(fields, flag);
      if (value !== undefined) edit[flag] = value;
    }
    for (const feature of ['groupware', 'webdav', 'teamchat'] as const) {
      const value = tristate(fields, feature);
      if (value !== undefined) edit[feature] = value;
    }
    const { actor } = adminOf(res);
    const id = idParam(req);
    if (edit.serverAdmin) {
      await accountAdmin.require(actor, id);
      requireServerAdmin(actor);
      await ctx.access.confirm(actor, fields.currentPassword);
    }
    const account = await accountAdmin.update(actor, id, edit);
    res.json((await views([account]))[0]);
  });

  router.put('/api/accounts/:id/password', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = body(req, ['password', 'currentPassword']);
    const password = requiredString(fields, 'password');
    const id = idParam(req);
    await accountAdmin.require(actor, id);
    await ctx.access.confirm(actor, fields.currentPassword);
    await accountAdmin.setPassword(actor, id, password);
    res.status(204).end();
  });

  router.delete('/api/accounts/:id', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = optionalBody(req, ['currentPassword']);
    const id = idParam(req);
    await accountAdmin.require(actor, id);
    await ctx.access.confirm(actor, fields.currentPassword);
    await accountAdmin.delete(actor, id);
    res.status(204).end();
  });

  return router;
}
