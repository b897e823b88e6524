// XEP-0115: Entity Capabilities — https://xmpp.org/extensions/xep-0115.html
// Captures the <c/> of each session's broadcast presence and resolves its
// `ver` with a disco#info query to that session (§6.2), so PEP knows which
// nodes each resource wants notifications for (XEP-0163 §4.1). The query
// goes straight to the advertising session: it is the one entity that can
// answer, and it is local by construction.

import { defineModule } from '../../core/module.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_DISCO_INFO } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { capsAdvertOf, capsOf } from './caps-registry.js';
import { PendingIqs } from './pending-iqs.js';

export { capsOf } from './caps-registry.js';
export type { CapsRegistry } from './caps-registry.js';

const DISCO_TIMEOUT_MS = 30_000;

export const caps = defineModule({
  name: 'caps',
  xeps: [{ xep: 115, version: '1.6.0' }],
  setup(ctx) {
    const registry = capsOf(ctx);
    const pending = new PendingIqs('caps');

    const query = async (session: ClientSession, node: string): Promise<Element | undefined> => {
      const to = session.jid?.full;
      if (!to || session.phase === 'closed') return undefined;
      const iq = el('iq', { type: 'get', from: session.jid?.domain, to }, el('query', { xmlns: NS_DISCO_INFO, node }));
      const response = await pending.request(iq, (stanza) => session.send(stanza), DISCO_TIMEOUT_MS);
      if (response?.attrs.type !== 'result') return undefined;
      return response.getChild('query', NS_DISCO_INFO);
    };

    // Runs before the presence module and never consumes the stanza.
    ctx.hook(
      'pre-presence/self',
      ({ stanza, origin }: StanzaEvent) => {
        if (!origin) return false;
        const type = stanza.attrs.type;
        if (type === 'unavailable') {
          registry.clear(origin);
          return false;
        }
        if (type !== undefined) return false;
        const advert = capsAdvertOf(stanza);
        // A presence without caps keeps what the session advertised before.
        if (advert) {
          registry.advertise(origin, advert, query).catch((error: unknown) => ctx.log.warn('caps resolution failed', { error, jid: origin.jid?.full }));
        }
        return false;
      },
      500,
    );

    ctx.hook('iq/host', ({ stanza, from }: StanzaEvent) => pending.handle(stanza, from.full), 500);

    ctx.hook('session-ended', ({ session }) => {
      registry.clear(session);
      if (session.jid) pending.abandon(session.jid.full);
    });

    ctx.onStop(() => pending.clear());
  },
});
