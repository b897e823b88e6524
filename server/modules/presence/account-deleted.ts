// A deleted account leaves its contacts' rosters clean (DESIGN.md: an
// account created again under the same name inherits nothing — in
// particular not the presence subscriptions others granted the old one).
// The account's own roster is already gone (deleted with the account), so
// the contacts are found by looking the JID up in every other roster; then
// the server acts as the deleted account would have before leaving
// (Prosody does the same on user deletion): unsubscribed and unsubscribe
// (RFC 6121 §3.2, §3.3), and unavailable presence for contacts that still
// show it online. A rare administrative action: a scan is acceptable.

import type { ModuleContext } from '../../core/module.js';
import { el } from '../../xmpp/stanza.js';
import type { RosterState } from '../roster/roster-state.js';

const PAGE = 200;

type Ctx = Pick<ModuleContext, 'router' | 'services' | 'log'>;

/** Returns how many accounts had `jid` in their roster. */
export async function forgetDeletedAccount(ctx: Ctx, state: RosterState, jid: string): Promise<number> {
  let affected = 0;
  for (let offset = 0; ; offset += PAGE) {
    const accounts = await ctx.services.accounts.list({ limit: PAGE, offset });
    for (const account of accounts) {
      const contact = `${account.localpart}@${account.domain}`;
      if (contact === jid) continue;
      const item = await state.get(account.id, jid);
      if (!item) continue;
      affected += 1;
      await ctx.router.route(el('presence', { type: 'unsubscribed', from: jid, to: contact }));
      await ctx.router.route(el('presence', { type: 'unsubscribe', from: jid, to: contact }));
      await ctx.router.route(el('presence', { type: 'unavailable', from: jid, to: contact }));
    }
    if (accounts.length < PAGE) return affected;
  }
}

export function installAccountDeletion(ctx: Ctx & Pick<ModuleContext, 'onStop'>, state: RosterState): void {
  const unhook = ctx.services.events.hook('account-deleted', ({ jid }) => {
    // Not awaited: the deletion (CLI, WebAdmin) does not wait for the scan.
    void forgetDeletedAccount(ctx, state, jid).catch((error: unknown) => ctx.log.error('could not clean rosters after an account deletion', { error, jid }));
  });
  ctx.onStop(unhook);
}
