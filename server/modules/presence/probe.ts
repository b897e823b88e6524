// Presence probes (RFC 6121 §4.3): sent on the user's behalf when it comes
// online, for every contact it is subscribed to; answered at the contact's
// side with the contact's current presences — computed from the contact's
// available sessions — or unavailable when it has none. A prober that is
// not subscribed learns nothing but "unsubscribed", which also repairs a
// stale "to" state on its side (§4.3.2).
// https://www.rfc-editor.org/rfc/rfc6121#section-4.3

import type { Jid } from '../../core/jid.js';
import type { ModuleContext } from '../../core/module.js';
import type { RosterItem } from '../../store/types.js';
import { el, readdress } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { hasFrom, hasTo } from '../roster/roster-items.js';
import type { RosterState } from '../roster/roster-state.js';

type Ctx = Pick<ModuleContext, 'router' | 'sessions' | 'services'>;

/** Probes every contact `items` says the session's user is subscribed to; answers come to the session's full JID. */
export async function probeContacts(ctx: Ctx, session: ClientSession, items: RosterItem[]): Promise<void> {
  const from = session.jid?.full;
  if (!from) return;
  for (const item of items) {
    if (hasTo(item.subscription)) await ctx.router.route(el('presence', { type: 'probe', from, to: item.jid }));
  }
}

/** Sends the current presence of every available resource of `contact` to `to` (or unavailable if none). */
export async function sendCurrentPresence(ctx: Ctx, contact: string, to: string, unavailableIfNone: boolean): Promise<void> {
  const available = ctx.sessions.availableOf(contact);
  if (available.length === 0 && unavailableIfNone) {
    await ctx.router.route(el('presence', { type: 'unavailable', from: contact, to }));
    return;
  }
  for (const session of available) {
    if (session.presence && session.jid) await ctx.router.route(readdress(session.presence, { from: session.jid.full, to }));
  }
}

/** Answers a probe from `from` to the local account `to` (§4.3.2). */
export async function answerProbe(ctx: Ctx, state: RosterState, from: Jid, to: Jid): Promise<void> {
  if (from.bare === to.bare) return;
  const account = await ctx.services.accounts.getByJid(to.local, to.domain);
  const item = account ? await state.get(account.id, from.bare) : undefined;
  if (!item || !hasFrom(item.subscription)) {
    await ctx.router.route(el('presence', { type: 'unsubscribed', from: to.bare, to: from.bare }));
    return;
  }
  await sendCurrentPresence(ctx, to.bare, from.full, true);
}
