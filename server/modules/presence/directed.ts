// Directed presence (RFC 6121 §4.6): presence a user sends to one JID.
// It is routed as is; when the target does not receive the user's presence
// through a subscription, the server remembers it (session.directedPresence)
// so that the target learns when the user goes offline (§4.6.3).
// https://www.rfc-editor.org/rfc/rfc6121#section-4.6

import type { Jid } from '../../core/jid.js';
import type { ModuleContext } from '../../core/module.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { hasFrom } from '../roster/roster-items.js';
import type { RosterState } from '../roster/roster-state.js';

type Ctx = Pick<ModuleContext, 'router'>;

/** `stanza` (available or unavailable, `from` already the session's full JID) goes to `to`. */
export async function directedPresence(ctx: Ctx, state: RosterState, session: ClientSession, stanza: Element, to: Jid): Promise<void> {
  if (!session.jid || !session.account) return;
  const own = to.bare === session.jid.bare;
  if (!own) {
    if (stanza.attrs.type === 'unavailable') {
      session.directedPresence.delete(to.full);
    } else {
      const item = await state.get(session.account.id, to.bare);
      // Subscribers hear of the user's unavailability through the broadcast already.
      if (!session.isAvailable || !item || !hasFrom(item.subscription)) session.directedPresence.add(to.full);
    }
  }
  await ctx.router.route(stanza);
}
