// XEP-0191 §3.2–3.5: retrieve the blocklist, block, unblock, unblock all;
// pushes to every resource that retrieved the list; presence side effects.
// https://xmpp.org/extensions/xep-0191.html#usecases

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { NS_BLOCKING } from '../../xmpp/namespaces.js';
import { cloneElement, el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import type { BlocklistCache } from './blocklist-cache.js';
import { itemCoversAccount, normaliseItem } from './match.js';

/** Upper bound on one account's blocklist, so a client cannot grow it without limit. */
export const MAX_BLOCKLIST_ITEMS = 1000;

export function installCommands(ctx: ModuleContext, cache: BlocklistCache): void {
  // §3.2: pushes go to the resources that asked for the list.
  const requested = new WeakSet<ClientSession>();
  let pushes = 0;

  const push = (bare: string, payload: Element): void => {
    for (const session of ctx.sessions.sessionsOf(bare)) {
      if (!requested.has(session) || !session.jid) continue;
      session.send(el('iq', { type: 'set', id: `block-push-${++pushes}`, to: session.jid.full }, cloneElement(payload)));
    }
  };

  const items = (jids: string[]): Element[] => jids.map((jid) => el('item', { jid }));

  const readItems = (payload: Element): string[] => [...new Set(payload.getChildren('item').map((item) => normaliseItem(item.attrs.jid)))];

  /**
   * Contacts affected by a change of `changed` items: roster contacts with a
   * presence subscription (`from`/`both`) covered by an item (§3.3, §3.4).
   */
  const affectedContacts = async (accountId: number, changed: string[]): Promise<string[]> => {
    const roster = await ctx.services.repos.roster.find(accountId);
    return roster
      .filter((item) => item.subscription === 'from' || item.subscription === 'both')
      .map((item) => item.jid)
      .filter((contact) => changed.some((jid) => itemCoversAccount(jid, contact)));
  };

  /** §3.4 leaves the other direction open: probe unblocked contacts the user is subscribed to, so their presence shows again. */
  const probe = async (accountId: number, user: string, changed: string[]): Promise<void> => {
    for (const item of await ctx.services.repos.roster.find(accountId)) {
      if (item.subscription !== 'to' && item.subscription !== 'both') continue;
      if (!changed.some((jid) => itemCoversAccount(jid, item.jid))) continue;
      await ctx.router.route(el('presence', { type: 'probe', from: user, to: item.jid }));
    }
  };

  /** Sends the user's presence (or unavailable) from each available resource straight to the contacts. */
  const presenceTo = (user: string, contacts: string[], unavailable: boolean): void => {
    for (const session of ctx.sessions.availableOf(user)) {
      const from = session.jid?.full;
      if (!from) continue;
      for (const contact of contacts) {
        const presence = unavailable || !session.presence ? el('presence', { type: 'unavailable' }) : cloneElement(session.presence);
        presence.attrs.from = from;
        presence.attrs.to = contact;
        for (const target of ctx.sessions.availableOf(contact)) target.send(cloneElement(presence));
      }
    }
  };

  const owner = (origin: ClientSession | undefined): { accountId: number; bare: string } | undefined => {
    const accountId = origin?.account?.id;
    const bare = origin?.jid?.bare;
    return accountId === undefined || bare === undefined ? undefined : { accountId, bare };
  };

  const run = async (event: StanzaEvent, action: (who: { accountId: number; bare: string }, payload: Element) => Promise<Element | undefined>): Promise<boolean> => {
    const { stanza, origin } = event;
    const who = owner(origin);
    const payload = stanza.getChildElements()[0];
    if (!who || !payload) return false;
    try {
      origin?.send(iqResult(stanza, await action(who, payload)));
    } catch (error) {
      if (!(error instanceof AppError)) ctx.log.error('blocking command failed', { error });
      ctx.router.reply(origin, stanza, error instanceof AppError ? error : new AppError('internal-server-error'));
    }
    return true;
  };

  ctx.hook(`iq-get/self/${NS_BLOCKING}:blocklist`, (event) =>
    run(event, async ({ accountId }) => {
      if (event.origin) requested.add(event.origin);
      const list = await cache.list(accountId);
      return el('blocklist', { xmlns: NS_BLOCKING }, ...items([...list].sort()));
    }),
  );

  ctx.hook(`iq-set/self/${NS_BLOCKING}:block`, (event) =>
    run(event, async ({ accountId, bare }, payload) => {
      const jids = readItems(payload);
      if (jids.length === 0) throw new AppError('bad-request', 'A block command needs at least one item');
      if (jids.some((jid) => jid === bare || jid.startsWith(`${bare}/`))) throw new AppError('not-acceptable', 'You cannot block yourself');
      const current = await cache.list(accountId);
      const fresh = jids.filter((jid) => !current.has(jid));
      if (current.size + fresh.length > MAX_BLOCKLIST_ITEMS) throw new AppError('resource-constraint', `A blocklist holds at most ${MAX_BLOCKLIST_ITEMS} addresses`);
      await cache.add(accountId, jids);
      push(bare, el('block', { xmlns: NS_BLOCKING }, ...items(jids)));
      presenceTo(bare, await affectedContacts(accountId, fresh), true);
      return undefined;
    }),
  );

  ctx.hook(`iq-set/self/${NS_BLOCKING}:unblock`, (event) =>
    run(event, async ({ accountId, bare }, payload) => {
      const jids = readItems(payload);
      const before = [...(await cache.list(accountId))];
      const removed = jids.length === 0 ? before : jids.filter((jid) => before.includes(jid));
      if (jids.length === 0) await cache.clear(accountId);
      else await cache.remove(accountId, jids);
      push(bare, el('unblock', { xmlns: NS_BLOCKING }, ...items(jids)));
      // §3.4: the unblocked contacts get the user's current presence again.
      const stillBlocked = await cache.list(accountId);
      const contacts = (await affectedContacts(accountId, removed)).filter((contact) => ![...stillBlocked].some((jid) => itemCoversAccount(jid, contact)));
      presenceTo(bare, contacts, false);
      if (ctx.sessions.availableOf(bare).length > 0) await probe(accountId, bare, removed.filter((jid) => !stillBlocked.has(jid)));
      return undefined;
    }),
  );
}
