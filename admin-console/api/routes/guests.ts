// Guest accounts (services.guests): list with search, bulk delete, a guest's
// page (names, description, last login, rooms), edit, password reset,
// delete. Deleting ends the guest's sessions at once (account-deleted event).
// Guests and guest domains the administrator does not administer answer 404,
// like every other item outside their reach.

import { Router } from 'express';
import { AppError, isAppError } from '../../../server/core/errors.js';
import { isDomainAdmin } from '../../../server/domain/authorization.js';
import type { Actor } from '../../../server/domain/actor.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, nullableString, optionalBody, optionalString, queryInt, queryString } from '../validate.js';

export function guestRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { guests, repos } = ctx.services;

  /** The id of a guest the actor administers; a guest of another domain is reported missing. */
  async function guestInReach(actor: Actor, id: number): Promise<number> {
    const account = await repos.accounts.get(id);
    if (account?.kind === 'guest' && !isDomainAdmin(actor, account.domainId)) throw new AppError('item-not-found', 'No such guest among yours');
    return id;
  }

  router.get('/api/guests', async (req, res) => {
    const limit = queryInt(req, 'limit', 50, 1, 500);
    const offset = queryInt(req, 'offset', 0, 0, 1_000_000_000);
    const search = queryString(req, 'search');
    const domainName = queryString(req, 'domain', 253);
    const domain = domainName ? await repos.domains.getByName(domainName.toLowerCase()) : undefined;
    const { actor } = adminOf(res);
    if (domainName && (!domain || !isDomainAdmin(actor, domain.id))) throw new AppError('item-not-found', `No domain ${domainName} among yours`);
    const { guests: items, total } = await guests.list(actor, { limit, offset, ...(search ? { search } : {}), ...(domain ? { domainId: domain.id } : {}) });
    res.json({ items, total, limit, offset });
  });

  router.post('/api/guests/delete', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = body(req, ['ids', 'currentPassword']);
    const ids = fields.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500 || !ids.every((id) => Number.isInteger(id) && id > 0)) {
      throw new AppError('bad-request', '"ids" must be a list of 1 to 500 guest ids', { details: { field: 'ids' } });
    }
    await ctx.access.confirm(actor, fields.currentPassword);
    const deleted: number[] = [];
    const failed: Array<{ id: number; detail: string }> = [];
    for (const id of new Set(ids as number[])) {
      try {
        await guests.delete(actor, await guestInReach(actor, id));
        deleted.push(id);
      } catch (error) {
        if (!isAppError(error)) throw error;
        failed.push({ id, detail: error.text ?? error.condition });
      }
    }
    res.json({ deleted, failed });
  });

  router.get('/api/guests/:id', async (req, res) => {
    const { actor } = adminOf(res);
    res.json(await guests.get(actor, await guestInReach(actor, idParam(req))));
  });

  router.patch('/api/guests/:id', async (req, res) => {
    const fields = body(req, ['firstName', 'lastName', 'description']);
    const patch = Object.fromEntries(
      (['firstName', 'lastName', 'description'] as const).flatMap((f) => {
        const value = nullableString(fields, f, f === 'description' ? 2000 : 100);
        return value === undefined ? [] : [[f, value]];
      }),
    );
    const { actor } = adminOf(res);
    res.json(await guests.update(actor, await guestInReach(actor, idParam(req)), patch));
  });

  router.post('/api/guests/:id/password', async (req, res) => {
    const fields = optionalBody(req, ['password', 'currentPassword']);
    const password = optionalString(fields, 'password');
    const { actor } = adminOf(res);
    const id = (await guests.get(actor, await guestInReach(actor, idParam(req)))).id;
    await ctx.access.confirm(actor, fields.currentPassword);
    const result = await guests.resetPassword(actor, id, password);
    res.json({ password: result.password, generated: password === undefined });
  });

  router.delete('/api/guests/:id', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = optionalBody(req, ['currentPassword']);
    const id = (await guests.get(actor, await guestInReach(actor, idParam(req)))).id;
    await ctx.access.confirm(actor, fields.currentPassword);
    await guests.delete(actor, id);
    res.status(204).end();
  });

  return router;
}
