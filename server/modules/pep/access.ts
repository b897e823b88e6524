// PEP access models (XEP-0060 §4.5, XEP-0163 §5): who may retrieve items
// and receive notifications, from the owner's roster. Denials carry the
// §6.5.9 conditions: presence → not-authorized + presence-subscription-required,
// roster → not-authorized + not-in-roster-group, whitelist → not-allowed + closed-node.
// https://xmpp.org/extensions/xep-0060.html#accessmodels

import type { RosterItem, RosterRepo } from '../../store/types.js';
import { PubsubError } from './errors.js';
import type { AccessModel } from './node-config.js';

/** How the requester stands in the node owner's roster. */
export type Relation = 'owner' | 'subscriber' | 'roster' | 'stranger';

/** A contact has a presence subscription to the owner (RFC 6121 `from` / `both` on the owner's side). */
export function isPresenceSubscriber(item: RosterItem | undefined): boolean {
  return item?.subscription === 'from' || item?.subscription === 'both';
}

/** In the roster for real: not a row that only records an unanswered inbound request. */
function isRosterMember(item: RosterItem | undefined): boolean {
  if (!item) return false;
  return item.subscription !== 'none' || item.askOut || !item.pendingIn;
}

export function relationFromItem(item: RosterItem | undefined): Relation {
  if (isPresenceSubscriber(item)) return 'subscriber';
  return isRosterMember(item) ? 'roster' : 'stranger';
}

export async function relationOf(roster: RosterRepo, owner: { accountId: number; bare: string }, requesterBare: string): Promise<Relation> {
  if (requesterBare === owner.bare) return 'owner';
  return relationFromItem(await roster.get(owner.accountId, requesterBare));
}

/** True when `relation` grants access under `model`. */
export function mayAccess(model: AccessModel, relation: Relation): boolean {
  if (relation === 'owner') return true;
  switch (model) {
    case 'open':
      return true;
    case 'presence':
      return relation === 'subscriber';
    case 'roster':
      return relation === 'subscriber' || relation === 'roster';
    case 'whitelist':
      return false;
  }
}

/** The §6.5.9 error for a denied retrieval, or undefined when access is granted. */
export function accessError(model: AccessModel, relation: Relation): PubsubError | undefined {
  if (mayAccess(model, relation)) return undefined;
  switch (model) {
    case 'presence':
      return new PubsubError('not-authorized', 'presence-subscription-required', 'You need a presence subscription to see this');
    case 'roster':
      return new PubsubError('not-authorized', 'not-in-roster-group', 'You are not in the owner’s roster');
    default:
      return new PubsubError('not-allowed', 'closed-node', 'This node is private');
  }
}
