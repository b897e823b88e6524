// XEP-0313: Message Archive Management on the user's own archive, with
// XEP-0059 paging, the urn:xmpp:mam:2#extended fields (before-id, after-id,
// ids, flip-page, metadata) and full-text search (XEP-0431 field and
// ejabberd's `withtext`). Messages are archived by the message module
// (see archiving.ts); this module answers queries.
// https://xmpp.org/extensions/xep-0313.html — https://xmpp.org/extensions/xep-0431.html

import { defineModule } from '../../core/module.js';
import { NS_MAM, NS_MAM_EXTENDED } from '../../xmpp/namespaces.js';
import { createMamHandlers } from './handlers.js';

export const mam = defineModule({
  name: 'mam',
  xeps: [
    { xep: 313, version: '1.1.3' },
    { xep: 59, version: '1.0.0' },
    { xep: 431, version: '0.2.0' },
  ],
  setup(ctx) {
    const handlers = createMamHandlers(ctx);
    for (const feature of [NS_MAM, NS_MAM_EXTENDED]) {
      ctx.disco.addAccountFeature(feature);
      // Older clients look for MAM on the server rather than on their account.
      ctx.disco.addServerFeature(feature);
    }

    ctx.hook(`iq-get/self/${NS_MAM}:query`, handlers.form);
    ctx.hook(`iq-set/self/${NS_MAM}:query`, handlers.query);
    ctx.hook(`iq-get/self/${NS_MAM}:metadata`, handlers.metadata);
    ctx.hook(`iq-get/self/${NS_MAM}:prefs`, handlers.getPrefs);
    ctx.hook(`iq-set/self/${NS_MAM}:prefs`, handlers.setPrefs);
    for (const name of ['query', 'metadata', 'prefs']) {
      ctx.hook(`iq-get/bare/${NS_MAM}:${name}`, handlers.forbidden);
      ctx.hook(`iq-set/bare/${NS_MAM}:${name}`, handlers.forbidden);
    }
  },
});
