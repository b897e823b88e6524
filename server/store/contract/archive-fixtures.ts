// Builders for the archive contract suites.
import type { ArchiveOwner, NewArchivedMessage } from '../types.js';

export const T0 = Date.UTC(2026, 4, 1, 12, 0, 0);

/** Message n of an owner: stanza id `m<n>`, one millisecond apart so precision is exercised. */
export function message(owner: ArchiveOwner, n: number, extra: Partial<NewArchivedMessage> = {}): NewArchivedMessage {
  return {
    owner,
    stanzaId: `m${n}`,
    originId: `origin-${n}`,
    withJid: 'peer@example.org',
    fromJid: 'peer@example.org/phone',
    senderAccountId: null,
    senderName: null,
    body: `message number ${n}`,
    stanza: `<message id="${n}"><body>message number ${n}</body></message>`,
    timestamp: new Date(T0 + n),
    ...extra,
  };
}

export function messages(owner: ArchiveOwner, count: number): NewArchivedMessage[] {
  return Array.from({ length: count }, (_, i) => message(owner, i + 1));
}

export const idsOf = (page: { messages: Array<{ stanzaId: string }> }): string[] => page.messages.map((m) => m.stanzaId);
