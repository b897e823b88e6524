// XEP-0352: Client State Indication — https://xmpp.org/extensions/xep-0352.html
// While a client says it is inactive (a phone in a pocket), stanzas that are
// not urgent wait in the session: presence updates are folded to the latest
// per sender, chat states dropped when superseded. An urgent stanza flushes
// the queue first, so order is kept; so does becoming active again.

import { defineModule } from '../../core/module.js';
import { NS_CSI } from '../../xmpp/namespaces.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { isUrgent } from './urgency.js';

/** Held stanzas beyond this are flushed at once: memory stays bounded. */
export const MAX_HELD = 100;

function flush(session: ClientSession): void {
  const filter = session.holdFilter;
  session.holdFilter = undefined;
  session.releaseHeld();
  session.holdFilter = filter;
}

function holdFilterFor(session: ClientSession): (stanza: Element) => boolean {
  return (stanza) => {
    if (isUrgent(stanza)) {
      flush(session);
      return false;
    }
    if (stanza.name === 'presence') {
      // Only the latest presence of each sender matters.
      const index = session.held.findIndex((held) => held.name === 'presence' && held.attrs.from === stanza.attrs.from);
      if (index !== -1) session.held.splice(index, 1);
    }
    if (session.held.length >= MAX_HELD) flush(session);
    return true;
  };
}

export const csi = defineModule({
  name: 'csi',
  xeps: [{ xep: 352, version: '1.0.0' }],
  setup(ctx) {
    ctx.addStreamFeature(() => `<csi xmlns='${NS_CSI}'/>`);
    ctx.addNonzaHandler((session, element) => {
      if (element.attrs.xmlns !== NS_CSI) return false;
      if (element.name === 'inactive') {
        session.holdFilter = holdFilterFor(session);
      } else if (element.name === 'active') {
        session.holdFilter = undefined;
        session.releaseHeld();
      } else {
        return false;
      }
      return true;
    });
    ctx.hook('session-ended', ({ session }) => {
      session.holdFilter = undefined;
      session.held.length = 0;
    });
  },
});
