// XEP-0308 Last Message Correction in rooms: only the author of the original
// (same account), holding the modify right, may correct it. The correction
// is archived and broadcast as a message of its own; the original's search
// text becomes the corrected text, so search finds the new words and not the
// old ones (one hit, on the original's stanza id).
// https://xmpp.org/extensions/xep-0308.html

import { AppError } from '../../core/errors.js';
import type { ArchiveOwner, ArchiveRepo } from '../../store/types.js';
import type { Element } from '../../xmpp/stanza.js';
import { storedStanza } from '../mam/render.js';
import type { MessagePlan } from './message-plan.js';
import { idOf, ownTarget, requireRight } from './message-plan.js';
import type { Occupant } from './occupant.js';

export async function planCorrection(archive: ArchiveRepo, owner: ArchiveOwner, occupant: Occupant, stanza: Element, replace: Element): Promise<MessagePlan> {
  requireRight(occupant.rights, 'modify', 'You need the modify right to correct messages in this room');
  const id = idOf(replace, 'A correction');
  const body = stanza.getChildText('body');
  if (body === null || body.trim() === '') throw new AppError('bad-request', 'A correction needs the corrected <body/>');
  const original = await ownTarget(archive, owner, occupant.account.id, id, 'correct');
  if (original.body === null) throw new AppError('bad-request', 'Only a message with text can be corrected');
  return {
    right: 'modify',
    // The original carries the searchable text; the correction row stays out of search.
    searchBody: null,
    appliesTo: { stanzaId: original.stanzaId, kind: 'correction' },
    afterCommit: async () => {
      // The newest correction's text, whichever clean-up runs last.
      const corrections = await archive.findApplying(owner, original.stanzaId, 'correction');
      const newest = corrections[corrections.length - 1];
      const text = (newest && storedStanza(newest)?.getChildText('body')) ?? body;
      await archive.replaceSearchBody(owner, original.stanzaId, text);
    },
  };
}
