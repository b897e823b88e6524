// XEP-0163: Personal Eventing Protocol — https://xmpp.org/extensions/xep-0163.html
// on XEP-0060: Publish-Subscribe — https://xmpp.org/extensions/xep-0060.html
// XEP-0084 (avatars) and XEP-0402 (bookmarks) are ordinary nodes here;
// legacy XEP-0048 bookmarks in private storage map onto XEP-0402 (bookmarks-compat.ts).
// Wiring only: requests (publish.ts, retrieve.ts, owner.ts), disco
// (disco.ts), notifications and last items (notify.ts).

import { defineModule } from '../../core/module.js';
import { NS_PUBSUB, NS_PUBSUB_OWNER } from '../../xmpp/namespaces.js';
import { capsOf } from '../caps/caps-registry.js';
import { installBookmarksCompat, NS_BOOKMARKS2_COMPAT } from './bookmarks-compat.js';
import { installPepDisco } from './disco.js';
import { ownerGetOperations, ownerSetOperations } from './owner.js';
import { pepOf } from './pep-service.js';
import { publishOperations } from './publish.js';
import { pepHandler } from './request.js';
import { retrieveOperations } from './retrieve.js';

export { publishBookmark, retractBookmark, BOOKMARKS_NODE_CONFIG } from './bookmarks.js';
export type { BookmarkOptions } from './bookmarks.js';
export { pepOf } from './pep-service.js';

/** Account features (disco#info on a user's bare JID), XEP-0060 §10 names. */
const PUBSUB_FEATURES = [
  'access-open',
  'access-presence',
  'access-roster',
  'access-whitelist',
  'auto-create',
  'auto-subscribe',
  'config-node',
  'config-node-max',
  'create-and-configure',
  'create-nodes',
  'delete-items',
  'delete-nodes',
  'filtered-notifications',
  'item-ids',
  'last-published',
  'persistent-items',
  'presence-notifications',
  'presence-subscribe',
  'publish',
  'publish-options',
  'purge-nodes',
  'retract-items',
  'retrieve-default',
  'retrieve-items',
];

export const pep = defineModule({
  name: 'pep',
  xeps: [
    { xep: 163, version: '1.2.2' },
    { xep: 60, version: '1.26.0' },
    { xep: 84, version: '1.1.4' },
    { xep: 402, version: '1.1.3' },
    { xep: 48, version: '1.2' },
    { xep: 49, version: '1.2' },
  ],
  dependsOn: ['caps'],
  setup(ctx) {
    const service = pepOf(ctx);
    ctx.disco.addAccountIdentity({ category: 'pubsub', type: 'pep' });
    ctx.disco.addAccountFeature(NS_PUBSUB);
    for (const feature of PUBSUB_FEATURES) ctx.disco.addAccountFeature(`${NS_PUBSUB}#${feature}`);
    ctx.disco.addAccountFeature(NS_BOOKMARKS2_COMPAT);

    const publish = pepHandler(ctx, publishOperations(service));
    const retrieve = pepHandler(ctx, retrieveOperations(service));
    const ownerGet = pepHandler(ctx, ownerGetOperations(service));
    const ownerSet = pepHandler(ctx, ownerSetOperations(service));
    for (const kind of ['self', 'bare'] as const) {
      ctx.hook(`iq-set/${kind}/${NS_PUBSUB}:pubsub`, publish);
      ctx.hook(`iq-get/${kind}/${NS_PUBSUB}:pubsub`, retrieve);
      ctx.hook(`iq-get/${kind}/${NS_PUBSUB_OWNER}:pubsub`, ownerGet);
      ctx.hook(`iq-set/${kind}/${NS_PUBSUB_OWNER}:pubsub`, ownerSet);
    }
    installPepDisco(ctx, service);
    installBookmarksCompat(ctx, service);

    // XEP-0163 §4.3.2: a resource that starts asking for a node gets its last item.
    const unhook = capsOf(ctx).onInterestChange((session, added) => {
      service.notifier.sendLastItems(session, added).catch((error: unknown) => ctx.log.warn('sending last PEP items failed', { error, jid: session.jid?.full }));
    });
    ctx.onStop(unhook);
  },
});
