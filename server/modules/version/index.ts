// XEP-0092: Software Version — https://xmpp.org/extensions/xep-0092.html

import { defineModule } from '../../core/module.js';
import { NS_VERSION } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../core/version.js';

export const version = defineModule({
  name: 'version',
  xeps: [{ xep: 92, version: '1.1' }],
  setup(ctx) {
    ctx.disco.addServerFeature(NS_VERSION);
    ctx.hook(`iq-get/host/${NS_VERSION}:query`, ({ stanza, origin }) => {
      // The OS is not disclosed: it helps attackers more than users.
      origin?.send(iqResult(stanza, el('query', { xmlns: NS_VERSION }, el('name', null, PRODUCT_NAME), el('version', null, PRODUCT_VERSION))));
      return true;
    });
  },
});
