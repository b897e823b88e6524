// RFC 6121 §3 (subscriptions), §4 (exchanging presence), §8.5 (delivery
// rules for presence) — https://www.rfc-editor.org/rfc/rfc6121
// Outbound side: `pre-presence/…` for stanzas a local client sends (handled
// here and re-routed as server stanzas). Inbound side: `presence/bare` and
// `presence/full` for stanzas the server routes to a local account.

import { isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { defineModule } from '../../core/module.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { hasTo } from '../roster/roster-items.js';
import { rosterStateFor } from '../roster/roster-state.js';
import type { RosterState } from '../roster/roster-state.js';
import { installAccountDeletion } from './account-deleted.js';
import { broadcastAvailable, broadcastUnavailable } from './broadcast.js';
import { deliverToAvailable, deliverToResource } from './deliver.js';
import { directedPresence } from './directed.js';
import { answerProbe } from './probe.js';
import { isSubscriptionType } from './subscription-states.js';
import { inboundSubscription, outboundSubscription } from './subscription.js';

export const presence = defineModule({
  name: 'presence',
  dependsOn: ['roster'],
  setup(ctx) {
    const state = rosterStateFor(ctx);
    const guarded = (handler: (event: StanzaEvent) => Promise<void>) => async (event: StanzaEvent): Promise<boolean> => {
      try {
        await handler(event);
      } catch (error) {
        if (isAppError(error)) ctx.router.reply(event.origin, event.stanza, error);
        else ctx.log.error('presence processing failed', { error, from: event.from.full, to: event.to.full });
      }
      return true;
    };

    ctx.hook('pre-presence/self', guarded((event) => fromClientToSelf(ctx, state, event)));
    ctx.hook('pre-presence/bare', guarded((event) => fromClientToOther(ctx, state, event)));
    ctx.hook('pre-presence/full', guarded((event) => fromClientToOther(ctx, state, event)));
    ctx.hook('presence/bare', guarded((event) => toLocalAccount(ctx, state, event)));
    ctx.hook('presence/full', guarded((event) => toLocalAccount(ctx, state, event)));

    installAccountDeletion(ctx, state);

    ctx.hook('session-ended', async ({ session }) => {
      // Disconnected without saying goodbye: tell everyone on the user's behalf (§4.5.2 note).
      if (!session.isAvailable && session.directedPresence.size === 0) return;
      try {
        await broadcastUnavailable(ctx, state, session, undefined);
      } catch (error) {
        ctx.log.error('could not broadcast unavailable presence', { error, jid: session.jid?.full });
      }
    });
  },
});

/** No `to`, or the user's own bare JID: broadcast presence (§4.2, §4.4, §4.5). */
async function fromClientToSelf(ctx: ModuleContext, state: RosterState, event: StanzaEvent): Promise<void> {
  const session = event.origin;
  if (!session) return;
  const type = event.stanza.attrs.type;
  if (type === undefined) await broadcastAvailable(ctx, state, session, event.stanza);
  else if (type === 'unavailable') await broadcastUnavailable(ctx, state, session, event.stanza);
  // Subscribing to, or probing, oneself means nothing: dropped.
}

/** To another JID: subscription management, a probe, directed presence or an error. */
async function fromClientToOther(ctx: ModuleContext, state: RosterState, event: StanzaEvent): Promise<void> {
  const session = event.origin;
  if (!session) return;
  const { stanza, to } = event;
  const type = stanza.attrs.type;
  if (isSubscriptionType(type)) return outboundSubscription(ctx, state, session, type, stanza, to.toBare());
  if (type === 'probe') return clientProbe(ctx, state, session, event);
  if (type === 'error') {
    await ctx.router.route(stanza);
    return;
  }
  await directedPresence(ctx, state, session, stanza, to);
}

/** Clients should leave probing to the server (§4.3.1); a probe is honoured only towards a contact the user is subscribed to. */
async function clientProbe(ctx: ModuleContext, state: RosterState, session: ClientSession, event: StanzaEvent): Promise<void> {
  if (!session.account || event.to.bare === session.jid?.bare) return;
  const item = await state.get(session.account.id, event.to.bare);
  if (item && hasTo(item.subscription)) await ctx.router.route(event.stanza);
}

/** A presence the server routes to a local account (§8.5.2 bare, §8.5.3 full). */
async function toLocalAccount(ctx: ModuleContext, state: RosterState, event: StanzaEvent): Promise<void> {
  const { stanza, from, to } = event;
  const type = stanza.attrs.type;
  if (isSubscriptionType(type)) return inboundSubscription(ctx, state, type, stanza, from, to.toBare());
  if (type === 'probe') return answerProbe(ctx, state, from, to.toBare());
  if (type !== undefined && type !== 'unavailable' && type !== 'error') return;
  // Available, unavailable and error presence; unknown users and offline resources: dropped silently.
  if (to.isBare) deliverToAvailable(ctx.sessions, to.bare, stanza);
  else deliverToResource(ctx.sessions, to, stanza);
}
