// Groups from a client (urn:causerie:groups:0, docs/XMPP.md "Groups"): a
// user lists the groups it may see, joins open ones, asks to join
// restricted ones and leaves, on its own server's JID; a group's managers
// list and decide the join requests. Joining or leaving
// changes the group's members, so its rooms appear or go (bookmarks and
// disco follow the membership events in server/modules/muc).

import { defineModule } from '../../core/module.js';
import { NS_GROUPS } from './codec.js';
import { createHandlers } from './handlers.js';

export const groups = defineModule({
  name: 'groups',
  setup(ctx) {
    ctx.disco.addServerFeature(NS_GROUPS);
    const handlers = createHandlers(ctx);
    for (const kind of ['host', 'self'] as const) {
      ctx.hook(`iq-get/${kind}/${NS_GROUPS}:groups`, handlers.list);
      ctx.hook(`iq-set/${kind}/${NS_GROUPS}:join`, handlers.join);
      ctx.hook(`iq-set/${kind}/${NS_GROUPS}:leave`, handlers.leave);
      ctx.hook(`iq-get/${kind}/${NS_GROUPS}:requests`, handlers.requests);
      ctx.hook(`iq-set/${kind}/${NS_GROUPS}:decide`, handlers.decide);
    }
  },
});
