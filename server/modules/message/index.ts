// RFC 6121 §8: exchanging messages between local accounts — routing (§8.5),
// XEP-0359 stanza ids on archived messages, server-only claims stripped
// from what clients send. Archive, offline and carbons pieces live in the
// mam, offline and carbons folders; this module is where they meet.
// https://www.rfc-editor.org/rfc/rfc6121#section-8 — https://xmpp.org/extensions/xep-0359.html

import { defineModule } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_SID } from '../../xmpp/namespaces.js';
import { AccountDirectory } from './account-directory.js';
import { MessagePath } from './message-path.js';
import { stripServerClaims } from './sanitize.js';
import { SenderOrder } from './sender-order.js';

export const message = defineModule({
  name: 'message',
  xeps: [{ xep: 359, version: '0.7.0' }],
  setup(ctx) {
    const directory = new AccountDirectory(ctx.services, ctx.sessions);
    const path = new MessagePath(ctx, directory, new SenderOrder(ctx.log));
    ctx.disco.addAccountFeature(NS_SID);

    for (const event of ['account-deleted', 'account-disabled'] as const) {
      ctx.onStop(ctx.services.events.hook(event, ({ jid }) => directory.forget(jid)));
    }

    // Outbound processing on the sender's side runs before any delivery handler.
    const sanitize = ({ stanza }: StanzaEvent): boolean => {
      stripServerClaims(stanza);
      return false;
    };
    for (const kind of ['self', 'bare', 'full', 'host'] as const) ctx.hook(`pre-message/${kind}`, sanitize, 1000);

    ctx.hook('message/bare', (event) => path.toBare(event));
    ctx.hook('message/self', (event) => path.toBare(event));
    ctx.hook('message/full', (event) => path.toFull(event));
    // Low priority: a feature module (announcements, bots) may claim host messages first.
    ctx.hook('message/host', (event) => path.toHost(event), -100);
  },
});
