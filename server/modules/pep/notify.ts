// PEP event notifications (XEP-0163 §4.3, XEP-0060 §7.1.2): who receives
// them and the last-item delivery when a resource shows interest (§4.3.2).
// Recipients are available resources whose caps say `<node>+notify`
// (filtered notifications, XEP-0060 §9.2): the owner's own resources, and
// for non-whitelist nodes the contacts the access model admits. Blocked
// parties in either direction get nothing (XEP-0191 §3.3).
// https://xmpp.org/extensions/xep-0163.html#notify

import { randomBytes } from 'node:crypto';
import { parse } from 'ltx';
import { tryParseJid } from '../../core/jid.js';
import type { Logger } from '../../core/logger.js';
import type { Repositories, PepItem, PepNodeConfig } from '../../store/types.js';
import { NS_PUBSUB_EVENT } from '../../xmpp/namespaces.js';
import { cloneElement, el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import type { CapsRegistry } from '../caps/caps-registry.js';
import type { BlocklistCache } from '../blocking/blocklist-cache.js';
import { isPresenceSubscriber, mayAccess, relationFromItem } from './access.js';
import { sendsLastItem } from './node-config.js';

export interface PepOwner {
  accountId: number;
  bare: string;
}

export interface NotifierDeps {
  repos: Repositories;
  sessions: SessionRegistry;
  caps: CapsRegistry;
  blocklists: BlocklistCache;
  log: Logger;
}

/** <item id='…'>payload</item> from a stored item; undefined when the stored payload is unusable. */
export function itemElement(item: PepItem): Element | undefined {
  try {
    return el('item', { id: item.itemId }, parse(item.payload));
  } catch {
    return undefined;
  }
}

export class PepNotifier {
  private readonly deps: NotifierDeps;

  constructor(deps: NotifierDeps) {
    this.deps = deps;
  }

  /** Sends `event` (a child of <event/>: items, delete, purge) to every entitled, interested resource. */
  async broadcast(owner: PepOwner, node: string, config: PepNodeConfig, event: Element): Promise<void> {
    const targets = this.interested(owner.bare, node);
    if (config.accessModel !== 'whitelist') {
      const roster = await this.deps.repos.roster.find(owner.accountId);
      for (const item of roster) {
        // Notifications follow presence: only contacts that receive the owner's presence (XEP-0163 §4.3.1).
        if (!isPresenceSubscriber(item) || !mayAccess(config.accessModel, relationFromItem(item))) continue;
        const sessions = this.interested(item.jid, node);
        if (sessions.length === 0 || (await this.eitherBlocks(owner, item.jid))) continue;
        targets.push(...sessions);
      }
    }
    for (const session of targets) this.send(session, owner.bare, event);
  }

  /** §4.3.2: a resource newly interested in `nodes` gets the last item of each, from itself and its contacts. */
  async sendLastItems(session: ClientSession, nodes: string[]): Promise<void> {
    const accountId = session.account?.id;
    const bare = session.jid?.bare;
    if (accountId === undefined || bare === undefined || nodes.length === 0) return;
    const { repos } = this.deps;
    await this.sendLastFrom({ accountId, bare }, session, nodes, true);
    for (const contact of await repos.roster.find(accountId)) {
      // The contact's presence reaches this user (subscription to/both on the user's side).
      if (contact.subscription !== 'to' && contact.subscription !== 'both') continue;
      const contactId = await this.deps.blocklists.accountIdOf(contact.jid);
      if (contactId === undefined) continue;
      const owner = { accountId: contactId, bare: contact.jid };
      if (await this.eitherBlocks(owner, bare)) continue;
      await this.sendLastFrom(owner, session, nodes, false);
    }
  }

  private async sendLastFrom(owner: PepOwner, session: ClientSession, nodes: string[], isOwner: boolean): Promise<void> {
    const { repos } = this.deps;
    const wanted = new Set(nodes);
    const existing = (await repos.pep.listNodes(owner.accountId)).filter((node) => wanted.has(node));
    if (existing.length === 0) return;
    const relation = isOwner ? 'owner' : relationFromItem(await repos.roster.get(owner.accountId, session.jid?.bare ?? ''));
    for (const node of existing) {
      const config = await repos.pep.getNode(owner.accountId, node);
      if (!config || !sendsLastItem(config) || !mayAccess(config.accessModel, relation)) continue;
      const [last] = await repos.pep.findItems(owner.accountId, node, 1);
      const item = last && itemElement(last);
      if (item) this.send(session, owner.bare, el('items', { node }, item));
    }
  }

  /** Available resources of `bare` that asked for `node` notifications. */
  private interested(bare: string, node: string): ClientSession[] {
    return this.deps.sessions.sessionsOf(bare).filter((s) => s.phase !== 'closed' && this.deps.caps.wantsNotify(s, node));
  }

  private async eitherBlocks(owner: PepOwner, contactBare: string): Promise<boolean> {
    const { blocklists } = this.deps;
    const contact = tryParseJid(contactBare);
    const ownerJid = tryParseJid(owner.bare);
    if (!contact || !ownerJid) return true;
    if (await blocklists.blocks(owner.accountId, contact)) return true;
    const contactId = await blocklists.accountIdOf(contactBare);
    return contactId !== undefined && (await blocklists.blocks(contactId, ownerJid));
  }

  private send(session: ClientSession, from: string, event: Element): void {
    const to = session.jid?.full;
    if (!to) return;
    const id = randomBytes(9).toString('base64url');
    session.send(el('message', { type: 'headline', from, to, id }, el('event', { xmlns: NS_PUBSUB_EVENT }, cloneElement(event))));
  }
}
