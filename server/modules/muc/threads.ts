// Replies (XEP-0461) and comment threads (XEP-0201 <thread/> with an
// optional `parent`) pass through rooms unchanged and are archived; the
// thread is recorded with the archived message so MAM can fetch a thread
// (`{urn:causerie:mam:0}thread`, see mam.ts). Malformed ones are refused.
// https://xmpp.org/extensions/xep-0461.html — https://xmpp.org/extensions/xep-0201.html

import { AppError } from '../../core/errors.js';
import type { Element } from '../../xmpp/stanza.js';
import { NS_REPLY } from './namespaces.js';

const MAX_THREAD = 255;

/** The message's thread id (null without one); throws bad-request on a malformed reply or thread. */
export function threadOf(stanza: Element): string | null {
  const reply = stanza.getChild('reply', NS_REPLY);
  if (reply && !reply.attrs.id?.trim()) throw new AppError('bad-request', 'A reply needs the id of the message it answers');
  const threads = stanza.getChildren('thread');
  if (threads.length === 0) return null;
  if (threads.length > 1) throw new AppError('bad-request', 'A message belongs to one thread');
  const thread = threads[0] as Element;
  const id = thread.getText().trim();
  if (id === '' || id.length > MAX_THREAD) throw new AppError('bad-request', `A <thread/> holds an id of 1 to ${MAX_THREAD} characters`);
  if ((thread.attrs.parent?.length ?? 0) > MAX_THREAD) throw new AppError('bad-request', 'The thread parent id is too long');
  return id;
}
