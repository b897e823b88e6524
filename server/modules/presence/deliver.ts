// Local delivery of inbound presence stanzas (RFC 6121 §8.5.2, §8.5.3):
// to a bare JID, every available resource gets a copy; to a full JID, that
// resource if it is bound. Nobody available: the stanza is dropped silently
// (presence is never stored offline, never answered with an error).
// https://www.rfc-editor.org/rfc/rfc6121#section-8.5

import type { Jid } from '../../core/jid.js';
import type { Element } from '../../xmpp/stanza.js';
import type { SessionRegistry } from '../../xmpp/sessions.js';

/** Sends `stanza` to every available resource of `bare`; returns how many got it. */
export function deliverToAvailable(sessions: SessionRegistry, bare: string, stanza: Element): number {
  const available = sessions.availableOf(bare);
  for (const session of available) session.send(stanza);
  return available.length;
}

/** Sends `stanza` to the session bound to the full JID `to`; false when there is none. */
export function deliverToResource(sessions: SessionRegistry, to: Jid, stanza: Element): boolean {
  const session = sessions.get(to.bare, to.resource);
  if (!session) return false;
  session.send(stanza);
  return true;
}
