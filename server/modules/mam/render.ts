// XEP-0313 §4.3 query results and §4.2 the closing <fin/>; archived stanzas
// are replayed inside XEP-0297 <forwarded/> with an XEP-0203 delay stamp.
// https://xmpp.org/extensions/xep-0313.html#results

import { parse } from 'ltx';
import type { ArchivedMessage } from '../../store/types.js';
import { NS_CLIENT, NS_DELAY, NS_FORWARD, NS_MAM } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { MamPage } from './archive-query.js';
import { renderRsm } from './rsm.js';

/** The archived stanza as stored, or undefined when it cannot be read back. */
export function storedStanza(message: ArchivedMessage): Element | undefined {
  try {
    const stanza = parse(message.stanza);
    stanza.attrs.xmlns = NS_CLIENT;
    return stanza;
  } catch {
    return undefined;
  }
}

/** One result message, from the archive owner to the querying resource. */
export function resultMessage(message: ArchivedMessage, address: { from: string; to: string }, queryId: string | undefined): Element | undefined {
  const original = storedStanza(message);
  if (!original) return undefined;
  return el(
    'message',
    { from: address.from, to: address.to },
    el(
      'result',
      { xmlns: NS_MAM, queryid: queryId, id: message.stanzaId },
      el('forwarded', { xmlns: NS_FORWARD }, el('delay', { xmlns: NS_DELAY, stamp: message.timestamp.toISOString() }), original),
    ),
  );
}

/** <fin complete='true|false'><set>first/last/count</set></fin> */
export function finElement(page: MamPage): Element {
  const first = page.messages[0];
  const last = page.messages[page.messages.length - 1];
  const set = renderRsm({
    firstId: first?.stanzaId,
    lastId: last?.stanzaId,
    firstIndex: page.firstIndex,
    count: page.count,
  });
  return el('fin', { xmlns: NS_MAM, complete: page.complete ? 'true' : 'false' }, set);
}
