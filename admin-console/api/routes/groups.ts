// Groups: create (name and alias), access level, managers, members (accounts,
// whole domains, other groups), TeamChat on the group (which creates its
// room "TeamChat"), and the group's rooms. Group managers see and manage
// their groups; domain administrators every group of their domains.

import { Router, type Request } from 'express';
import { AppError } from '../../../server/core/errors.js';
import { isGroupManager, requireDomainAdmin } from '../../../server/domain/authorization.js';
import type { Actor } from '../../../server/domain/actor.js';
import type { Group, GroupAccess, Principal } from '../../../server/store/teamchat-types.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, nullableString, oneOf, optionalBody, optionalString, queryString, requiredBoolean, requiredString, type Fields } from '../validate.js';
import { accountSummary, groupView, principalView, roomView } from '../views.js';

const ACCESS: readonly GroupAccess[] = ['open', 'restricted', 'private'];
export const PRINCIPAL_TYPES = ['account', 'domain', 'group'] as const;

/** The group if the actor manages or administers it; others are reported missing. */
export async function visibleGroup(ctx: AdminContext, actor: Actor, id: number): Promise<Group> {
  const group = await ctx.services.groups.get(id);
  if (!group || !isGroupManager(actor, group)) throw new AppError('item-not-found', 'No such group among yours');
  return group;
}

/** `/…/:type/:principalId` as a Principal. */
export function principalParam(req: Request): Principal {
  const type = req.params.type;
  const id = idParam(req, 'principalId');
  if (type === 'account') return { type, accountId: id };
  if (type === 'domain') return { type, domainId: id };
  if (type === 'group') return { type, groupId: id };
  throw new AppError('item-not-found', `"${String(type)}" is not a member type: use account, domain or group`);
}

/** A member reference from a body: an id, or a JID (account) or name (domain). */
async function memberOf(ctx: AdminContext, fields: Fields): Promise<Principal> {
  const type = oneOf(fields, 'type', PRINCIPAL_TYPES);
  if (!type) throw new AppError('bad-request', '"type" is required: account, domain or group', { details: { field: 'type' } });
  const raw = fields.id;
  if (raw !== undefined && (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1)) throw new AppError('bad-request', '"id" must be a positive whole number', { details: { field: 'id' } });
  let id = raw as number | undefined;
  const { repos } = ctx.services;
  if (id === undefined && type === 'account') {
    const jid = optionalString(fields, 'jid', 3071);
    const at = jid?.lastIndexOf('@') ?? -1;
    const account = jid && at > 0 ? await repos.accounts.getByAddress(jid.slice(0, at), jid.slice(at + 1).toLowerCase()) : undefined;
    if (jid && !account) throw new AppError('item-not-found', `No account ${jid}`, { details: { field: 'jid' } });
    id = account?.id;
  }
  if (id === undefined && type === 'domain') {
    const name = optionalString(fields, 'name', 253);
    const domain = name ? await repos.domains.getByName(name.toLowerCase()) : undefined;
    if (name && !domain) throw new AppError('item-not-found', `No domain ${name}`, { details: { field: 'name' } });
    id = domain?.id;
  }
  if (id === undefined) throw new AppError('bad-request', type === 'group' ? 'Give the group "id"' : `Give "id" or ${type === 'account' ? '"jid"' : '"name"'}`, { details: { field: 'id' } });
  return type === 'account' ? { type, accountId: id } : type === 'domain' ? { type, domainId: id } : { type, groupId: id };
}

