// XEP-0060 owner use cases on a PEP service (pubsub#owner namespace):
// configure (§8.2), default configuration (§8.3), delete (§8.4), purge (§8.5).
// https://xmpp.org/extensions/xep-0060.html#owner

import { NS_PUBSUB_OWNER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { PubsubError, unsupported } from './errors.js';
import { DEFAULT_NODE_CONFIG, NS_NODE_CONFIG, readSubmittedForm, renderConfigForm } from './node-config.js';
import type { PepService } from './pep-service.js';
import { actionOf, requireNode } from './publish.js';
import type { PepRequest } from './request.js';

function ownerAction({ pubsub, isOwner }: PepRequest): Element {
  if (!isOwner) throw new PubsubError('forbidden', undefined, 'Only the owner may manage this node');
  const action = actionOf(pubsub) ?? pubsub.getChild('configure');
  if (!action) throw new PubsubError('bad-request', undefined, 'No owner request found');
  return action;
}

export function ownerGetOperations(service: PepService): (request: PepRequest) => Promise<Element | undefined> {
  return async (request) => {
    const action = ownerAction(request);
    if (action.name === 'default') {
      return el('pubsub', { xmlns: NS_PUBSUB_OWNER }, el('default', null, renderConfigForm(DEFAULT_NODE_CONFIG)));
    }
    if (action.name !== 'configure') throw unsupported(action.name === 'affiliations' ? 'modify-affiliations' : action.name);
    const node = requireNode(action);
    const config = await service.configuration(request.owner, node);
    return el('pubsub', { xmlns: NS_PUBSUB_OWNER }, el('configure', { node }, renderConfigForm(config)));
  };
}

export function ownerSetOperations(service: PepService): (request: PepRequest) => Promise<Element | undefined> {
  return async (request) => {
    const action = ownerAction(request);
    const node = requireNode(action);
    switch (action.name) {
      case 'configure': {
        const fields = readSubmittedForm(action.getChild('x'), NS_NODE_CONFIG);
        // type='cancel' (§8.2.6) changes nothing, but the node must exist.
        if (fields) await service.configure(request.owner, node, fields);
        else await service.configuration(request.owner, node);
        return undefined;
      }
      case 'delete':
        await service.deleteNode(request.owner, node);
        return undefined;
      case 'purge':
        await service.purge(request.owner, node);
        return undefined;
      default:
        throw unsupported(action.name === 'affiliations' ? 'modify-affiliations' : action.name);
    }
  };
}
