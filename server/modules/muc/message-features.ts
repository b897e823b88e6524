// Dispatches what a room message is (a correction, a retraction, a reaction
// set, or a plain post with its reply and thread) and the feature iqs to a
// room (moderation, pins, rights grants). One concern per file; this one only routes.

import type { ArchiveOwner } from '../../store/types.js';
import type { Account } from '../../store/types.js';
import { NS_MESSAGE_RETRACT } from '../../xmpp/namespaces.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { planCorrection } from './corrections.js';
import type { MessagePlan } from './message-plan.js';
import { requireRight } from './message-plan.js';
import { handleModerate } from './moderation.js';
import { NS_CORRECT, NS_MODERATE, NS_REACTIONS } from './namespaces.js';
import type { Occupant } from './occupant.js';
import { handlePinsIq } from './pins.js';
import { planReactions } from './reactions.js';
import { planRetraction } from './retraction.js';
import { handleRightsIq } from './rights-admin.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';
import { threadOf } from './threads.js';

/** Checks rights and targets; throws the AppError the sender gets. */
export async function planMessage(state: MucState, live: LiveRoom, occupant: Occupant, stanza: Element): Promise<MessagePlan> {
  const { archive } = state.ctx.services.repos;
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  const thread = threadOf(stanza);
  const retract = stanza.getChild('retract', NS_MESSAGE_RETRACT);
  const replace = stanza.getChild('replace', NS_CORRECT);
  const reactions = stanza.getChild('reactions', NS_REACTIONS);
  let plan: MessagePlan;
  if (retract) plan = await planRetraction(state, live, occupant, retract);
  else if (replace) plan = await planCorrection(archive, owner, occupant, stanza, replace);
  else if (reactions) plan = await planReactions(archive, owner, occupant, reactions);
  else if (thread !== null) {
    // A comment (a message in an XEP-0201 thread) is the modify right's, like pins (DESIGN.md, issue 3).
    requireRight(occupant.rights, 'modify', `You need the modify right to comment in ${live.room.name}`);
    plan = { right: 'modify' };
  } else {
    requireRight(occupant.rights, 'write', `You need the write right to post in ${live.room.name}`);
    plan = { right: 'write' };
  }
  return { ...plan, thread };
}

/** Feature iqs to a room's bare JID; false when the namespace is not one of them. */
export async function handleFeatureIq(state: MucState, live: LiveRoom, origin: ClientSession, account: Account, stanza: Element, payload: Element): Promise<boolean> {
  if (payload.attrs.xmlns === NS_MODERATE && payload.name === 'moderate') {
    await handleModerate(state, live, origin, account, stanza, payload);
    return true;
  }
  if (await handleRightsIq(state, live, origin, account, stanza, payload)) return true;
  return handlePinsIq(state, live, origin, account, stanza, payload);
}
