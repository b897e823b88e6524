import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { el } from '../../xmpp/stanza.js';
import { NS_REPLY } from './namespaces.js';
import { threadOf } from './threads.js';

const message = (...children: ReturnType<typeof el>[]) => el('message', { type: 'groupchat' }, el('body', null, 'hi'), ...children);

function conditionOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.condition : String(error);
  }
  return undefined;
}

describe('threadOf', () => {
  it('reads the XEP-0201 thread id, trimmed, or null', () => {
    expect(threadOf(message())).toBeNull();
    expect(threadOf(message(el('thread', { parent: 'p' }, ' th-1 ')))).toBe('th-1');
    expect(threadOf(message(el('reply', { xmlns: NS_REPLY, id: 'x' }), el('thread', null, 'th-1')))).toBe('th-1');
  });

  it('refuses malformed replies and threads with bad-request', () => {
    expect(conditionOf(() => threadOf(message(el('reply', { xmlns: NS_REPLY }))))).toBe('bad-request');
    expect(conditionOf(() => threadOf(message(el('thread', null, ''))))).toBe('bad-request');
    expect(conditionOf(() => threadOf(message(el('thread', null, 'x'.repeat(256)))))).toBe('bad-request');
    expect(conditionOf(() => threadOf(message(el('thread', null, 'a'), el('thread', null, 'b'))))).toBe('bad-request');
    expect(conditionOf(() => threadOf(message(el('thread', { parent: 'p'.repeat(256) }, 'a'))))).toBe('bad-request');
  });
});
