import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { el } from '../../xmpp/stanza.js';
import { presencePriority } from './priority.js';

const presence = (...priorities: string[]) => el('presence', null, ...priorities.map((p) => el('priority', null, p)));

function errorOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.condition : 'not an AppError';
  }
  return undefined;
}

describe('presencePriority', () => {
  it('is 0 without a <priority/>', () => {
    expect(presencePriority(el('presence', null, el('show', null, 'away')))).toBe(0);
  });

  it('reads integers in range, signs and surrounding whitespace included', () => {
    expect(presencePriority(presence('5'))).toBe(5);
    expect(presencePriority(presence('-128'))).toBe(-128);
    expect(presencePriority(presence('+127'))).toBe(127);
    expect(presencePriority(presence(' 12\n'))).toBe(12);
  });

  it('refuses out-of-range, non-integer, empty and repeated priorities with bad-request', () => {
    for (const bad of [['128'], ['-129'], ['1.5'], ['ten'], [''], ['1e2'], ['99999'], ['1', '2']]) {
      expect(errorOf(() => presencePriority(presence(...bad))), JSON.stringify(bad)).toBe('bad-request');
    }
  });
});
