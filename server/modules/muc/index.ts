// XEP-0045 Multi-User Chat on TeamChat rooms: a component on
// conference.<domain> for every regular domain, refreshed when domains
// change. https://xmpp.org/extensions/xep-0045.html

import { defineModule } from '../../core/module.js';
import { createComponentHandler } from './component.js';
import { leaveAll } from './leave.js';
import { followDomain } from './live-updates.js';
import { loadOccupantSecret } from './occupant-secret.js';
import { RoomRegistry } from './room-registry.js';
import type { MucState } from './state.js';
import { syncBookmarks, watchBookmarks } from './bookmarks-sync.js';
import { onDirectInvite } from './direct-invite.js';

export const muc = defineModule({
  name: 'muc',
  xeps: [
    { xep: 45, version: '1.35' },
    { xep: 421, version: '0.1.2' },
    { xep: 410, version: '1.1.0' },
    { xep: 249, version: '1.2' },
    { xep: 402, version: '1.2.0' },
    { xep: 308, version: '1.2.1' },
    { xep: 424, version: '0.4.2' },
    { xep: 425, version: '0.3.0' },
    { xep: 444, version: '0.1.1' },
    { xep: 461, version: '0.2.0' },
    { xep: 201, version: '1.0' },
  ],
  async setup(ctx) {
    const state: MucState = { ctx, registry: new RoomRegistry(ctx.services, ctx.sessions), secret: loadOccupantSecret(ctx.config.dataDir) };
    const handler = createComponentHandler(state);
    const removers = new Map<string, () => void>();
    const refresh = async (): Promise<void> => {
      const wanted = new Set((await ctx.services.domains.list()).filter((d) => d.kind === 'regular').map((d) => `conference.${d.name}`));
      for (const [domain, remove] of removers) {
        if (wanted.has(domain)) continue;
        remove();
        removers.delete(domain);
      }
      for (const domain of wanted) if (!removers.has(domain)) removers.set(domain, ctx.router.addComponent(domain, handler));
    };
    await refresh();
    const unhooks = [ctx.services.events.hook('domain-changed', () => refresh()), ...followDomain(state), ...watchBookmarks(state)];
    ctx.hook('session-ended', ({ session }) => {
      if (session.jid) leaveAll(state, session.jid.full);
    });
    ctx.hook('session-bound', ({ session }) => {
      if (session.account) void syncBookmarks(state, session.account).catch((error: unknown) => ctx.log.warn('bookmark sync failed', { error }));
    });
    ctx.hook('pre-message/bare', (event) => onDirectInvite(state, event));
    // RFC 6121 §4.5.2: going unavailable reaches every entity the session sent presence to, rooms included.
    ctx.hook('pre-presence/self', ({ stanza, origin }) => {
      if (stanza.attrs.type === 'unavailable' && stanza.attrs.to === undefined && origin?.jid) leaveAll(state, origin.jid.full);
      return false;
    }, 50);
    ctx.onStop(() => {
      for (const unhook of unhooks) unhook();
      for (const remove of removers.values()) remove();
    });
  },
});
