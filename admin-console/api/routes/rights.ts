// Rights on a group's rooms as a whole or on one room: grantees (accounts,
// groups, domains) with their rights, set by preset or as a custom set.

import { Router, type Request } from 'express';
import { AppError } from '../../../server/core/errors.js';
import { isDomainAdmin, isGroupManager } from '../../../server/domain/authorization.js';
import type { Actor } from '../../../server/domain/actor.js';
import { parseRights, type PresetName } from '../../../server/domain/rights-model.js';
import type { GrantScope, Rights, Room } from '../../../server/store/teamchat-types.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, oneOf } from '../validate.js';
import { grantView, roomView } from '../views.js';
import { principalParam, visibleGroup } from './groups.js';

function rightsOf(req: Request): Rights {
  const fields = body(req, ['preset', 'rights']);
  const preset = oneOf(fields, 'preset', ['reader', 'author', 'administrator'] as const);
  const list = fields.rights;
  if (preset !== undefined && list !== undefined) throw new AppError('bad-request', 'Give either "preset" or "rights", not both', { details: { field: 'rights' } });
  if (preset !== undefined) return parseRights(preset as PresetName);
  if (!Array.isArray(list) || !list.every((r): r is string => typeof r === 'string')) {
    throw new AppError('bad-request', 'Give "preset" (reader, author, administrator) or "rights" (a list such as ["read","write"])', { details: { field: 'rights' } });
  }
  return parseRights(list);
}

/** A room the actor administers (its group's manager, or an administrator of its domain). */
async function visibleRoom(ctx: AdminContext, actor: Actor, id: number): Promise<Room> {
  const room = await ctx.services.rooms.get(id);
  const group = room?.groupId ? await ctx.services.groups.get(room.groupId) : undefined;
  const allowed = room && (group ? isGroupManager(actor, group) : isDomainAdmin(actor, room.domainId));
  if (!room || !allowed) throw new AppError('item-not-found', 'No such room among yours');
  return room;
}

export function rightsRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { rights, repos } = ctx.services;

  const scopes: Array<{ base: string; scope: (req: Request, actor: Actor) => Promise<GrantScope> }> = [
    { base: '/api/groups/:id/rights', scope: async (req, actor) => ({ kind: 'group', groupId: (await visibleGroup(ctx, actor, idParam(req))).id }) },
    { base: '/api/rooms/:id/rights', scope: async (req, actor) => ({ kind: 'room', roomId: (await visibleRoom(ctx, actor, idParam(req))).id }) },
  ];

  for (const { base, scope } of scopes) {
    router.get(base, async (req, res) => {
      const grants = await rights.list(await scope(req, adminOf(res).actor));
      res.json({ items: await Promise.all(grants.map((g) => grantView(repos, g))) });
    });

    router.put(`${base}/:type/:principalId`, async (req, res) => {
      const { actor } = adminOf(res);
      const target = await scope(req, actor);
      const grant = await rights.grant(actor, target, principalParam(req), rightsOf(req));
      res.json(await grantView(repos, grant));
    });

    router.delete(`${base}/:type/:principalId`, async (req, res) => {
      const { actor } = adminOf(res);
      await rights.revoke(actor, await scope(req, actor), principalParam(req));
      res.status(204).end();
    });
  }

  router.get('/api/rooms/:id', async (req, res) => {
    res.json(roomView(await visibleRoom(ctx, adminOf(res).actor, idParam(req))));
  });

  return router;
}
