// Groups a room's messages the way chat apps show them: a day separator,
// then runs of consecutive messages by the same author within a few minutes.

import type { ChatMessage } from '../xmpp/messages.js';

export const GROUP_GAP_MS = 5 * 60_000;

export interface DayBlock {
  kind: 'day';
  day: string; // YYYY-MM-DD, local time
  at: number;
}

export interface AuthorBlock {
  kind: 'author';
  nick: string;
  mine: boolean;
  at: number;
  messages: ChatMessage[];
}

export type Block = DayBlock | AuthorBlock;

export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function author(m: ChatMessage): string {
  return m.occupantId ?? `nick:${m.nick}`;
}

export function groupMessages(messages: readonly ChatMessage[]): Block[] {
  const blocks: Block[] = [];
  let day = '';
  let current: AuthorBlock | undefined;
  let last: ChatMessage | undefined;
  for (const m of messages) {
    const key = dayKey(m.at);
    if (key !== day) {
      day = key;
      blocks.push({ kind: 'day', day: key, at: m.at });
      current = undefined;
    }
    if (!current || !last || author(last) !== author(m) || m.at - last.at > GROUP_GAP_MS) {
      current = { kind: 'author', nick: m.nick, mine: m.mine, at: m.at, messages: [] };
      blocks.push(current);
    }
    current.messages.push(m);
    last = m;
  }
  return blocks;
}

/** Inserts archive messages into a sorted list, skipping ones already there (same stanza id). */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const seen = new Set(existing.map((m) => m.id));
  const merged = [...existing];
  for (const m of incoming) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    merged.push(m);
  }
  return merged.sort((a, b) => a.at - b.at);
}

/** True when the text names the nick as a whole word or with an @ (case-insensitive). */
export function mentions(body: string, nick: string): boolean {
  if (!nick) return false;
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@?${escaped}($|[^\\p{L}\\p{N}_])`, 'iu').test(body);
}
