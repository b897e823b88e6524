import { describe, expect, it } from 'vitest';
import { directConversations, directSearchResults, mergeDirect, toChatMessage } from './direct.js';
import { x } from '../xmpp/xml.js';
import { emptyRoom } from '../store.js';
import type { ChatMessage } from '../xmpp/messages.js';

const msg = (over: Partial<ChatMessage>): ChatMessage => ({ id: 'i', room: 'bob@x', nick: 'anna', body: 'b', at: 1, mine: true, ...over });

describe('direct conversations', () => {
  it('turns a direct message into the room model keyed by the peer', () => {
    const m = toChatMessage({ peer: 'bob@x', mine: false, stanzaId: 's1', clientId: 'c1', body: 'Salut', at: 5 }, 'Bob');
    expect(m).toMatchObject({ id: 's1', stanzaId: 's1', clientId: 'c1', room: 'bob@x', nick: 'Bob', body: 'Salut', mine: false });
    expect(toChatMessage({ peer: 'bob@x', mine: true, clientId: 'c2', body: 'x', at: 5 }, 'Anna').id).toBe('c2');
  });

  it('replaces my local copy by its archived copy (same origin id), once', () => {
    const local = msg({ id: 'c1', clientId: 'c1', at: 10 });
    const archived = msg({ id: 's1', stanzaId: 's1', clientId: 'c1', at: 11 });
    expect(mergeDirect([local], [archived])).toEqual([archived]);
    expect(mergeDirect([archived], [archived])).toEqual([archived]);
  });

  it('does not add a live copy twice (e.g. a carbon without stanza id)', () => {
    const local = msg({ id: 'c1', clientId: 'c1', at: 10 });
    expect(mergeDirect([local], [msg({ id: 'c1', clientId: 'c1', at: 12 })])).toEqual([local]);
  });

  it('keeps a refused message with its reason', () => {
    const failed = msg({ id: 'c1', clientId: 'c1', failed: 'Refusé' });
    expect(mergeDirect([failed], [msg({ id: 'other', stanzaId: 'other', clientId: 'c9', at: 0 })]).map((m) => m.id)).toEqual(['other', 'c1']);
  });

  it('orders the direct messages section by newest activity, rooms apart', () => {
    const older = { ...emptyRoom('carl@x', 'Carl'), kind: 'direct' as const, messages: [msg({ at: 5 })] };
    const newer = { ...emptyRoom('bob@x', 'Bob'), kind: 'direct' as const, messages: [msg({ at: 9 })] };
    const empty = { ...emptyRoom('dan@x', 'Dan'), kind: 'direct' as const };
    const room = { ...emptyRoom('r@c', 'Salon'), kind: 'group' as const };
    expect(directConversations([older, room, empty, newer], 'fr').map((r) => r.jid)).toEqual(['bob@x', 'carl@x', 'dan@x']);
  });

  it('reads full-text hits of my own archive as direct search results, skipping what is not a conversation', () => {
    const chat = (attrs: Record<string, string>, body?: string) => x('message', { type: 'chat', ...attrs }, body === undefined ? undefined : x('body', {}, body));
    const items = [
      { id: 'a1', stamp: '2026-01-02T10:00:00Z', message: chat({ from: 'bob@x/phone', to: 'anna@x' }, 'le mot quokka') },
      { id: 'a2', stamp: '2026-01-02T11:00:00Z', message: chat({ from: 'anna@x/web', to: 'carl@x' }, 'quokka aussi') },
      { id: 'a3', message: chat({ from: 'bob@x/phone', to: 'anna@x' }) },
      { id: 'a4', message: x('message', { type: 'groupchat', from: 'r@c/bob', to: 'anna@x' }, x('body', {}, 'quokka')) },
      { id: 'a5', message: chat({ from: 'anna@x/web', to: 'anna@x' }, 'note quokka') },
    ];
    const names: Record<string, string> = { 'bob@x': 'Bob', 'anna@x': 'Anna', 'carl@x': 'Carl' };
    const results = directSearchResults(items, 'anna@x/web', (jid) => names[jid] ?? jid);
    expect(results.map((r) => [r.kind, r.room, r.message.id, r.message.nick, r.message.mine, r.message.body])).toEqual([
      ['direct', 'bob@x', 'a1', 'Bob', false, 'le mot quokka'],
      ['direct', 'carl@x', 'a2', 'Anna', true, 'quokka aussi'],
    ]);
    expect(results[0]?.message.at).toBe(Date.parse('2026-01-02T10:00:00Z'));
    expect(results[0]?.message.stanzaId).toBe('a1');
  });
});
