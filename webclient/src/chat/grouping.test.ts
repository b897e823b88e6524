import { describe, expect, it } from 'vitest';
import { groupMessages, mentions, mergeMessages, GROUP_GAP_MS } from './grouping.js';
import type { ChatMessage } from '../xmpp/messages.js';

const base = new Date(2026, 10, 20, 10, 0).getTime();
function msg(id: string, nick: string, at: number, occupantId?: string): ChatMessage {
  return { id, room: 'r@c', nick, body: id, at, mine: false, occupantId };
}

describe('groupMessages', () => {
  it('starts a day block per calendar day and an author block per run', () => {
    const blocks = groupMessages([msg('a', 'anna', base), msg('b', 'anna', base + 60_000), msg('c', 'bob', base + 120_000), msg('d', 'bob', base + 86_400_000)]);
    expect(blocks.map((b) => (b.kind === 'day' ? `day:${b.day}` : `${b.nick}:${b.messages.map((m) => m.id).join('')}`))).toEqual(['day:2026-11-20', 'anna:ab', 'bob:c', 'day:2026-11-21', 'bob:d']);
  });

  it('splits a run after a long pause', () => {
    const blocks = groupMessages([msg('a', 'anna', base), msg('b', 'anna', base + GROUP_GAP_MS + 1)]);
    expect(blocks.filter((b) => b.kind === 'author')).toHaveLength(2);
  });

  it('groups by occupant id, not by nick, when the server gives one', () => {
    const blocks = groupMessages([msg('a', 'Sam', base, 'o1'), msg('b', 'Sam', base + 1000, 'o2')]);
    expect(blocks.filter((b) => b.kind === 'author')).toHaveLength(2);
  });
});

describe('mergeMessages', () => {
  it('adds archive pages in time order without duplicates', () => {
    const merged = mergeMessages([msg('b', 'x', 2), msg('c', 'x', 3)], [msg('a', 'x', 1), msg('b', 'x', 2)]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('mentions', () => {
  it('matches the nick as a word, with or without @, any case', () => {
    expect(mentions('hello @Anna!', 'anna')).toBe(true);
    expect(mentions('Anna, tu viens ?', 'anna')).toBe(true);
    expect(mentions('Annabelle is here', 'anna')).toBe(false);
    expect(mentions('élodie', 'lodie')).toBe(false);
    expect(mentions('a.b', 'a.b')).toBe(true);
    expect(mentions('axb', 'a.b')).toBe(false);
  });
});
