// What each online session can do, learned from XEP-0115 caps in its
// presence: features by session, a cache of verified `ver` strings shared by
// every session (§5.4: only hashes that verify are cached for everyone), and
// the `+notify` interests PEP needs (XEP-0163 §4.1, filtered notifications).
// https://xmpp.org/extensions/xep-0115.html#ver-proc

import type { ModuleContext } from '../../core/module.js';
import { NS_CAPS } from '../../xmpp/namespaces.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { isSupportedHash, parseDiscoInfo, verifiesCaps } from './verification.js';

export interface CapsAdvert {
  node: string;
  ver: string;
  /** Absent for legacy (pre-1.5) caps, which cannot be verified. */
  hash: string | undefined;
}

/** Sends disco#info for `node` to the session; resolves with the <query/> of the result, or undefined. */
export type DiscoQuery = (session: ClientSession, node: string) => Promise<Element | undefined>;

/** Called when a session's +notify interests change; `added` lists nodes it newly wants. */
export type InterestListener = (session: ClientSession, added: string[]) => void;

interface SessionCaps {
  key: string;
  features: ReadonlySet<string> | undefined;
}

const NOTIFY_SUFFIX = '+notify';
const MAX_CACHED_VERS = 1000;

export class CapsRegistry {
  private readonly verified = new Map<string, ReadonlySet<string>>();
  private readonly inflight = new Map<string, Promise<{ features: ReadonlySet<string>; verified: boolean; asked: ClientSession } | undefined>>();
  private readonly bySession = new WeakMap<ClientSession, SessionCaps>();
  private readonly listeners = new Set<InterestListener>();

  /** Features of the session, or undefined when unknown (no caps or not resolved yet). */
  features(session: ClientSession): ReadonlySet<string> | undefined {
    return this.bySession.get(session)?.features;
  }

  /** True when the session asked for notifications of `node` (`<node>+notify`). */
  wantsNotify(session: ClientSession, node: string): boolean {
    return this.features(session)?.has(node + NOTIFY_SUFFIX) ?? false;
  }

  /** Nodes the session wants notifications for. */
  interests(session: ClientSession): string[] {
    return notifyNodes(this.features(session));
  }

  onInterestChange(listener: InterestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Records the caps of an available presence. Resolves the `ver` through a
   * disco#info query when it is not cached; the returned promise settles once
   * the session's features are known (tests and callers may ignore it).
   */
  async advertise(session: ClientSession, advert: CapsAdvert, query: DiscoQuery): Promise<void> {
    const key = `${advert.hash ?? 'legacy'}\u0000${advert.ver}`;
    const current = this.bySession.get(session);
    if (current?.key === key) return;
    const cached = this.verified.get(key);
    if (cached) {
      this.verified.delete(key);
      this.verified.set(key, cached); // keep recently used entries (LRU order)
      return this.apply(session, key, cached, current?.features);
    }
    this.bySession.set(session, { key, features: current?.features });
    const features = await this.resolve(session, advert, key, query);
    // The session may have gone, or advertised other caps while we waited.
    if (this.bySession.get(session)?.key !== key || features === undefined) return;
    this.apply(session, key, features, current?.features);
  }

  /** Forgets the session (unavailable presence or end of session). */
  clear(session: ClientSession): void {
    this.bySession.delete(session);
  }

  get cachedCount(): number {
    return this.verified.size;
  }

  private async resolve(session: ClientSession, advert: CapsAdvert, key: string, query: DiscoQuery): Promise<ReadonlySet<string> | undefined> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.ask(session, advert, key, query);
      this.inflight.set(key, pending);
      void pending.finally(() => this.inflight.delete(key));
    }
    const outcome = await pending;
    if (outcome === undefined) return undefined;
    // An unverified answer is only believed for the session that gave it.
    if (outcome.verified || outcome.asked === session) return outcome.features;
    const own = await this.ask(session, advert, key, query);
    return own?.features;
  }

  private async ask(session: ClientSession, advert: CapsAdvert, key: string, query: DiscoQuery) {
    const result = await query(session, `${advert.node}#${advert.ver}`);
    if (!result) return undefined;
    const info = parseDiscoInfo(result);
    const features: ReadonlySet<string> = new Set(info.features);
    const verified = advert.hash !== undefined && isSupportedHash(advert.hash) && verifiesCaps(info, advert.hash, advert.ver);
    if (verified) {
      this.verified.set(key, features);
      if (this.verified.size > MAX_CACHED_VERS) {
        const oldest = this.verified.keys().next().value;
        if (oldest !== undefined) this.verified.delete(oldest);
      }
    }
    return { features, verified, asked: session };
  }

  private apply(session: ClientSession, key: string, features: ReadonlySet<string>, previous: ReadonlySet<string> | undefined): void {
    this.bySession.set(session, { key, features });
    const before = new Set(notifyNodes(previous));
    const added = notifyNodes(features).filter((node) => !before.has(node));
    if (added.length === 0) return;
    for (const listener of this.listeners) listener(session, added);
  }
}

function notifyNodes(features: ReadonlySet<string> | undefined): string[] {
  if (!features) return [];
  const nodes: string[] = [];
  for (const feature of features) {
    if (feature.endsWith(NOTIFY_SUFFIX) && feature.length > NOTIFY_SUFFIX.length) nodes.push(feature.slice(0, -NOTIFY_SUFFIX.length));
  }
  return nodes;
}

/** Reads the <c/> element of a presence, if any (§4). */
export function capsAdvertOf(presence: Element): CapsAdvert | undefined {
  const c = presence.getChild('c', NS_CAPS);
  const node = c?.attrs.node;
  const ver = c?.attrs.ver;
  if (!c || !node || !ver) return undefined;
  return { node, ver, hash: c.attrs.hash };
}

// One registry per running node. The key is the node's session registry,
// which every module context of that node shares (there is no ctx.use()).
const registries = new WeakMap<object, CapsRegistry>();

/** The caps registry of the node `ctx` belongs to. */
export function capsOf(ctx: Pick<ModuleContext, 'sessions'>): CapsRegistry {
  let registry = registries.get(ctx.sessions);
  if (!registry) {
    registry = new CapsRegistry();
    registries.set(ctx.sessions, registry);
  }
  return registry;
}
