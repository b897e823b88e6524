// XEP-0202: Entity Time — https://xmpp.org/extensions/xep-0202.html

import { defineModule } from '../../core/module.js';
import { NS_TIME } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';

export const time = defineModule({
  name: 'time',
  xeps: [{ xep: 202, version: '2.0' }],
  setup(ctx) {
    ctx.disco.addServerFeature(NS_TIME);
    ctx.hook(`iq-get/host/${NS_TIME}:time`, ({ stanza, origin }) => {
      const now = ctx.services.clock.now();
      origin?.send(iqResult(stanza, el('time', { xmlns: NS_TIME }, el('tzo', null, '+00:00'), el('utc', null, now.toISOString().replace(/\.\d{3}Z$/, 'Z')))));
      return true;
    });
  },
});
