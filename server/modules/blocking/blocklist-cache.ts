// Blocklists in memory, written through to the BlocklistRepo: every stanza
// between two accounts is checked against both of them (XEP-0191 §3.3,
// §3.4), so the check must not query the database each time. A list is
// loaded once per account and then answered synchronously.
// Limitation: a change made on another node is not seen here until restart
// (no blocklist domain event yet).

import type { Jid } from '../../core/jid.js';
import type { ModuleContext } from '../../core/module.js';
import type { Repositories } from '../../store/types.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';
import { isBlockedBy } from './match.js';

export class BlocklistCache {
  private readonly repos: Pick<Repositories, 'blocklist' | 'accounts'>;
  private readonly sessions: SessionRegistry;
  private readonly lists = new Map<number, Set<string>>();
  private readonly loading = new Map<number, Promise<Set<string>>>();
  /** Bare JID → account id for accounts that are not online (online ones come from their session). */
  private readonly ids = new Map<string, number>();

  constructor(repos: Pick<Repositories, 'blocklist' | 'accounts'>, sessions: SessionRegistry) {
    this.repos = repos;
    this.sessions = sessions;
  }

  /** The account's blocklist (loaded on first use). */
  list(accountId: number): ReadonlySet<string> | Promise<ReadonlySet<string>> {
    const cached = this.lists.get(accountId);
    if (cached) return cached;
    return this.load(accountId);
  }

  /** Does account `accountId` block `jid`? Synchronous once the list is loaded. */
  blocks(accountId: number, jid: Jid): boolean | Promise<boolean> {
    const list = this.list(accountId);
    if (list instanceof Promise) return list.then((l) => isBlockedBy(l, jid));
    return isBlockedBy(list, jid);
  }

  /** Account id of a local bare JID, or undefined when there is no such account. */
  accountIdOf(bare: string): number | undefined | Promise<number | undefined> {
    const online = this.sessions.sessionsOf(bare).find((s) => s.account)?.account?.id;
    if (online !== undefined) return online;
    const known = this.ids.get(bare);
    if (known !== undefined) return known;
    const at = bare.indexOf('@');
    if (at <= 0) return undefined;
    return this.repos.accounts.getByAddress(bare.slice(0, at), bare.slice(at + 1)).then((account) => {
      if (account) this.ids.set(bare, account.id);
      return account?.id;
    });
  }

  async add(accountId: number, jids: string[]): Promise<void> {
    const list = await this.list(accountId);
    await this.repos.blocklist.add(accountId, jids);
    const mutable = this.lists.get(accountId) ?? new Set(list);
    for (const jid of jids) mutable.add(jid);
    this.lists.set(accountId, mutable);
  }

  async remove(accountId: number, jids: string[]): Promise<void> {
    await this.list(accountId);
    await this.repos.blocklist.remove(accountId, jids);
    const mutable = this.lists.get(accountId);
    for (const jid of jids) mutable?.delete(jid);
  }

  async clear(accountId: number): Promise<void> {
    await this.repos.blocklist.clear(accountId);
    this.lists.set(accountId, new Set());
  }

  /** Drops what is known about an account (deleted: a new account of that name starts clean). */
  forget(accountId: number, bare: string): void {
    this.lists.delete(accountId);
    this.ids.delete(bare);
  }

  private load(accountId: number): Promise<Set<string>> {
    let pending = this.loading.get(accountId);
    if (!pending) {
      pending = this.repos.blocklist.find(accountId).then((jids) => {
        const list = this.lists.get(accountId) ?? new Set(jids);
        this.lists.set(accountId, list);
        return list;
      });
      this.loading.set(accountId, pending);
      void pending.then(
        () => this.loading.delete(accountId),
        () => this.loading.delete(accountId),
      );
    }
    return pending;
  }
}

const caches = new WeakMap<object, BlocklistCache>();

/** The blocklist cache of the node `ctx` belongs to (shared by blocking and PEP). */
export function blocklistsOf(ctx: Pick<ModuleContext, 'sessions' | 'services'>): BlocklistCache {
  let cache = caches.get(ctx.sessions);
  if (!cache) {
    cache = new BlocklistCache(ctx.services.repos, ctx.sessions);
    caches.set(ctx.sessions, cache);
  }
  return cache;
}
