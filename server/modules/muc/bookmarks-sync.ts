// XEP-0402 bookmarks for the rooms an account can read (DESIGN.md: rooms
// appear in every client). The module manages only the bookmarks it made,
// marked with an extension element in its own namespace; bookmarks the user
// made are left alone. https://xmpp.org/extensions/xep-0402.html#extensions

import { parse } from 'ltx';
import type { Account } from '../../store/types.js';
import { roomJid } from '../../domain/rooms.js';
import { NS_BOOKMARKS2 } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { BOOKMARKS_NODE_CONFIG, pepOf, retractBookmark } from '../pep/index.js';
import type { MucState } from './state.js';

export const NS_MANAGED_BOOKMARK = 'urn:causerie:muc:managed-bookmark:0';

function isManaged(payload: string): boolean {
  try {
    return parse(payload).getChild('extensions')?.getChild('managed', NS_MANAGED_BOOKMARK) !== undefined;
  } catch {
    return false;
  }
}

export async function syncBookmarks(state: MucState, account: Account): Promise<void> {
  const { ctx } = state;
  const repos = ctx.services.repos;
  const rooms = await ctx.services.rooms.roomsOf(account);
  const wanted = new Map(rooms.map(({ room }) => [roomJid(room), room.name]));
  const existing = (await repos.pep.getNode(account.id, NS_BOOKMARKS2)) ? await repos.pep.findItems(account.id, NS_BOOKMARKS2) : [];
  const present = new Set(existing.map((item) => item.itemId));
  for (const item of existing) {
    if (!wanted.has(item.itemId) && isManaged(item.payload)) await retractBookmark(ctx, account.id, item.itemId);
  }
  const owner = { accountId: account.id, bare: `${account.localpart}@${account.domain}` };
  for (const [jid, name] of wanted) {
    if (present.has(jid)) continue;
    if (!(await repos.pep.getNode(account.id, NS_BOOKMARKS2))) await repos.pep.putNode(account.id, NS_BOOKMARKS2, { ...BOOKMARKS_NODE_CONFIG });
    const payload = el('conference', { xmlns: NS_BOOKMARKS2, name, autojoin: 'true' }, el('extensions', null, el('managed', { xmlns: NS_MANAGED_BOOKMARK })));
    await pepOf(ctx).publish(owner, { node: NS_BOOKMARKS2, itemId: jid, payload, options: undefined });
  }
}

/**
 * Re-syncs online accounts when memberships or rights change. A change of a
 * room's explicit members that names the accounts concerned re-syncs only
 * them; anything else re-syncs every online account. Changes that arrive
 * while a pass runs are merged into one next pass.
 */
export function watchBookmarks(state: MucState): Array<() => void> {
  const { ctx } = state;
  let pending: Set<number> | 'everyone' | undefined;
  let running = false;
  const drain = async (): Promise<void> => {
    running = true;
    try {
      while (pending !== undefined) {
        const targets = pending;
        pending = undefined;
        const seen = new Set<number>();
        for (const session of ctx.sessions.all()) {
          const account = session.account;
          if (!account || seen.has(account.id) || (targets !== 'everyone' && !targets.has(account.id))) continue;
          seen.add(account.id);
          await syncBookmarks(state, account).catch((error: unknown) => ctx.log.warn('bookmark sync failed', { error, account: account.id }));
        }
      }
    } finally {
      running = false;
    }
  };
  const resync = (accounts: readonly number[] | 'everyone'): void => {
    if (accounts === 'everyone' || pending === 'everyone') pending = 'everyone';
    else pending = new Set([...(pending ?? []), ...accounts]);
    if (!running) void drain();
  };
  const events = ctx.services.events;
  const everyone = (): void => resync('everyone');
  return [
    ...(['rights-changed', 'group-members-changed', 'room-changed', 'room-deleted', 'policy-changed', 'group-changed'] as const).map((name) => events.hook(name, everyone)),
    events.hook('room-members-changed', ({ removed, added }) => resync(added ? [...removed, ...added] : 'everyone')),
  ];
}
