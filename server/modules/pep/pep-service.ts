// PEP operations on one account's nodes (XEP-0163 over XEP-0060): plain
// requests in, repository writes and notifications out. Handlers parse the
// XML; this file holds the rules (auto-create, preconditions, access).
// https://xmpp.org/extensions/xep-0163.html  https://xmpp.org/extensions/xep-0060.html

import { randomUUID } from 'node:crypto';
import type { ModuleContext } from '../../core/module.js';
import type { Clock } from '../../domain/index.js';
import type { PepItem, PepNodeConfig, Repositories } from '../../store/types.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { capsOf } from '../caps/caps-registry.js';
import { blocklistsOf } from '../blocking/blocklist-cache.js';
import { accessError, mayAccess, relationOf } from './access.js';
import { PubsubError } from './errors.js';
import { applyConfigFields, DEFAULT_NODE_CONFIG, meetsPreconditions } from './node-config.js';
import type { FormFields } from './node-config.js';
import { itemElement, PepNotifier } from './notify.js';
import type { PepOwner } from './notify.js';

export type { PepOwner } from './notify.js';

/** Node names and item ids are stored in 255-character columns. */
const MAX_NAME_LENGTH = 255;

export interface PublishRequest {
  node: string;
  itemId: string | undefined;
  payload: Element;
  options: FormFields | undefined;
}

function checkName(kind: 'node' | 'item', name: string): void {
  if (name.length > MAX_NAME_LENGTH) throw new PubsubError('not-acceptable', undefined, `The ${kind} name is longer than ${MAX_NAME_LENGTH} characters`);
}

export class PepService {
  readonly notifier: PepNotifier;
  private readonly repos: Repositories;
  private readonly clock: Clock;

  constructor(repos: Repositories, clock: Clock, notifier: PepNotifier) {
    this.repos = repos;
    this.clock = clock;
    this.notifier = notifier;
  }

  /** §7.1 with auto-create (XEP-0163 §3) and publish-options (§7.1.5); returns the item id. */
  async publish(owner: PepOwner, request: PublishRequest): Promise<string> {
    const { node, payload, options } = request;
    checkName('node', node);
    const itemId = request.itemId ?? randomUUID();
    checkName('item', itemId);
    let config = await this.repos.pep.getNode(owner.accountId, node);
    if (!config) {
      config = options ? applyConfigFields(DEFAULT_NODE_CONFIG, options) : { ...DEFAULT_NODE_CONFIG };
      await this.repos.pep.putNode(owner.accountId, node, config);
    } else if (options && !meetsPreconditions(config, options)) {
      throw new PubsubError('conflict', 'precondition-not-met', 'The node exists with another configuration');
    }
    if (config.persistItems) {
      const item: PepItem = { node, itemId, payload: payload.toString(), publishedAt: this.clock.now() };
      await this.repos.pep.putItem(owner.accountId, item, config.maxItems);
    }
    await this.notifier.broadcast(owner, node, config, el('items', { node }, el('item', { id: itemId }, payload)));
    return itemId;
  }

  /** §6.5: items the requester may see, oldest first; `max` keeps the newest N. */
  async items(owner: PepOwner, requesterBare: string, node: string, select: { max?: number; ids?: string[] }): Promise<Element[]> {
    const config = await this.accessibleNode(owner, requesterBare, node);
    if (!config.persistItems) return [];
    const stored = await this.repos.pep.findItems(owner.accountId, node, select.ids ? undefined : select.max, select.ids);
    return stored.reverse().flatMap((item) => itemElement(item) ?? []);
  }

  /** §7.2: retracts one item; notifies when asked to (or always for retract-notifying clients). */
  async retract(owner: PepOwner, node: string, itemId: string, notify: boolean): Promise<void> {
    const config = await this.ownNode(owner, node);
    if (!(await this.repos.pep.deleteItem(owner.accountId, node, itemId))) throw new PubsubError('item-not-found', undefined, 'No such item');
    if (notify) await this.notifier.broadcast(owner, node, config, el('items', { node }, el('retract', { id: itemId })));
  }

