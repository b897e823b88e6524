// Domains and their GroupWare / WebDAV / TeamChat switches, and their
// administrators. Domains outside the actor's reach are reported missing.

import { Router } from 'express';
import { requireServerAdmin } from '../../../server/domain/authorization.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, nullableString, oneOf, optionalBody, optionalBoolean, requiredString, stringParam } from '../validate.js';
import { accountSummary, domainView } from '../views.js';

export function domainRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { domainAdmin, services } = ctx;

  router.get('/api/domains', async (_req, res) => {
    const domains = await domainAdmin.list(adminOf(res).actor);
    res.json({ items: domains.map(domainView) });
  });

  router.post('/api/domains', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = body(req, ['name', 'kind', 'description']);
    const kind = oneOf(fields, 'kind', ['regular', 'guest'] as const);
    const description = nullableString(fields, 'description', 2000);
    const domain = await domainAdmin.create(actor, { name: requiredString(fields, 'name', 253).trim(), ...(kind ? { kind } : {}), ...(description !== undefined ? { description } : {}) });
    res.status(201).json(domainView(domain));
  });

  router.get('/api/domains/:name', async (req, res) => {
    const domain = await domainAdmin.require(adminOf(res).actor, stringParam(req, 'name'));
    const admins = await Promise.all((await domainAdmin.admins(domain)).map((id) => services.repos.accounts.get(id)));
    res.json({ ...domainView(domain), admins: admins.flatMap((a) => (a ? [accountSummary(a)] : [])) });
  });

  router.patch('/api/domains/:name', async (req, res) => {
    const fields = body(req, ['description', 'groupware', 'webdav', 'teamchat']);
    const patch = {
      ...(nullableString(fields, 'description', 2000) !== undefined ? { description: nullableString(fields, 'description', 2000) ?? null } : {}),
      ...Object.fromEntries((['groupware', 'webdav', 'teamchat'] as const).flatMap((f) => {
        const value = optionalBoolean(fields, f);
        return value === undefined ? [] : [[f, value]];
      })),
    };
    const domain = await domainAdmin.update(adminOf(res).actor, stringParam(req, 'name'), patch);
    res.json(domainView(domain));
  });

  // Adding an administrator asks for the server administrator's password again.
  router.put('/api/domains/:name/admins/:accountId', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = optionalBody(req, ['currentPassword']);
    const name = stringParam(req, 'name');
    await domainAdmin.require(actor, name);
    requireServerAdmin(actor);
    await ctx.access.confirm(actor, fields.currentPassword);
    await domainAdmin.setAdmin(actor, name, idParam(req, 'accountId'), true);
    res.status(204).end();
  });

  router.delete('/api/domains/:name/admins/:accountId', async (req, res) => {
    await domainAdmin.setAdmin(adminOf(res).actor, stringParam(req, 'name'), idParam(req, 'accountId'), false);
    res.status(204).end();
  });

  return router;
}