export function groupRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { services } = ctx;
  const { groups, rooms, repos } = services;

  router.get('/api/groups', async (req, res) => {
    const { actor } = adminOf(res);
    const domainName = queryString(req, 'domain', 253);
    const search = queryString(req, 'search');
    let domainId: number | undefined;
    if (domainName) {
      const domain = await repos.domains.getByName(domainName.toLowerCase());
      if (!domain) throw new AppError('item-not-found', `No domain ${domainName}`);
      domainId = domain.id;
    }
    const all = await groups.list({ ...(domainId !== undefined ? { domainId } : {}), ...(search ? { search } : {}) });
    res.json({ items: all.filter((g) => isGroupManager(actor, g)).map(groupView) });
  });

  router.post('/api/groups', async (req, res) => {
    const fields = body(req, ['domain', 'name', 'alias', 'access', 'description']);
    const access = oneOf(fields, 'access', ACCESS);
    const description = nullableString(fields, 'description', 2000);
    const group = await groups.create(adminOf(res).actor, {
      domain: requiredString(fields, 'domain', 253),
      name: requiredString(fields, 'name', 190),
      alias: requiredString(fields, 'alias', 64),
      ...(access ? { access } : {}),
      ...(description !== undefined ? { description } : {}),
    });
    res.status(201).json(groupView(group));
  });

  router.get('/api/groups/:id', async (req, res) => {
    const group = await visibleGroup(ctx, adminOf(res).actor, idParam(req));
    const managers = await Promise.all((await groups.managers(group.id)).map((id) => repos.accounts.get(id)));
    const members = await Promise.all((await groups.members(group.id)).map((m) => principalView(repos, m)));
    res.json({ ...groupView(group), managers: managers.flatMap((a) => (a ? [accountSummary(a)] : [])), members });
  });

  router.patch('/api/groups/:id', async (req, res) => {
    const fields = body(req, ['name', 'access', 'description']);
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    const name = optionalString(fields, 'name', 190);
    const access = oneOf(fields, 'access', ACCESS);
    const description = nullableString(fields, 'description', 2000);
    const updated = await groups.update(actor, group.id, { ...(name !== undefined ? { name } : {}), ...(access ? { access } : {}), ...(description !== undefined ? { description } : {}) });
    res.json(groupView(updated));
  });

  // Only administrators of the group's domain delete it, with their password again.
  router.delete('/api/groups/:id', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = optionalBody(req, ['currentPassword']);
    const group = await visibleGroup(ctx, actor, idParam(req));
    requireDomainAdmin(actor, group.domainId);
    await ctx.access.confirm(actor, fields.currentPassword);
    await groups.delete(actor, group.id);
    res.status(204).end();
  });

  router.get('/api/groups/:id/members', async (req, res) => {
    const group = await visibleGroup(ctx, adminOf(res).actor, idParam(req));
    res.json({ items: await Promise.all((await groups.members(group.id)).map((m) => principalView(repos, m))) });
  });

  router.post('/api/groups/:id/members', async (req, res) => {
    const fields = body(req, ['type', 'id', 'jid', 'name']);
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    const member = await memberOf(ctx, fields);
    await groups.addMember(actor, group.id, member);
    res.status(201).json(await principalView(repos, member));
  });

  router.delete('/api/groups/:id/members/:type/:principalId', async (req, res) => {
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    await groups.removeMember(actor, group.id, principalParam(req));
    res.status(204).end();
  });

  for (const [method, manager] of [['put', true], ['delete', false]] as const) {
    router[method]('/api/groups/:id/managers/:accountId', async (req, res) => {
      const { actor } = adminOf(res);
      const group = await visibleGroup(ctx, actor, idParam(req));
      await groups.setManager(actor, group.id, idParam(req, 'accountId'), manager);
      res.status(204).end();
    });
  }

  router.get('/api/groups/:id/requests', async (req, res) => {
    const group = await visibleGroup(ctx, adminOf(res).actor, idParam(req));
    const requests = await groups.joinRequests(group.id);
    const accounts = await Promise.all(requests.map((r) => repos.accounts.get(r.accountId)));
    res.json({ items: requests.map((r, i) => ({ id: r.id, account: accounts[i] ? accountSummary(accounts[i]) : null, message: r.message, createdAt: r.createdAt })) });
  });

  router.post('/api/groups/:id/requests/:requestId', async (req, res) => {
    const fields = body(req, ['approve']);
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    const requestId = idParam(req, 'requestId');
    if (!(await groups.joinRequests(group.id)).some((r) => r.id === requestId)) throw new AppError('item-not-found', 'No pending request with this id for this group');
    await groups.decide(actor, requestId, requiredBoolean(fields, 'approve'));
    res.status(204).end();
  });

  router.put('/api/groups/:id/teamchat', async (req, res) => {
    const fields = body(req, ['enabled']);
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    const list = await rooms.setGroupTeamChat(actor, group.id, requiredBoolean(fields, 'enabled'));
    res.json({ items: list.map(roomView) });
  });

  router.get('/api/groups/:id/rooms', async (req, res) => {
    const group = await visibleGroup(ctx, adminOf(res).actor, idParam(req));
    res.json({ items: (await repos.rooms.find({ groupId: group.id })).map(roomView) });
  });

  router.post('/api/groups/:id/rooms', async (req, res) => {
    const fields = body(req, ['name']);
    const { actor } = adminOf(res);
    const group = await visibleGroup(ctx, actor, idParam(req));
    const room = await rooms.addGroupRoom(actor, group.id, requiredString(fields, 'name', 100));
    res.status(201).json(roomView(room));
  });

  return router;
}
