// XEP-0402: PEP Native Bookmarks — https://xmpp.org/extensions/xep-0402.html
// Clients manage urn:xmpp:bookmarks:1 as an ordinary PEP node (whitelist,
// max_items=max, §3.3 publish-options). These helpers let the server side
// (the rooms feature) add or remove a group room in a user's bookmarks so
// it appears in every client, notifying the user's resources (§3.2).

import type { ModuleContext } from '../../core/module.js';
import type { PepNodeConfig } from '../../store/types.js';
import { NS_BOOKMARKS2 } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { PEP_MAX_ITEMS } from './node-config.js';
import { pepOf } from './pep-service.js';

/** §3.3: the configuration the bookmarks node must have (private, unbounded, persistent). */
export const BOOKMARKS_NODE_CONFIG: Readonly<PepNodeConfig> = { accessModel: 'whitelist', maxItems: PEP_MAX_ITEMS, persistItems: true };

export interface BookmarkOptions {
  name?: string;
  autojoin?: boolean;
  nick?: string;
}

type BookmarkContext = Pick<ModuleContext, 'sessions' | 'services' | 'log'>;

async function ownerOf(ctx: BookmarkContext, accountId: number): Promise<{ accountId: number; bare: string } | undefined> {
  const account = await ctx.services.accounts.get(accountId);
  return account ? { accountId, bare: `${account.localpart}@${account.domain}` } : undefined;
}

/**
 * Adds (or replaces) the bookmark of `roomJid` in the account's bookmarks and
 * notifies its resources. Creates the node with the §3.3 configuration when
 * missing; an existing node keeps its configuration. Returns false when the
 * account does not exist.
 */
export async function publishBookmark(ctx: BookmarkContext, accountId: number, roomJid: string, options: BookmarkOptions = {}): Promise<boolean> {
  const owner = await ownerOf(ctx, accountId);
  if (!owner) return false;
  const { repos } = ctx.services;
  if (!(await repos.pep.getNode(accountId, NS_BOOKMARKS2))) await repos.pep.putNode(accountId, NS_BOOKMARKS2, { ...BOOKMARKS_NODE_CONFIG });
  const conference = el(
    'conference',
    { xmlns: NS_BOOKMARKS2, name: options.name, autojoin: options.autojoin ? 'true' : 'false' },
    options.nick ? el('nick', null, options.nick) : undefined,
  );
  await pepOf(ctx).publish(owner, { node: NS_BOOKMARKS2, itemId: roomJid, payload: conference, options: undefined });
  return true;
}

/** Removes the bookmark of `roomJid`, notifying the account's resources; false when there was none. */
export async function retractBookmark(ctx: BookmarkContext, accountId: number, roomJid: string): Promise<boolean> {
  const owner = await ownerOf(ctx, accountId);
  if (!owner || !(await ctx.services.repos.pep.getNode(accountId, NS_BOOKMARKS2))) return false;
  try {
    await pepOf(ctx).retract(owner, NS_BOOKMARKS2, roomJid, true);
    return true;
  } catch {
    return false;
  }
}
