// Broadcast presence (RFC 6121 §4.2, §4.4, §4.5): initial presence stores
// the session's presence, tells subscribers and the user's own resources,
// probes the contacts the user is subscribed to and redelivers pending
// subscription requests; later presence is broadcast; unavailable presence
// (sent, or implied when a session ends without it) reaches subscribers,
// the user's resources and everyone that got directed presence.
// https://www.rfc-editor.org/rfc/rfc6121#section-4.2

import type { ModuleContext } from '../../core/module.js';
import type { RosterItem } from '../../store/types.js';
import { el, readdress } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { hasFrom } from '../roster/roster-items.js';
import type { RosterState } from '../roster/roster-state.js';
import { presencePriority } from './priority.js';
import { probeContacts } from './probe.js';

type Ctx = Pick<ModuleContext, 'router' | 'sessions' | 'services' | 'events'>;

/** Sends `presence` (from the session's full JID) to every subscriber among `items`. */
async function toSubscribers(ctx: Ctx, items: RosterItem[], presence: Element): Promise<void> {
  for (const item of items) {
    if (hasFrom(item.subscription)) await ctx.router.route(readdress(presence, { to: item.jid }));
  }
}

/** Available presence without a recipient (§4.2 initial, §4.4 subsequent). Throws AppError on a bad priority. */
export async function broadcastAvailable(ctx: Ctx, state: RosterState, session: ClientSession, stanza: Element): Promise<void> {
  const jid = session.jid;
  const account = session.account;
  if (!jid || !account) return;
  const priority = presencePriority(stanza);
  const initial = !session.isAvailable;
  const presence = readdress(stanza, { from: jid.full, to: undefined });
  session.presence = presence;
  session.priority = priority;
  const items = await state.all(account.id);
  await toSubscribers(ctx, items, presence);
  // The user is implicitly subscribed to its own presence, this resource included (§4.2.2).
  for (const own of ctx.sessions.availableOf(jid.bare)) {
    own.send(readdress(presence, { to: jid.bare }));
    if (initial && own !== session && own.presence && own.jid) session.send(readdress(own.presence, { from: own.jid.full, to: jid.bare }));
  }
  if (!initial) return;
  await probeContacts(ctx, session, items);
  for (const item of items) {
    // §3.1.3: requests that arrived while the user was offline are redelivered now.
    if (item.pendingIn) session.send(el('presence', { type: 'subscribe', from: item.jid, to: jid.bare }));
  }
  await ctx.events.notify('presence-initial', { session });
}

/**
 * The session becomes unavailable (§4.5): `stanza` is the client's own
 * unavailable presence, or undefined when the session ended without one.
 */
export async function broadcastUnavailable(ctx: Ctx, state: RosterState, session: ClientSession, stanza: Element | undefined): Promise<void> {
  const jid = session.jid;
  const account = session.account;
  if (!jid || !account) return;
  const wasAvailable = session.isAvailable;
  const presence = stanza ? readdress(stanza, { from: jid.full, to: undefined }) : el('presence', { type: 'unavailable', from: jid.full });
  session.presence = undefined;
  session.priority = 0;
  const directed = [...session.directedPresence];
  session.directedPresence.clear();
  if (wasAvailable) {
    await toSubscribers(ctx, await state.all(account.id), presence);
    for (const own of ctx.sessions.availableOf(jid.bare)) own.send(readdress(presence, { to: jid.bare }));
    // The sender too, when it is still connected (it asked to go offline, it did not leave).
    if (ctx.sessions.get(jid.bare, jid.resource) === session) session.send(readdress(presence, { to: jid.bare }));
  }
  for (const target of directed) await ctx.router.route(readdress(presence, { to: target }));
}
