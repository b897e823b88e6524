// Service discovery on an account's bare JID for PEP (XEP-0163 §1, §9;
// XEP-0060 §5.1–5.4): the pubsub/pep identity is registered with the disco
// module (Conversations and others look for it before using PEP), which
// answers the plain account query; here we list the nodes the requester may
// see and describe each one.
// https://xmpp.org/extensions/xep-0163.html#support-owner

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { NS_DISCO_INFO, NS_DISCO_ITEMS, NS_PUBSUB } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { replyWithError } from './errors.js';
import type { PepService } from './pep-service.js';

/** Above the disco module's account handlers (-10): node queries and items are PEP's. */
const PRIORITY = 0;

export function installPepDisco(ctx: ModuleContext, service: PepService): void {
  const owner = async (event: StanzaEvent): Promise<{ accountId: number; bare: string; kind: string }> => {
    const account = await ctx.services.accounts.getByJid(event.to.local, event.to.domain);
    if (!account) throw new AppError('service-unavailable');
    return { accountId: account.id, bare: event.to.bare, kind: account.kind };
  };

  const answer = (work: (event: StanzaEvent, query: Element) => Promise<Element>, plain = true) => async (event: StanzaEvent): Promise<boolean> => {
    const query = event.stanza.getChildElements()[0];
    if (!query || (!plain && query.attrs.node === undefined)) return false;
    try {
      event.origin?.send(iqResult(event.stanza, await work(event, query)));
    } catch (error) {
      replyWithError(ctx, event.origin, event.stanza, error);
    }
    return true;
  };

  const info = answer(async (event, query) => {
    const account = await owner(event);
    const node = query.attrs.node as string;
    await service.accessibleNode(account, event.from.bare, node);
    return el(
      'query',
      { xmlns: NS_DISCO_INFO, node },
      el('identity', { category: 'pubsub', type: 'leaf' }),
      el('feature', { var: NS_PUBSUB }),
    );
  }, false);

  const items = answer(async (event, query) => {
    const account = await owner(event);
    const node = query.attrs.node;
    if (node === undefined) {
      const nodes = await service.visibleNodes(account, event.from.bare);
      return el('query', { xmlns: NS_DISCO_ITEMS }, ...nodes.map((name) => el('item', { jid: account.bare, node: name })));
    }
    const published = await service.items(account, event.from.bare, node, {});
    return el('query', { xmlns: NS_DISCO_ITEMS, node }, ...published.map((item) => el('item', { jid: account.bare, name: item.attrs.id })));
  });

  for (const kind of ['self', 'bare'] as const) {
    ctx.hook(`iq-get/${kind}/${NS_DISCO_INFO}:query`, info, PRIORITY);
    ctx.hook(`iq-get/${kind}/${NS_DISCO_ITEMS}:query`, items, PRIORITY);
  }
}
