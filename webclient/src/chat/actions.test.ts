import { describe, expect, it } from 'vitest';
import { x } from '../xmpp/xml.js';
import { applyActions, emptyActions, readAction, recordAction, toggleReaction, NS_CORRECT, NS_MODERATE, NS_REACTIONS, NS_RETRACT } from './actions.js';
import type { ChatMessage } from '../xmpp/messages.js';
import { commentThread, readRoomMessage } from '../xmpp/messages.js';

const original: ChatMessage = { id: 's1', stanzaId: 's1', room: 'r@c', nick: 'anna', body: 'helo', at: 1, mine: true };

describe('message actions', () => {
  it('reads corrections, retractions (own and moderated) and reaction sets', () => {
    expect(readAction(x('message', {}, x('body', {}, 'hello'), x('replace', { xmlns: NS_CORRECT, id: 's1' })), 'o1', 5)).toEqual({ kind: 'correction', target: 's1', body: 'hello', at: 5, sender: 'o1' });
    expect(readAction(x('message', {}, x('retract', { xmlns: NS_RETRACT, id: 's1' }, x('moderated', { xmlns: NS_MODERATE }))), 'room', 5)).toEqual({ kind: 'retraction', target: 's1', moderated: true });
    expect(readAction(x('message', {}, x('reactions', { xmlns: NS_REACTIONS, id: 's1' }, x('reaction', {}, '👍'), x('reaction', {}, ' '))), 'o2', 5)).toEqual({ kind: 'reactions', target: 's1', sender: 'o2', emojis: ['👍'], at: 5 });
    expect(readAction(x('message', {}, x('body', {}, 'plain')), 'o1', 5)).toBeUndefined();
  });

  it('applies the newest correction whatever the order they arrive in', () => {
    let actions = recordAction(emptyActions(), { kind: 'correction', target: 's1', body: 'hello!', at: 10, sender: 'o1' });
    actions = recordAction(actions, { kind: 'correction', target: 's1', body: 'hello', at: 5, sender: 'o1' });
    const shown = applyActions(original, actions, 'o1');
    expect([shown.body, shown.edited]).toEqual(['hello!', true]);
  });

  it('shows a retracted message as a tombstone', () => {
    const actions = recordAction(emptyActions(), { kind: 'retraction', target: 's1', moderated: false });
    const shown = applyActions(original, actions, 'o1');
    expect([shown.body, shown.retracted, shown.edited]).toEqual(['', true, false]);
  });

  it('counts reactions per emoji, a sender’s newest set replacing the older one', () => {
    let actions = recordAction(emptyActions(), { kind: 'reactions', target: 's1', sender: 'o1', emojis: ['👍', '🎉'], at: 1 });
    actions = recordAction(actions, { kind: 'reactions', target: 's1', sender: 'o2', emojis: ['👍'], at: 2 });
    actions = recordAction(actions, { kind: 'reactions', target: 's1', sender: 'o1', emojis: ['👍'], at: 3 });
    expect(applyActions(original, actions, 'o1').reactionCounts).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    expect(toggleReaction(actions, 's1', 'o1', '👍')).toEqual([]);
    expect(toggleReaction(actions, 's1', 'o1', '❤️')).toEqual(['👍', '❤️']);
  });
});

describe('reading room messages', () => {
  it('treats a thread with a reply to the same id as a comment, a thread alone as a post', () => {
    const comment = x('message', { from: 'r@c/bob', type: 'groupchat' }, x('body', {}, 'ok'), x('thread', {}, 's1'), x('reply', { xmlns: 'urn:xmpp:reply:0', id: 's1' }));
    expect(commentThread(comment)).toBe('s1');
    expect(commentThread(x('message', {}, x('thread', {}, 'abc')))).toBeUndefined();
  });

  it('skips action messages and keeps archive tombstones', () => {
    expect(readRoomMessage(x('message', { from: 'r@c/bob' }, x('body', {}, 'x'), x('retract', { xmlns: NS_RETRACT, id: 's1' })), 'r@c')).toBeUndefined();
    const tombstone = readRoomMessage(x('message', { from: 'r@c/bob' }, x('retracted', { xmlns: NS_RETRACT })), 'r@c', '2026-01-01T00:00:00Z');
    expect(tombstone).toMatchObject({ body: '', retracted: true, nick: 'bob', at: Date.parse('2026-01-01T00:00:00Z') });
  });
});