  /** §8.1: explicit creation, with an optional configuration. */
  async create(owner: PepOwner, node: string, fields: FormFields | undefined): Promise<void> {
    checkName('node', node);
    if (await this.repos.pep.getNode(owner.accountId, node)) throw new PubsubError('conflict', undefined, 'The node already exists');
    await this.repos.pep.putNode(owner.accountId, node, fields ? applyConfigFields(DEFAULT_NODE_CONFIG, fields) : { ...DEFAULT_NODE_CONFIG });
  }

  configuration(owner: PepOwner, node: string): Promise<PepNodeConfig> {
    return this.ownNode(owner, node);
  }

  /** §8.2.4: applies a submitted form; trims stored items to a lower max_items. */
  async configure(owner: PepOwner, node: string, fields: FormFields): Promise<void> {
    const config = applyConfigFields(await this.ownNode(owner, node), fields);
    await this.repos.pep.putNode(owner.accountId, node, config);
    const surplus = (await this.repos.pep.findItems(owner.accountId, node)).slice(config.persistItems ? config.maxItems : 0);
    for (const item of surplus) await this.repos.pep.deleteItem(owner.accountId, node, item.itemId);
  }

  /** §8.4: deletes the node and tells subscribers. */
  async deleteNode(owner: PepOwner, node: string): Promise<void> {
    const config = await this.ownNode(owner, node);
    await this.repos.pep.deleteNode(owner.accountId, node);
    await this.notifier.broadcast(owner, node, config, el('delete', { node }));
  }

  /** §8.5: removes every item and tells subscribers. */
  async purge(owner: PepOwner, node: string): Promise<void> {
    const config = await this.ownNode(owner, node);
    for (const item of await this.repos.pep.findItems(owner.accountId, node)) await this.repos.pep.deleteItem(owner.accountId, node, item.itemId);
    await this.notifier.broadcast(owner, node, config, el('purge', { node }));
  }

  /** Nodes the requester may see (disco#items, XEP-0163 §9 / XEP-0060 §5.2). */
  async visibleNodes(owner: PepOwner, requesterBare: string): Promise<string[]> {
    const relation = await relationOf(this.repos.roster, owner, requesterBare);
    const visible: string[] = [];
    for (const node of await this.repos.pep.listNodes(owner.accountId)) {
      const config = await this.repos.pep.getNode(owner.accountId, node);
      if (config && mayAccess(config.accessModel, relation)) visible.push(node);
    }
    return visible;
  }

  /** The node's configuration when the requester may access it; item-not-found or the access error otherwise. */
  async accessibleNode(owner: PepOwner, requesterBare: string, node: string): Promise<PepNodeConfig> {
    const config = await this.repos.pep.getNode(owner.accountId, node);
    if (!config) throw new PubsubError('item-not-found', undefined, 'No such node');
    const denied = accessError(config.accessModel, await relationOf(this.repos.roster, owner, requesterBare));
    if (denied) throw denied;
    return config;
  }

  private async ownNode(owner: PepOwner, node: string): Promise<PepNodeConfig> {
    const config = await this.repos.pep.getNode(owner.accountId, node);
    if (!config) throw new PubsubError('item-not-found', undefined, 'No such node');
    return config;
  }
}

const services = new WeakMap<object, PepService>();

/** The PEP service of the node `ctx` belongs to (the module and domain-side helpers share it). */
export function pepOf(ctx: Pick<ModuleContext, 'sessions' | 'services' | 'log'>): PepService {
  let service = services.get(ctx.sessions);
  if (!service) {
    const notifier = new PepNotifier({
      repos: ctx.services.repos,
      sessions: ctx.sessions,
      caps: capsOf(ctx),
      blocklists: blocklistsOf(ctx),
      log: ctx.log,
    });
    service = new PepService(ctx.services.repos, ctx.services.clock, notifier);
    services.set(ctx.sessions, service);
  }
  return service;
}
