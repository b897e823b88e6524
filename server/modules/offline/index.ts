// XEP-0160: Best Practices for Handling Offline Messages, on RFC 6121
// §8.5.2.2 ("no available resources": store). Stores what the message
// module hands over through `message-offline`, delivers on
// `presence-initial`. https://xmpp.org/extensions/xep-0160.html

import { defineModule } from '../../core/module.js';
import { FEATURE_MSGOFFLINE } from '../../xmpp/namespaces.js';
import { OfflineDelivery } from './offline-delivery.js';
import { OfflineStore } from './offline-store.js';

export const offline = defineModule({
  name: 'offline',
  xeps: [{ xep: 160, version: '1.0.1' }],
  setup(ctx) {
    const repos = ctx.services.repos;
    const delivery = new OfflineDelivery(repos.offline, ctx.log, ctx.config.limits.offlineMaxPerAccount);
    const flushTo = (bare: string): void => {
      const session = ctx.sessions.availableOf(bare).find((s) => s.priority >= 0);
      if (session) void delivery.flush(session).catch((error: unknown) => ctx.log.error('offline delivery failed', { error, jid: bare }));
    };
    const store = new OfflineStore({
      repo: repos.offline,
      durable: ctx.durable,
      limit: ctx.config.limits.offlineMaxPerAccount,
      async accountIdOf(jid) {
        const account = await ctx.services.accounts.getByJid(jid.local, jid.domain);
        return account && !account.disabled ? account.id : undefined;
      },
      // The account came online while this copy was being written: the
      // initial flush may have missed it, so flush again.
      committed: (_accountId, to) => flushTo(to.bare),
    });
    ctx.disco.addServerFeature(FEATURE_MSGOFFLINE);

    // A refusal (storage full) is thrown: the message module answers the sender.
    ctx.hook('message-offline', (request) => store.store(request));

    // Not awaited: the presence module's own work does not wait for the database.
    ctx.hook('presence-initial', ({ session }) => {
      void delivery.flush(session).catch((error: unknown) => ctx.log.error('offline delivery failed', { error, jid: session.jid?.full }));
    });
  },
});
