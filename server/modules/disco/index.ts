// XEP-0030: Service Discovery — https://xmpp.org/extensions/xep-0030.html
// The server answers for itself (features modules registered) and for the
// bare JIDs of its accounts (account features such as PEP); disco#items on
// the server lists its service domains (rooms, upload).

import { defineModule } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { AppError } from '../../core/errors.js';
import { NS_DISCO_INFO, NS_DISCO_ITEMS } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

export const disco = defineModule({
  name: 'disco',
  xeps: [{ xep: 30, version: '2.5rc3' }],
  setup(ctx) {
    const info = (identities: Array<{ category: string; type: string; name?: string }>, features: string[], node?: string): Element =>
      el(
        'query',
        { xmlns: NS_DISCO_INFO, node },
        ...identities.map((i) => el('identity', { category: i.category, type: i.type, name: i.name })),
        ...features.map((f) => el('feature', { var: f })),
      );

    const serverInfo = ({ stanza, origin }: StanzaEvent): boolean => {
      const node = stanza.getChild('query')?.attrs.node;
      if (node) {
        ctx.router.reply(origin, stanza, new AppError('item-not-found', `No disco node ${node}`));
        return true;
      }
      origin?.send(iqResult(stanza, info(ctx.disco.serverIdentities(), ctx.disco.serverFeatures())));
      return true;
    };

    const accountInfo = async ({ stanza, origin, to }: StanzaEvent): Promise<boolean> => {
      const account = await ctx.services.accounts.getByJid(to.local, to.domain);
      if (!account) {
        ctx.router.reply(origin, stanza, new AppError('service-unavailable'));
        return true;
      }
      const identities = [{ category: 'account', type: account.kind === 'guest' ? 'guest' : 'registered' }, ...ctx.disco.accountIdentities()];
      origin?.send(iqResult(stanza, info(identities, ctx.disco.accountFeatures())));
      return true;
    };

    const serverItems = ({ stanza, origin }: StanzaEvent): boolean => {
      const items = [ctx.config.conferenceDomain, ctx.config.uploadDomain].filter((d) => ctx.router.isComponent(d));
      origin?.send(iqResult(stanza, el('query', { xmlns: NS_DISCO_ITEMS }, ...items.map((jid) => el('item', { jid })))));
      return true;
    };

    const accountItems = ({ stanza, origin }: StanzaEvent): boolean => {
      origin?.send(iqResult(stanza, el('query', { xmlns: NS_DISCO_ITEMS })));
      return true;
    };

    ctx.hook(`iq-get/host/${NS_DISCO_INFO}:query`, serverInfo);
    ctx.hook(`iq-get/self/${NS_DISCO_INFO}:query`, accountInfo, -10);
    ctx.hook(`iq-get/bare/${NS_DISCO_INFO}:query`, accountInfo, -10);
    ctx.hook(`iq-get/host/${NS_DISCO_ITEMS}:query`, serverItems);
    ctx.hook(`iq-get/self/${NS_DISCO_ITEMS}:query`, accountItems, -10);
    ctx.hook(`iq-get/bare/${NS_DISCO_ITEMS}:query`, accountItems, -10);
  },
});
