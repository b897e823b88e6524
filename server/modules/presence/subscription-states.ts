// The subscription state machine of RFC 6121 Appendix A, as pure functions:
// what a subscription stanza does to the roster item of the account that
// sends it (outbound, A.2) and of the account that receives it (inbound, A.3),
// and whether the stanza travels on. Pre-approval per §3.4.
// https://www.rfc-editor.org/rfc/rfc6121#appendix-A

import type { RosterItem, Subscription } from '../../store/types.js';
import { hasFrom, hasTo } from '../roster/roster-items.js';

export type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

export const SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set<SubscriptionType>(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

export function isSubscriptionType(type: string | undefined): type is SubscriptionType {
  return type !== undefined && SUBSCRIPTION_TYPES.has(type);
}

/** The part of a roster item the state machine reads and writes. */
export type SubscriptionState = Pick<RosterItem, 'subscription' | 'askOut' | 'pendingIn' | 'approved'>;

export const NO_SUBSCRIPTION: SubscriptionState = { subscription: 'none', askOut: false, pendingIn: false, approved: false };

function compose(to: boolean, from: boolean): Subscription {
  if (to && from) return 'both';
  if (to) return 'to';
  if (from) return 'from';
  return 'none';
}

function withTo(s: Subscription, on: boolean): Subscription {
  return compose(on, hasFrom(s));
}

function withFrom(s: Subscription, on: boolean): Subscription {
  return compose(hasTo(s), on);
}

export interface OutboundResult {
  state: SubscriptionState;
  /** Whether the stanza is routed to the contact. */
  route: boolean;
}

/** The user sends `type` to the contact (A.2, §3.1.2, §3.2.2, §3.3.2, §3.4). */
export function outbound(type: SubscriptionType, s: SubscriptionState): OutboundResult {
  switch (type) {
    case 'subscribe':
      // A.2.1: ask unless already subscribed; the request is routed in every state.
      return { state: hasTo(s.subscription) ? s : { ...s, askOut: true }, route: true };
    case 'subscribed':
      // A.2.2: approves a pending request; with none pending, it is a pre-approval (§3.4),
      // recorded and not routed; when the contact is already subscribed nothing happens.
      if (s.pendingIn) return { state: { ...s, subscription: withFrom(s.subscription, true), pendingIn: false, approved: false }, route: true };
      if (hasFrom(s.subscription)) return { state: s, route: false };
      return { state: { ...s, approved: true }, route: false };
    case 'unsubscribe':
      // A.2.3: cancels the user's subscription or pending request.
      return { state: { ...s, subscription: withTo(s.subscription, false), askOut: false }, route: true };
    case 'unsubscribed':
      // A.2.4: cancels the contact's subscription, denies its request, or withdraws a pre-approval.
      return { state: { ...s, subscription: withFrom(s.subscription, false), pendingIn: false, approved: false }, route: true };
  }
}

export interface InboundResult {
  state: SubscriptionState;
  /** Whether the stanza is delivered to the receiving account's available resources. */
  deliver: boolean;
  /** The receiving server answers 'subscribed' on the account's behalf (already subscribed, or pre-approved). */
  autoReply: boolean;
}

/** The contact's server receives `type` from the user (A.3, §3.1.3, §3.1.6, §3.2.3, §3.3.3). */
export function inbound(type: SubscriptionType, s: SubscriptionState): InboundResult {
  switch (type) {
    case 'subscribe':
      if (hasFrom(s.subscription)) return { state: s, deliver: false, autoReply: true };
      if (s.approved) {
        return { state: { ...s, subscription: withFrom(s.subscription, true), pendingIn: false, approved: false }, deliver: false, autoReply: true };
      }
      return { state: { ...s, pendingIn: true }, deliver: true, autoReply: false };
    case 'subscribed':
      // A.3.2: only an outstanding request can be approved; anything else is ignored.
      if (!s.askOut) return { state: s, deliver: false, autoReply: false };
      return { state: { ...s, subscription: withTo(s.subscription, true), askOut: false }, deliver: true, autoReply: false };
    case 'unsubscribe':
      // A.3.3: the sender cancels its subscription to us, or its pending request.
      if (!hasFrom(s.subscription) && !s.pendingIn) return { state: s, deliver: false, autoReply: false };
      return { state: { ...s, subscription: withFrom(s.subscription, false), pendingIn: false }, deliver: true, autoReply: false };
    case 'unsubscribed':
      // A.3.4: the sender cancels our subscription to it, or denies our request.
      if (!hasTo(s.subscription) && !s.askOut) return { state: s, deliver: false, autoReply: false };
      return { state: { ...s, subscription: withTo(s.subscription, false), askOut: false }, deliver: true, autoReply: false };
  }
}
