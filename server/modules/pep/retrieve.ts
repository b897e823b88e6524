// XEP-0060 pubsub `get` requests on a PEP service: retrieve items (§6.5:
// all, by id, newest N with max_items). Subscription and affiliation
// listings are not offered (PEP subscriptions are implicit).
// https://xmpp.org/extensions/xep-0060.html#subscriber-retrieve

import { NS_PUBSUB } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { PubsubError, unsupported } from './errors.js';
import type { PepService } from './pep-service.js';
import { actionOf, requireNode } from './publish.js';
import type { PepRequest } from './request.js';

function readMaxItems(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new PubsubError('bad-request', undefined, 'max_items must be a positive number');
  return Number(value);
}

export function retrieveOperations(service: PepService): (request: PepRequest) => Promise<Element | undefined> {
  return async ({ owner, requester, pubsub }) => {
    const action = actionOf(pubsub);
    if (!action) throw new PubsubError('bad-request', undefined, 'No pubsub request found');
    if (action.name === 'subscriptions') throw unsupported('retrieve-subscriptions');
    if (action.name === 'affiliations') throw unsupported('retrieve-affiliations');
    if (action.name !== 'items') throw unsupported(action.name);
    const node = requireNode(action);
    const max = readMaxItems(action.attrs.max_items);
    const ids = action.getChildren('item').flatMap((item) => (item.attrs.id ? [item.attrs.id] : []));
    const items = await service.items(owner, requester, node, ids.length > 0 ? { ids } : max !== undefined ? { max } : {});
    return el('pubsub', { xmlns: NS_PUBSUB }, el('items', { node }, ...items));
  };
}
