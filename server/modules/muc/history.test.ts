import { describe, expect, it } from 'vitest';
import { el } from '../../xmpp/stanza.js';
import { DEFAULT_HISTORY, parseHistory } from './history.js';
import { NS_MUC } from './namespaces.js';

const now = new Date('2026-01-01T12:00:00Z');
const presence = (attrs: Record<string, string> | undefined): ReturnType<typeof el> => el('presence', null, el('x', { xmlns: NS_MUC }, attrs ? el('history', attrs) : null));

describe('history request', () => {
  it('defaults to 20 messages', () => {
    expect(parseHistory(presence(undefined), now)).toEqual({ limit: DEFAULT_HISTORY });
  });

  it('honours maxstanzas, capped, and ignores garbage', () => {
    expect(parseHistory(presence({ maxstanzas: '0' }), now).limit).toBe(0);
    expect(parseHistory(presence({ maxstanzas: '100000' }), now).limit).toBe(200);
    expect(parseHistory(presence({ maxstanzas: 'lots' }), now).limit).toBe(DEFAULT_HISTORY);
    expect(parseHistory(presence({ maxstanzas: '-3' }), now).limit).toBe(DEFAULT_HISTORY);
  });

  it('takes the later of seconds and since', () => {
    expect(parseHistory(presence({ seconds: '60' }), now).start).toEqual(new Date('2026-01-01T11:59:00Z'));
    expect(parseHistory(presence({ seconds: '60', since: '2026-01-01T11:59:30Z' }), now).start).toEqual(new Date('2026-01-01T11:59:30Z'));
    expect(parseHistory(presence({ since: 'yesterday' }), now).start).toBeUndefined();
  });
});
