// Removing a roster item (RFC 6121 §2.5): the server cancels the
// subscriptions in both directions on the user's behalf — unsubscribe when
// the user receives (or asked for) the contact's presence, unsubscribed when
// the contact receives (or asked for) the user's — then deletes the item and
// pushes subscription='remove'.
// https://www.rfc-editor.org/rfc/rfc6121#section-2.5.2

import type { ModuleContext } from '../../core/module.js';
import type { Jid } from '../../core/jid.js';
import { el } from '../../xmpp/stanza.js';
import { hasFrom, hasTo, isVisible } from './roster-items.js';
import type { RosterOwner, RosterState } from './roster-state.js';

/** Removes `jid` from `owner`'s roster; returns false when it was not in the roster. */
export async function removeRosterItem(ctx: Pick<ModuleContext, 'router' | 'sessions'>, state: RosterState, owner: RosterOwner, jid: Jid): Promise<boolean> {
  const { before } = await state.modify(owner, jid.bare, (item) => (isVisible(item) ? undefined : item));
  if (!isVisible(before)) return false;
  // Routed only now, outside the roster lock (see roster-state.ts).
  if (hasTo(before.subscription) || before.askOut) {
    await ctx.router.route(el('presence', { type: 'unsubscribe', from: owner.bare, to: jid.bare }));
  }
  if (hasFrom(before.subscription) || before.pendingIn) {
    await ctx.router.route(el('presence', { type: 'unsubscribed', from: owner.bare, to: jid.bare }));
  }
  if (hasFrom(before.subscription)) {
    // The contact loses its subscription: it sees the user go offline (§3.2.2).
    for (const session of ctx.sessions.availableOf(owner.bare)) {
      if (session.jid) await ctx.router.route(el('presence', { type: 'unavailable', from: session.jid.full, to: jid.bare }));
    }
  }
  return true;
}
