// Builds the Actor of an account: its roles looked up once, for a request
// (WebAdmin, REST) or an XMPP action.

import { AppError } from '../core/errors.js';
import type { Account, Repositories } from '../store/types.js';
import type { Actor } from './actor.js';

export async function actorFor(repos: Repositories, account: Account, ip: string | null = null): Promise<Actor> {
  if (account.disabled) throw new AppError('forbidden', 'This account is disabled');
  const [domainAdminOf, managerOf] = await Promise.all([repos.domainAdmins.domainsOf(account.id), repos.groups.managedBy(account.id)]);
  return {
    accountId: account.id,
    label: `${account.localpart}@${account.domain}`,
    ip,
    serverAdmin: account.serverAdmin && account.kind !== 'guest',
    domainAdminOf: account.kind === 'guest' ? [] : domainAdminOf,
    managerOf: account.kind === 'guest' ? [] : managerOf,
  };
}
