// What a guest may not reach beyond its rooms: the user directory. Rooms
// (only those it is a member of), room creation (refused in the MUC join)
// and listings are confined by the rooms service and room access; here a
// directory search (XEP-0055 jabber:iq:search) by a guest gets forbidden
// with a text, instead of a bare service-unavailable.

import { AppError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';

const NS_SEARCH = 'jabber:iq:search';

export function installGuestConfinement(ctx: ModuleContext): void {
  const refuseGuests = (event: StanzaEvent): boolean => {
    if (event.origin?.account?.kind !== 'guest') return false;
    ctx.router.reply(event.origin, event.stanza, new AppError('forbidden', 'Guests cannot search the directory of users'));
    return true;
  };
  for (const type of ['get', 'set'] as const) {
    for (const kind of ['host', 'self', 'bare'] as const) ctx.hook(`iq-${type}/${kind}/${NS_SEARCH}:query`, refuseGuests);
  }
}
