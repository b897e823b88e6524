// XEP-0313 §6 archive metadata (part of urn:xmpp:mam:2#extended) and §7
// preferences. Preferences are fixed: every eligible message is archived
// ("always"); a request for anything else is refused rather than pretended.
// https://xmpp.org/extensions/xep-0313.html#archive-metadata
// https://xmpp.org/extensions/xep-0313.html#prefs

import { AppError } from '../../core/errors.js';
import type { ArchiveOwner, ArchiveRepo } from '../../store/types.js';
import { NS_MAM } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

/** <metadata><start id timestamp/><end id timestamp/></metadata>; empty for an empty archive. */
export async function archiveMetadata(repo: Pick<ArchiveRepo, 'query'>, owner: ArchiveOwner): Promise<Element> {
  const [first, last] = await Promise.all([repo.query({ owner, limit: 1 }), repo.query({ owner, limit: 1, last: true })]);
  const metadata = el('metadata', { xmlns: NS_MAM });
  const start = first.messages[0];
  const end = last.messages[0];
  if (start && end) {
    metadata.cnode(el('start', { id: start.stanzaId, timestamp: start.timestamp.toISOString() }));
    metadata.cnode(el('end', { id: end.stanzaId, timestamp: end.timestamp.toISOString() }));
  }
  return metadata;
}

export function currentPrefs(): Element {
  return el('prefs', { xmlns: NS_MAM, default: 'always' }, el('always'), el('never'));
}

/** Accepts only what is already in force; throws feature-not-implemented otherwise. */
export function applyPrefs(prefs: Element): Element {
  const listed = ['always', 'never'].some((name) => (prefs.getChild(name)?.getChildren('jid').length ?? 0) > 0);
  const policy = prefs.attrs.default ?? 'always';
  if (policy !== 'always' && policy !== 'never' && policy !== 'roster') throw new AppError('bad-request', 'default must be always, never or roster');
  if (policy !== 'always' || listed) {
    throw new AppError('feature-not-implemented', 'This server archives every conversation message ("always"); per-contact rules and other defaults are not supported');
  }
  return currentPrefs();
}
