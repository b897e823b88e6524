// The requests of urn:causerie:groups:0 to the user's own server: list the
// groups one may see, join an open group (or ask to join a restricted one),
// leave; for a group's managers, list and decide join requests. The rules
// are the domain layer's
// (server/domain/groups.ts); this file only speaks XMPP.

import { AppError, isAppError } from '../../core/errors.js';
import { isGroupManager } from '../../domain/authorization.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import type { Account } from '../../store/types.js';
import { el, iqPayload, iqResult } from '../../xmpp/stanza.js';
import { NS_GROUPS, groupAddress, groupElement, requestNote, requestedAddress } from './codec.js';

export function createHandlers(ctx: ModuleContext) {
  const { services } = ctx;

  /** The account as stored now (the session's copy was read at login). */
  async function currentAccount(event: StanzaEvent): Promise<Account> {
    const id = event.origin?.account?.id;
    const account = id === undefined ? undefined : await services.repos.accounts.get(id);
    if (!account) throw new AppError('registration-required', 'Your account no longer exists');
    return account;
  }

  /** A group the account may see, by address; private groups of others do not exist for it. */
  async function visibleGroup(account: Account, address: string) {
    const entry = (await services.groups.overviewFor(account)).find(({ group }) => groupAddress(group) === address);
    if (!entry) throw new AppError('item-not-found', `There is no group ${address} you can see`);
    return entry;
  }

  /** The group as the account now sees it, or nothing when it became invisible. */
  async function stateOf(account: Account, groupId: number) {
    const entry = (await services.groups.overviewFor(account)).find(({ group }) => group.id === groupId);
    return entry ? groupElement(entry.group, entry.membership) : undefined;
  }

  function guarded(run: (event: StanzaEvent, account: Account) => Promise<void>) {
    return async (event: StanzaEvent): Promise<boolean> => {
      try {
        await run(event, await currentAccount(event));
      } catch (error) {
        if (!isAppError(error)) ctx.log.error('group request failed', { error });
        ctx.router.reply(event.origin, event.stanza, isAppError(error) ? error : new AppError('internal-server-error', 'The request failed; please try again'));
      }
      return true;
    };
  }

  const list = guarded(async ({ stanza, origin }, account) => {
    const groups = el('groups', { xmlns: NS_GROUPS });
    for (const { group, membership } of await services.groups.overviewFor(account)) groups.cnode(groupElement(group, membership));
    origin?.send(iqResult(stanza, groups));
  });

  const join = guarded(async ({ stanza, origin }, account) => {
    const payload = iqPayload(stanza);
    if (!payload) throw new AppError('bad-request');
    const { group, membership } = await visibleGroup(account, requestedAddress(payload));
    if (membership === 'pending') throw new AppError('conflict', `Your request to join ${group.name} is already waiting for a manager`);
    await services.groups.join(account, group.id, requestNote(payload));
    origin?.send(iqResult(stanza, await stateOf(account, group.id)));
  });

  const leave = guarded(async ({ stanza, origin }, account) => {
    const payload = iqPayload(stanza);
    if (!payload) throw new AppError('bad-request');
    const { group, membership } = await visibleGroup(account, requestedAddress(payload));
    if (membership === 'inherited') throw new AppError('not-allowed', `You belong to ${group.name} through your domain or another group; ask a manager of ${group.name}`);
    if (membership !== 'direct') throw new AppError('item-not-found', `You are not a member of ${group.name}`);
    await services.groups.leave(account, group.id);
    origin?.send(iqResult(stanza, await stateOf(account, group.id)));
  });

  /** A group the account manages (or administers), by address, for the request decisions. */
  async function managedGroup(account: Account, address: string) {
    const [alias = '', domainName = ''] = address.split('@');
    const domain = await services.repos.domains.getByName(domainName);
    const group = domain ? await services.repos.groups.getByAlias(domain.id, alias) : undefined;
    const actor = await services.actorFor(account);
    const manager = group !== undefined && isGroupManager(actor, group);
    const visible = manager || (group !== undefined && (await services.groups.visibleTo(account)).some((g) => g.id === group.id));
    if (!group || !visible) throw new AppError('item-not-found', `There is no group ${address} you can see`);
    if (!manager) throw new AppError('forbidden', `Only an administrator or a manager of ${group.name} sees and decides its join requests`);
    return { group, actor };
  }

  const requests = guarded(async ({ stanza, origin }, account) => {
    const payload = iqPayload(stanza);
    if (!payload) throw new AppError('bad-request');
    const { group } = await managedGroup(account, requestedAddress(payload));
    const answer = el('requests', { xmlns: NS_GROUPS, group: groupAddress(group) });
    for (const request of await services.groups.joinRequests(group.id)) {
      const from = await services.repos.accounts.get(request.accountId);
      if (!from) continue;
      answer.cnode(el('request', { id: String(request.id), from: `${from.localpart}@${from.domain}`, at: request.createdAt.toISOString() }, request.message ? el('message', null, request.message) : null));
    }
    origin?.send(iqResult(stanza, answer));
  });

  const decide = guarded(async ({ stanza, origin }, account) => {
    const payload = iqPayload(stanza);
    if (!payload) throw new AppError('bad-request');
    const id = Number(payload.attrs.request);
    const approve = payload.attrs.approve;
    if (!Number.isSafeInteger(id) || id <= 0 || (approve !== 'true' && approve !== 'false')) {
      throw new AppError('bad-request', "<decide/> needs request='id' (from <requests/>) and approve='true' or 'false'");
    }
    const request = await services.repos.groups.getJoinRequest(id);
    const group = request ? await services.groups.get(request.groupId) : undefined;
    if (!request || !group) throw new AppError('item-not-found', 'No such join request');
    const { actor } = await managedGroup(account, groupAddress(group));
    await services.groups.decide(actor, id, approve === 'true');
    origin?.send(iqResult(stanza));
  });

  return { list, join, leave, requests, decide };
}
