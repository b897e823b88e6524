import { describe, expect, it } from 'vitest';
import { el } from '../../xmpp/stanza.js';
import { sanitizeGroupchat } from './groupchat.js';

describe('groupchat sanitising', () => {
  it('removes client-claimed stanza-id, delay and occupant-id, keeps the rest', () => {
    const stanza = el(
      'message',
      { type: 'groupchat' },
      el('body', null, 'hi'),
      el('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'room@conference.example', id: 'forged' }),
      el('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'mine' }),
      el('delay', { xmlns: 'urn:xmpp:delay', stamp: '2000-01-01T00:00:00Z' }),
      el('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: 'forged' }),
    );
    sanitizeGroupchat(stanza);
    expect(stanza.getChildElements().map((c) => c.name)).toEqual(['body', 'origin-id']);
  });
});
