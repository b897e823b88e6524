// What a guest may not reach beyond its rooms (docs/GUESTS.md "Confinement").
// Rooms (only those it is a member of), room creation (refused in the MUC
// join) and listings are confined by the rooms service and room access.
// Here:
// - a directory search (XEP-0055 jabber:iq:search) by a guest gets
//   forbidden with a text, instead of a bare service-unavailable;
// - 1:1 stanzas (messages, iqs such as vCard lookups, presence) pass
//   between a guest and another account only when they share a room
//   (co-members.ts), in both directions: a member cannot write to a guest
//   it shares no room with either, so a guest is never reachable by the
//   whole organisation and never sees messages it could not answer.
//
// Refusals: a message or an iq gets `forbidden` with a text. A subscription
// request or approval gets `forbidden` too: the answer is the same whether
// the address exists or not (an unknown address is never a co-member), so
// it leaks nothing, unlike RFC 6121's service-unavailable for unknown
// users, which exists to avoid such leaks. Other presence (available,
// unavailable, probes) is dropped silently, as RFC 6121 §8.5 does for
// presence that cannot be delivered; unsubscribing always passes, since it
// only reduces what is shared. Stanzas the server routes between accounts
// (presence broadcasts to subscribers, probes, PEP notifications) are
// dropped silently when the pair shares no room, which also ends what a
// subscription approved while they shared a room would still show.
// The hot path of two regular accounts costs one domain comparison.

import { AppError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { CoMembers } from './co-members.js';

const NS_SEARCH = 'jabber:iq:search';
export const GUEST_SENDER_REFUSAL = 'As a guest you can only exchange messages with members of your rooms';
export const GUEST_RECIPIENT_REFUSAL = 'This guest can only be contacted by members of the rooms it shares with them';
const UNSUBSCRIBING = new Set(['unsubscribe', 'unsubscribed']);
const SUBSCRIBING = new Set(['subscribe', 'subscribed']);
/** Presence and iqs: before the presence module (0), which handles every presence a client sends. */
const PRIORITY = 500;
/**
 * Messages: after the rooms module's XEP-0249 hook (0), so a direct invitation from someone
 * holding the invite right makes the guest a member first and then reaches it.
 */
const MESSAGE_PRIORITY = -10;

export function installGuestConfinement(ctx: ModuleContext): void {
  const refuseGuests = (event: StanzaEvent): boolean => {
    if (event.origin?.account?.kind !== 'guest') return false;
    ctx.router.reply(event.origin, event.stanza, new AppError('forbidden', 'Guests cannot search the directory of users'));
    return true;
  };
  for (const type of ['get', 'set'] as const) {
    for (const kind of ['host', 'self', 'bare'] as const) ctx.hook(`iq-${type}/${kind}/${NS_SEARCH}:query`, refuseGuests);
  }
  installOneToOneConfinement(ctx);
}

function installOneToOneConfinement(ctx: ModuleContext): void {
  const guestDomain = ctx.config.guestDomain;
  const coMembers = new CoMembers(ctx.services);
  ctx.onStop(coMembers.follow());

  /** A local client's stanza to another account: refused with an error, or dropped, when the pair shares no room. */
  const outbound = (event: StanzaEvent): boolean | Promise<boolean> => {
    const sender = event.origin?.account;
    if (!sender) return false;
    const fromGuest = sender.kind === 'guest';
    if (!fromGuest && event.to.domain !== guestDomain) return false;
    if (event.to.bare === event.from.bare) return false;
    const { stanza } = event;
    if (stanza.name === 'presence' && UNSUBSCRIBING.has(stanza.attrs.type ?? '')) return false;
    return coMembers.shareRoom(event.from, event.to).then((shared) => {
      if (shared) return false;
      if (stanza.name !== 'presence' || SUBSCRIBING.has(stanza.attrs.type ?? '')) {
        ctx.router.reply(event.origin, stanza, new AppError('forbidden', fromGuest ? GUEST_SENDER_REFUSAL : GUEST_RECIPIENT_REFUSAL));
      }
      return true;
    });
  };

  /** A stanza the server routes from one account to another (broadcasts, probes, PEP): dropped when the pair shares no room. */
  const inbound = (event: StanzaEvent): boolean | Promise<boolean> => {
    // A client's own stanza was checked on its way out (outbound).
    if (event.origin) return false;
    const { from, to, stanza } = event;
    if (from.domain !== guestDomain && to.domain !== guestDomain) return false;
    if (!from.local || from.bare === to.bare || ctx.router.isComponent(from.domain)) return false;
    if (stanza.name === 'presence' && UNSUBSCRIBING.has(stanza.attrs.type ?? '')) return false;
    return coMembers.shareRoom(from, to).then((shared) => !shared);
  };

  for (const kind of ['bare', 'full'] as const) {
    ctx.hook(`pre-message/${kind}`, outbound, MESSAGE_PRIORITY);
    for (const name of ['presence', 'iq'] as const) ctx.hook(`pre-${name}/${kind}`, outbound, PRIORITY);
    for (const name of ['message', 'presence'] as const) ctx.hook(`${name}/${kind}`, inbound, PRIORITY);
  }
}
