// XEP-0198 elements on a bound stream: enable, r (request) and a (answer).
// https://xmpp.org/extensions/xep-0198.html

import { randomBytes } from 'node:crypto';
import { el } from '../stanza.js';
import type { Element } from '../stanza.js';
import { NS_SM, NS_STANZAS } from '../namespaces.js';
import type { ClientSession } from './client-session.js';
import { StreamManagement } from './stream-management.js';

/** Seconds a hibernated session waits to be resumed; advertised as `max`. */
export const RESUME_SECONDS = 300;

export function handleSmNonza(session: ClientSession, element: Element): void {
  switch (element.name) {
    case 'enable': {
      if (session.sm) {
        session.sendNonza(el('failed', { xmlns: NS_SM }, el('unexpected-request', { xmlns: NS_STANZAS })));
        return;
      }
      const resumable = element.attrs.resume === 'true' || element.attrs.resume === '1';
      session.sm = new StreamManagement(randomBytes(16).toString('base64url'), resumable, session.env.limits.smMaxUnacked);
      const attrs: Record<string, string> = { xmlns: NS_SM, id: session.sm.id };
      if (resumable) Object.assign(attrs, { resume: 'true', max: String(RESUME_SECONDS) });
      session.sendNonza(el('enabled', attrs));
      return;
    }
    case 'r':
      if (session.sm) session.sendNonza(el('a', { xmlns: NS_SM, h: String(session.sm.handled) }));
      else session.close('unsupported-stanza-type', 'stream management is not enabled');
      return;
    case 'a': {
      const h = Number(element.attrs.h);
      if (!session.sm) return session.close('unsupported-stanza-type', 'stream management is not enabled');
      if (!Number.isInteger(h) || h < 0 || !session.sm.acknowledge(h)) {
        session.close('undefined-condition', 'acknowledged more stanzas than were sent');
        return;
      }
      // Stanzas sent after our last request are still unacknowledged: ask again, or a quiet
      // stream would leave its last messages unconfirmed (and stored offline at its end).
      if (session.sm.unackedCount > 0 && !session.sm.requestPending) {
        session.sm.requestPending = true;
        session.sendNonza(el('r', { xmlns: NS_SM }));
      }
      return;
    }
    default:
      session.close('unsupported-stanza-type', `<${element.name}/> is not understood here`);
  }
}
