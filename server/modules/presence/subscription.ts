// Presence subscriptions (RFC 6121 §3): the user's side (outbound: the
// state change, the roster push, the stanza stamped with the user's bare JID
// and routed) and the contact's side (inbound: state change, push, delivery
// to available resources or an answer on the contact's behalf). Both sides
// are local accounts: there is no federation.
// https://www.rfc-editor.org/rfc/rfc6121#section-3

import type { Jid } from '../../core/jid.js';
import type { ModuleContext } from '../../core/module.js';
import type { RosterItem } from '../../store/types.js';
import { el, readdress } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { blankItem, hasFrom } from '../roster/roster-items.js';
import type { RosterOwner, RosterState } from '../roster/roster-state.js';
import { deliverToAvailable } from './deliver.js';
import { sendCurrentPresence } from './probe.js';
import type { SubscriptionState, SubscriptionType } from './subscription-states.js';
import { inbound, NO_SUBSCRIPTION, outbound } from './subscription-states.js';

type Ctx = Pick<ModuleContext, 'router' | 'sessions' | 'services'>;

function stateOf(item: RosterItem | undefined): SubscriptionState {
  if (!item) return NO_SUBSCRIPTION;
  return { subscription: item.subscription, askOut: item.askOut, pendingIn: item.pendingIn, approved: item.approved };
}

function withState(item: RosterItem | undefined, jid: string, state: SubscriptionState): RosterItem {
  return { ...(item ?? blankItem(jid)), ...state };
}

/** Sends unavailable presence from each available resource of `owner` to `contact` (it lost its subscription). */
async function sendUnavailable(ctx: Ctx, owner: string, contact: string): Promise<void> {
  for (const session of ctx.sessions.availableOf(owner)) {
    if (session.jid) await ctx.router.route(el('presence', { type: 'unavailable', from: session.jid.full, to: contact }));
  }
}

/** The user's session sends a subscription stanza to `contact` (§3.1.2, §3.2.2, §3.3.2, §3.4). */
export async function outboundSubscription(ctx: Ctx, state: RosterState, session: ClientSession, type: SubscriptionType, stanza: Element, contact: Jid): Promise<void> {
  if (!session.account || !session.jid) return;
  const owner: RosterOwner = { accountId: session.account.id, bare: session.jid.bare };
  // Subscribing to oneself makes no sense: the user is implicitly subscribed to its own presence.
  if (contact.bare === owner.bare) return;
  let route = false;
  const { before } = await state.modify(owner, contact.bare, (item) => {
    const result = outbound(type, stateOf(item));
    route = result.route;
    // Nothing to remember about a contact never seen before (e.g. unsubscribed to a stranger).
    if (!item && result.state.subscription === 'none' && !result.state.askOut && !result.state.approved) return undefined;
    return withState(item, contact.bare, result.state);
  });
  if (route) {
    // Stamped with the bare JID (§3.1.2): subscriptions are between accounts, not resources.
    await ctx.router.route(readdress(stanza, { from: owner.bare, to: contact.bare }));
  }
  if (type === 'subscribed' && route) {
    // §3.1.5: the new subscriber gets the user's current presence right away.
    await sendCurrentPresence(ctx, owner.bare, contact.bare, false);
  }
  if (type === 'unsubscribed' && before && hasFrom(before.subscription)) {
    await sendUnavailable(ctx, owner.bare, contact.bare);
  }
}

/** A subscription stanza from `from` reaches the local account `to` (§3.1.3, §3.1.6, §3.2.3, §3.3.3). */
export async function inboundSubscription(ctx: Ctx, state: RosterState, type: SubscriptionType, stanza: Element, from: Jid, to: Jid): Promise<void> {
  if (from.bare === to.bare) return;
  const account = await ctx.services.accounts.getByJid(to.local, to.domain);
  if (!account) {
    // §3.1.3: no such user — the server answers for it; other stanzas to nobody are dropped.
    if (type === 'subscribe') await ctx.router.route(el('presence', { type: 'unsubscribed', from: to.bare, to: from.bare }));
    return;
  }
  const owner: RosterOwner = { accountId: account.id, bare: to.bare };
  let deliver = false;
  let autoReply = false;
  const { before } = await state.modify(owner, from.bare, (item) => {
    if (!item && type !== 'subscribe') return undefined;
    const result = inbound(type, stateOf(item));
    deliver = result.deliver;
    autoReply = result.autoReply;
    return withState(item, from.bare, result.state);
  });
  if (deliver) {
    // Kept as pendingIn when nobody is online: redelivered on the next initial presence.
    deliverToAvailable(ctx.sessions, to.bare, readdress(stanza, { from: from.bare, to: to.bare }));
  }
  if (autoReply) {
    await ctx.router.route(el('presence', { type: 'subscribed', from: to.bare, to: from.bare }));
    await sendCurrentPresence(ctx, to.bare, from.bare, false);
  }
  if (type === 'unsubscribe' && before && hasFrom(before.subscription)) {
    // §3.3.3: the former subscriber sees the account go offline.
    await sendUnavailable(ctx, to.bare, from.bare);
  }
}
