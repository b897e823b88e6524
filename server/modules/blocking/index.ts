// XEP-0191: Blocking Command — https://xmpp.org/extensions/xep-0191.html
// Wiring only: the commands (commands.ts), the enforcement on every stanza
// between two accounts (enforcement.ts) and the shared cache.

import { defineModule } from '../../core/module.js';
import { NS_BLOCKING } from '../../xmpp/namespaces.js';
import { blocklistsOf } from './blocklist-cache.js';
import { installCommands } from './commands.js';
import { installEnforcement } from './enforcement.js';

export { blocklistsOf } from './blocklist-cache.js';
export type { BlocklistCache } from './blocklist-cache.js';

export const blocking = defineModule({
  name: 'blocking',
  xeps: [{ xep: 191, version: '1.3' }],
  setup(ctx) {
    const cache = blocklistsOf(ctx);
    ctx.disco.addServerFeature(NS_BLOCKING);
    installCommands(ctx, cache);
    installEnforcement(ctx, cache);
    // The sender's list is needed for each stanza it sends: load it at bind, not on the first message.
    ctx.hook('session-bound', async ({ session }) => {
      if (!session.account) return;
      // A failure here only means the list loads on first use instead.
      await Promise.resolve(cache.list(session.account.id)).catch((error: unknown) => ctx.log.warn('could not preload a blocklist', { error }));
    });
    const unhook = ctx.services.events.hook('account-deleted', ({ accountId, jid }) => cache.forget(accountId, jid));
    ctx.onStop(unhook);
  },
});
