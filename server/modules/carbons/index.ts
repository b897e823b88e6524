// XEP-0280: Message Carbons — enabling and disabling per session.
// https://xmpp.org/extensions/xep-0280.html#enabling
// The copies themselves are made by the message module (see copies.ts),
// which reads `session.carbons`.

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { NS_CARBONS } from '../../xmpp/namespaces.js';
import { iqResult } from '../../xmpp/stanza.js';

export const carbons = defineModule({
  name: 'carbons',
  xeps: [{ xep: 280, version: '1.0.1' }],
  setup(ctx) {
    ctx.disco.addServerFeature(NS_CARBONS);

    const toggle = (enabled: boolean) => ({ stanza, origin }: StanzaEvent): boolean => {
      if (!origin) return false;
      origin.carbons = enabled;
      // §4: the result comes from the address the request went to (the bare JID when none).
      const result = iqResult(stanza);
      if (result.attrs.from === undefined && origin.jid) result.attrs.from = origin.jid.bare;
      origin.send(result);
      return true;
    };
    // Only a user's own sessions can switch their carbons (§4.1, §5.1: not-allowed otherwise).
    const notYours = ({ stanza, origin }: StanzaEvent): boolean => {
      ctx.router.reply(origin, stanza, new AppError('not-allowed', "Carbons are switched by the account's own sessions"));
      return true;
    };

    ctx.hook(`iq-set/self/${NS_CARBONS}:enable`, toggle(true));
    ctx.hook(`iq-set/self/${NS_CARBONS}:disable`, toggle(false));
    // Some clients address the request to their server.
    ctx.hook(`iq-set/host/${NS_CARBONS}:enable`, toggle(true));
    ctx.hook(`iq-set/host/${NS_CARBONS}:disable`, toggle(false));
    ctx.hook(`iq-set/bare/${NS_CARBONS}:enable`, notYours);
    ctx.hook(`iq-set/bare/${NS_CARBONS}:disable`, notYours);
  },
});
