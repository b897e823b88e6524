// Messages that act on other messages — corrections (XEP-0308),
// retractions (XEP-0424/0425) and reaction sets (XEP-0444) — kept per room
// by target id and applied when rendering, so they work whatever order the
// archive pages arrive in (a correction is often newer than the page that
// holds its original).

import type { XmlElement } from '../xmpp/xml.js';
import type { ChatMessage } from '../xmpp/messages.js';

export const NS_CORRECT = 'urn:xmpp:message-correct:0';
export const NS_RETRACT = 'urn:xmpp:message-retract:1';
export const NS_MODERATE = 'urn:xmpp:message-moderate:1';
export const NS_REACTIONS = 'urn:xmpp:reactions:0';

export type Action =
  | { kind: 'correction'; target: string; body: string; at: number; sender: string }
  | { kind: 'retraction'; target: string; moderated: boolean }
  | { kind: 'reactions'; target: string; sender: string; emojis: string[]; at: number };

export interface RoomActions {
  corrections: Record<string, { body: string; at: number }>;
  retracted: Record<string, { moderated: boolean }>;
  /** target → sender (occupant id or nick) → that sender's current set. */
  reactions: Record<string, Record<string, { emojis: string[]; at: number }>>;
}

export function emptyActions(): RoomActions {
  return { corrections: {}, retracted: {}, reactions: {} };
}

/** What a message stanza does to another message, if anything. */
export function readAction(stanza: XmlElement, sender: string, at: number): Action | undefined {
  const retract = stanza.child('retract', NS_RETRACT);
  if (retract?.attrs.id) return { kind: 'retraction', target: retract.attrs.id, moderated: retract.child('moderated', NS_MODERATE) !== undefined };
  const replace = stanza.child('replace', NS_CORRECT);
  const body = stanza.childText('body');
  if (replace?.attrs.id && body !== undefined) return { kind: 'correction', target: replace.attrs.id, body, at, sender };
  const reactions = stanza.child('reactions', NS_REACTIONS);
  if (reactions?.attrs.id) return { kind: 'reactions', target: reactions.attrs.id, sender, emojis: reactions.childrenNamed('reaction').map((r) => r.text().trim()).filter(Boolean), at };
  return undefined;
}

/** Records an action (returns a new object); older corrections and reaction sets never replace newer ones. */
export function recordAction(actions: RoomActions, action: Action): RoomActions {
  switch (action.kind) {
    case 'retraction':
      return { ...actions, retracted: { ...actions.retracted, [action.target]: { moderated: action.moderated } } };
    case 'correction': {
      const current = actions.corrections[action.target];
      if (current && current.at > action.at) return actions;
      return { ...actions, corrections: { ...actions.corrections, [action.target]: { body: action.body, at: action.at } } };
    }
    case 'reactions': {
      const bySender = actions.reactions[action.target] ?? {};
      const current = bySender[action.sender];
      if (current && current.at > action.at) return actions;
      return { ...actions, reactions: { ...actions.reactions, [action.target]: { ...bySender, [action.sender]: { emojis: action.emojis, at: action.at } } } };
    }
  }
}

export interface ShownMessage extends ChatMessage {
  edited: boolean;
  retracted: boolean;
  moderated: boolean;
  /** emoji → how many, and whether I am among them, in first-use order. */
  reactionCounts: Array<{ emoji: string; count: number; mine: boolean }>;
}

/** A message as shown: corrected text, tombstone, reaction counts. */
export function applyActions(m: ChatMessage, actions: RoomActions, me: string | undefined): ShownMessage {
  const key = m.stanzaId ?? m.id;
  const retraction = actions.retracted[key];
  const correction = actions.corrections[key];
  const counts = new Map<string, { count: number; mine: boolean }>();
  for (const [sender, set] of Object.entries(actions.reactions[key] ?? {})) {
    for (const emoji of new Set(set.emojis)) {
      const entry = counts.get(emoji) ?? { count: 0, mine: false };
      entry.count += 1;
      entry.mine ||= sender === me;
      counts.set(emoji, entry);
    }
  }
  return {
    ...m,
    body: retraction ? '' : (correction?.body ?? m.body),
    oob: correction ? undefined : m.oob,
    edited: correction !== undefined && !retraction,
    retracted: retraction !== undefined || m.retracted === true,
    moderated: retraction?.moderated ?? false,
    reactionCounts: [...counts].map(([emoji, v]) => ({ emoji, ...v })),
  };
}

/** My new reaction set after toggling one emoji. */
export function toggleReaction(actions: RoomActions, target: string, me: string, emoji: string): string[] {
  const mine = actions.reactions[target]?.[me]?.emojis ?? [];
  return mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
}
