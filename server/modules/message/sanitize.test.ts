import { describe, expect, it } from 'vitest';
import { NS_CARBONS, NS_DELAY, NS_MAM, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { stripServerClaims } from './sanitize.js';

describe('stripServerClaims', () => {
  it('removes forged stanza-ids, delays, carbon wrappers and MAM results, keeps the rest', () => {
    const message = el(
      'message',
      { to: 'bob@x', type: 'chat' },
      el('body', null, 'hi'),
      el('stanza-id', { xmlns: NS_SID, by: 'bob@x', id: 'forged' }),
      el('stanza-id', { xmlns: NS_SID, by: 'elsewhere.example', id: 'forged2' }),
      el('origin-id', { xmlns: NS_SID, id: 'mine' }),
      el('delay', { xmlns: NS_DELAY, stamp: '2001-01-01T00:00:00Z' }),
      el('received', { xmlns: NS_CARBONS }),
      el('sent', { xmlns: NS_CARBONS }),
      el('private', { xmlns: NS_CARBONS }),
      el('result', { xmlns: NS_MAM, id: 'x' }),
      el('stanza-id', { id: 'no-namespace' }),
    );
    expect(stripServerClaims(message)).toBe(6);
    expect(message.getChildElements().map((c) => c.name)).toEqual(['body', 'origin-id', 'private', 'stanza-id']);
  });

  it('leaves nested elements alone (a forwarded message is the client’s business)', () => {
    const inner = el('message', null, el('stanza-id', { xmlns: NS_SID, by: 'a@x', id: 'i' }));
    const message = el('message', null, el('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner));
    expect(stripServerClaims(message)).toBe(0);
    expect(inner.getChild('stanza-id', NS_SID)).toBeDefined();
  });
});
