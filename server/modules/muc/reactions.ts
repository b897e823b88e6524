// XEP-0444 Message Reactions in rooms: a reaction set names the message by
// the room's stanza id. Reacting needs the write right, like posting (a
// reaction is a short post; readers only read). Each set is archived (out
// of search) and broadcast; the newest set of an account for a message
// replaces its previous ones, which leave the archive (the XEP's
// semantics: a set is the sender's whole current reaction). Any emoji.
// https://xmpp.org/extensions/xep-0444.html

import { AppError } from '../../core/errors.js';
import type { ArchiveOwner, ArchiveRepo } from '../../store/types.js';
import type { Element } from '../../xmpp/stanza.js';
import type { MessagePlan } from './message-plan.js';
import { idOf, liveTarget, requireRight } from './message-plan.js';
import type { Occupant } from './occupant.js';

const MAX_REACTIONS = 20;
/** UTF-16 units: long enough for any emoji sequence (flags, families, skin tones). */
const MAX_REACTION_LENGTH = 64;

export async function planReactions(archive: ArchiveRepo, owner: ArchiveOwner, occupant: Occupant, reactions: Element): Promise<MessagePlan> {
  requireRight(occupant.rights, 'write', 'You need the write right to react in this room');
  const id = idOf(reactions, 'A reaction');
  const children = reactions.getChildElements();
  if (children.length > MAX_REACTIONS) throw new AppError('bad-request', `At most ${MAX_REACTIONS} reactions per message`);
  for (const child of children) {
    const text = child.getText().trim();
    if (child.name !== 'reaction' || text === '' || text.length > MAX_REACTION_LENGTH) throw new AppError('bad-request', 'Each <reaction/> holds one emoji');
  }
  const target = await liveTarget(archive, owner, id);
  return {
    right: 'write',
    searchBody: null,
    appliesTo: { stanzaId: target.stanzaId, kind: 'reaction' },
    afterCommit: async (stanzaId) => {
      await archive.deleteApplying(owner, target.stanzaId, 'reaction', occupant.account.id, stanzaId);
    },
  };
}
