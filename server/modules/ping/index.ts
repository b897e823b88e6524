// XEP-0199: XMPP Ping — https://xmpp.org/extensions/xep-0199.html

import { defineModule } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_PING } from '../../xmpp/namespaces.js';
import { iqResult } from '../../xmpp/stanza.js';

export const ping = defineModule({
  name: 'ping',
  xeps: [{ xep: 199, version: '2.0.1' }],
  setup(ctx) {
    ctx.disco.addServerFeature(NS_PING);
    const pong = ({ stanza, origin }: StanzaEvent): boolean => {
      origin?.send(iqResult(stanza));
      return true;
    };
    ctx.hook(`iq-get/host/${NS_PING}:ping`, pong);
    ctx.hook(`iq-get/self/${NS_PING}:ping`, pong);
  },
});
