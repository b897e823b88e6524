// XEP-0424 Message Retraction in rooms: the author of a message (same
// account), holding the modify right, retracts it by the room's stanza id.
// The retraction is archived (out of search) and broadcast; the original —
// and every correction of it — becomes a tombstone in the archive: body
// gone, `retracted` set, the stored stanza reduced to its ids and a
// <retracted/> element (XEP-0424 §"Tombstones"). A pin of it goes too.
// https://xmpp.org/extensions/xep-0424.html

import { parse } from 'ltx';
import type { ArchivedMessage, ArchiveOwner } from '../../store/types.js';
import { NS_MESSAGE_RETRACT, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { MessagePlan } from './message-plan.js';
import { idOf, ownTarget, requireRight } from './message-plan.js';
import { NS_OCCUPANT_ID } from './namespaces.js';
import type { Occupant } from './occupant.js';
import { dropPin } from './pins.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

/** The tombstone of an archived stanza: its address and ids, and `retracted`. */
export function tombstoneOf(message: ArchivedMessage, retracted: Element): string {
  let original: Element | undefined;
  try {
    original = parse(message.stanza);
  } catch {
    original = undefined;
  }
  const attrs = original?.attrs ?? {};
  const tombstone = el('message', { from: attrs.from ?? message.fromJid, type: attrs.type ?? 'groupchat', id: attrs.id });
  tombstone.cnode(retracted);
  // Ids let clients match the tombstone with the retraction and their own copy.
  for (const child of original?.getChildElements() ?? []) {
    const ns = child.attrs.xmlns;
    if ((ns === NS_SID && (child.name === 'origin-id' || child.name === 'stanza-id')) || (ns === NS_OCCUPANT_ID && child.name === 'occupant-id')) tombstone.cnode(child);
  }
  return tombstone.toString();
}

/** Tombstones a message and its corrections, and unpins it. */
export async function tombstone(state: MucState, live: LiveRoom, target: ArchivedMessage, retracted: () => Element): Promise<void> {
  const { archive } = state.ctx.services.repos;
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  await archive.markRetracted(owner, target.stanzaId, tombstoneOf(target, retracted()));
  for (const correction of await archive.findApplying(owner, target.stanzaId, 'correction')) {
    await archive.markRetracted(owner, correction.stanzaId, tombstoneOf(correction, retracted()));
  }
  await dropPin(state, live, target.stanzaId);
}

export async function planRetraction(state: MucState, live: LiveRoom, occupant: Occupant, retract: Element): Promise<MessagePlan> {
  requireRight(occupant.rights, 'modify', 'You need the modify right to retract messages in this room');
  const id = idOf(retract, 'A retraction');
  const owner: ArchiveOwner = { kind: 'room', roomId: live.room.id };
  const target = await ownTarget(state.ctx.services.repos.archive, owner, occupant.account.id, id, 'retract');
  return {
    right: 'modify',
    searchBody: null,
    appliesTo: { stanzaId: target.stanzaId, kind: 'retraction' },
    afterCommit: async () => {
      const stamp = state.ctx.services.clock.now().toISOString();
      await tombstone(state, live, target, () => el('retracted', { xmlns: NS_MESSAGE_RETRACT, stamp }));
    },
  };
}
