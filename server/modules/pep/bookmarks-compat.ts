// XEP-0402 §5.3 compatibility: legacy XEP-0048 bookmarks stored with
// XEP-0049 private XML storage (`storage:bookmarks`) are a view of the
// urn:xmpp:bookmarks:1 node. Reading builds the legacy document from the
// node's items; writing publishes and retracts items so that the node
// matches it (with notifications). Advertising `urn:xmpp:bookmarks:1#compat`
// is what makes Conversations, Gajim and Monal use XEP-0402 at all.
// https://xmpp.org/extensions/xep-0402.html#compat
// https://xmpp.org/extensions/xep-0048.html  https://xmpp.org/extensions/xep-0049.html
// Other private storage namespaces are not stored (service-unavailable).

import { AppError } from '../../core/errors.js';
import { tryParseJid } from '../../core/jid.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { NS_BOOKMARKS2 } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { BOOKMARKS_NODE_CONFIG } from './bookmarks.js';
import { replyWithError } from './errors.js';
import type { PepService } from './pep-service.js';
import type { PepOwner } from './notify.js';

export const NS_PRIVATE = 'jabber:iq:private';
export const NS_LEGACY_BOOKMARKS = 'storage:bookmarks';
export const NS_BOOKMARKS2_COMPAT = `${NS_BOOKMARKS2}#compat`;

/** XEP-0402 <conference/> → XEP-0048 <conference jid=…/>. */
export function toLegacy(jid: string, conference: Element): Element {
  const autojoin = conference.attrs.autojoin === 'true' || conference.attrs.autojoin === '1';
  return el(
    'conference',
    { jid, name: conference.attrs.name, autojoin: autojoin ? 'true' : undefined },
    conference.getChildText('nick') !== null ? el('nick', null, conference.getChildText('nick') ?? '') : undefined,
    conference.getChildText('password') !== null ? el('password', null, conference.getChildText('password') ?? '') : undefined,
  );
}

/** XEP-0048 <conference jid=…/> → [room JID, XEP-0402 <conference/>], or undefined for an unusable entry. */
export function fromLegacy(legacy: Element): [string, Element] | undefined {
  const jid = tryParseJid(legacy.attrs.jid);
  if (!jid || !jid.local || !jid.isBare) return undefined;
  const autojoin = legacy.attrs.autojoin === 'true' || legacy.attrs.autojoin === '1';
  const nick = legacy.getChildText('nick');
  const password = legacy.getChildText('password');
  const conference = el(
    'conference',
    { xmlns: NS_BOOKMARKS2, name: legacy.attrs.name, autojoin: autojoin ? 'true' : 'false' },
    nick ? el('nick', null, nick) : undefined,
    password ? el('password', null, password) : undefined,
  );
  return [jid.bare, conference];
}

export function installBookmarksCompat(ctx: ModuleContext, service: PepService): void {
  const ownerOf = (event: StanzaEvent): PepOwner => {
    const accountId = event.origin?.account?.id;
    if (accountId === undefined) throw new AppError('forbidden');
    return { accountId, bare: event.from.bare };
  };

  const current = async (owner: PepOwner): Promise<Map<string, Element>> => {
    const items = (await ctx.services.repos.pep.getNode(owner.accountId, NS_BOOKMARKS2)) ? await service.items(owner, owner.bare, NS_BOOKMARKS2, {}) : [];
    const byJid = new Map<string, Element>();
    for (const item of items) {
      const conference = item.getChild('conference', NS_BOOKMARKS2);
      if (item.attrs.id && conference) byJid.set(item.attrs.id, conference);
    }
    return byJid;
  };

  const storageOf = (event: StanzaEvent): Element | undefined => event.stanza.getChild('query', NS_PRIVATE)?.getChild('storage', NS_LEGACY_BOOKMARKS);

  ctx.hook(`iq-get/self/${NS_PRIVATE}:query`, async (event) => {
    if (!storageOf(event)) return false;
    try {
      const bookmarks = await current(ownerOf(event));
      const storage = el('storage', { xmlns: NS_LEGACY_BOOKMARKS }, ...[...bookmarks].map(([jid, conference]) => toLegacy(jid, conference)));
      event.origin?.send(iqResult(event.stanza, el('query', { xmlns: NS_PRIVATE }, storage)));
    } catch (error) {
      replyWithError(ctx, event.origin, event.stanza, error);
    }
    return true;
  });

  ctx.hook(`iq-set/self/${NS_PRIVATE}:query`, async (event) => {
    const storage = storageOf(event);
    if (!storage) return false;
    try {
      const owner = ownerOf(event);
      const wanted = new Map<string, Element>();
      for (const legacy of storage.getChildren('conference')) {
        const converted = fromLegacy(legacy);
        if (converted) wanted.set(...converted);
      }
      if (!(await ctx.services.repos.pep.getNode(owner.accountId, NS_BOOKMARKS2))) {
        await ctx.services.repos.pep.putNode(owner.accountId, NS_BOOKMARKS2, { ...BOOKMARKS_NODE_CONFIG });
      }
      const existing = await current(owner);
      for (const [jid, conference] of wanted) {
        if (existing.get(jid)?.toString() === conference.toString()) continue;
        await service.publish(owner, { node: NS_BOOKMARKS2, itemId: jid, payload: conference, options: undefined });
      }
      for (const jid of existing.keys()) if (!wanted.has(jid)) await service.retract(owner, NS_BOOKMARKS2, jid, true);
      event.origin?.send(iqResult(event.stanza));
    } catch (error) {
      replyWithError(ctx, event.origin, event.stanza, error);
    }
    return true;
  });
}
