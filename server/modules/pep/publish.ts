// XEP-0060 pubsub `set` requests on a PEP service: publish (§7.1, with
// publish-options §7.1.5), retract (§7.2), create (§8.1). Subscriptions are
// implicit in PEP (presence + caps, XEP-0163 §4), so explicit subscribe is
// answered as unsupported.
// https://xmpp.org/extensions/xep-0060.html#publisher-publish

import { NS_PUBSUB } from '../../xmpp/namespaces.js';
import { cloneElement, el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { PubsubError, unsupported } from './errors.js';
import { readPublishOptions, readSubmittedForm, NS_NODE_CONFIG } from './node-config.js';
import type { PepService } from './pep-service.js';
import type { PepRequest } from './request.js';

/** The action element of a <pubsub/> (the one that is not an options form). */
export function actionOf(pubsub: Element): Element | undefined {
  return pubsub.getChildElements().find((child) => child.name !== 'publish-options' && child.name !== 'configure' && child.name !== 'options');
}

export function requireNode(action: Element): string {
  const node = action.attrs.node;
  if (!node) throw new PubsubError('bad-request', 'nodeid-required', 'A node attribute is required');
  return node;
}

function readPayload(action: Element): { itemId: string | undefined; payload: Element } {
  const items = action.getChildren('item');
  if (items.length === 0) throw new PubsubError('bad-request', 'item-required', 'Publish one <item/>');
  const [item] = items;
  if (!item || items.length > 1) throw new PubsubError('bad-request', 'invalid-payload', 'Publish one item at a time');
  const payloads = item.getChildElements();
  if (payloads.length === 0) throw new PubsubError('bad-request', 'payload-required', 'The item needs a payload');
  const [original] = payloads;
  if (!original || payloads.length > 1) throw new PubsubError('bad-request', 'invalid-payload', 'An item carries exactly one payload element');
  const payload = cloneElement(original);
  // The payload is stored on its own: keep its namespace even when it was inherited.
  payload.attrs.xmlns ??= original.getNS() ?? NS_PUBSUB;
  return { itemId: item.attrs.id || undefined, payload };
}

export function publishOperations(service: PepService): (request: PepRequest) => Promise<Element | undefined> {
  return async ({ owner, pubsub, isOwner }) => {
    const action = actionOf(pubsub);
    if (!action) throw new PubsubError('bad-request', undefined, 'No pubsub action found');
    if (action.name === 'subscribe' || action.name === 'unsubscribe') throw unsupported('subscribe');
    if (!isOwner && ['publish', 'retract', 'create'].includes(action.name)) {
      throw new PubsubError('forbidden', undefined, 'Only the owner may change this PEP service');
    }
    switch (action.name) {
      case 'publish': {
        const node = requireNode(action);
        const { itemId, payload } = readPayload(action);
        const options = readPublishOptions(pubsub.getChild('publish-options'));
        const id = await service.publish(owner, { node, itemId, payload, options });
        return el('pubsub', { xmlns: NS_PUBSUB }, el('publish', { node }, el('item', { id })));
      }
      case 'retract': {
        const node = requireNode(action);
        const itemId = action.getChild('item')?.attrs.id;
        if (!itemId) throw new PubsubError('bad-request', 'item-required', 'Say which item to retract');
        const notify = action.attrs.notify === 'true' || action.attrs.notify === '1';
        await service.retract(owner, node, itemId, notify);
        return undefined;
      }
      case 'create': {
        // Instant nodes (no name) make no sense for PEP (XEP-0163 §7).
        const node = action.attrs.node;
        if (!node) throw new PubsubError('not-acceptable', 'nodeid-required', 'PEP nodes need a name');
        const form = pubsub.getChild('configure')?.getChild('x');
        await service.create(owner, node, form ? readSubmittedForm(form, NS_NODE_CONFIG) : undefined);
        return undefined;
      }
      default:
        throw unsupported(action.name);
    }
  };
}
