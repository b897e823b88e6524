import { describe, expect, it } from 'vitest';
import { el } from '../../xmpp/stanza.js';
import { isTransient, sanitizeGroupchat } from './groupchat.js';

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

describe('transient groupchat (typing notifications, markers)', () => {
  const CHATSTATES = 'http://jabber.org/protocol/chatstates';
  const plain = { right: 'write' as const };

  it('treats a body-less chat state or marker as transient', () => {
    expect(isTransient(el('message', { type: 'groupchat' }, el('composing', { xmlns: CHATSTATES })), plain)).toBe(true);
    const marker = el('message', { type: 'groupchat' }, el('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id: 'x' }), el('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'o' }));
    expect(isTransient(marker, plain)).toBe(true);
  });

  it('archives anything with a body, a subject, an unknown payload or a relation', () => {
    expect(isTransient(el('message', { type: 'groupchat' }, el('body', null, 'hi'), el('active', { xmlns: CHATSTATES })), plain)).toBe(false);
    expect(isTransient(el('message', { type: 'groupchat' }, el('subject', null, 'x')), plain)).toBe(false);
    expect(isTransient(el('message', { type: 'groupchat' }, el('composing', { xmlns: CHATSTATES }), el('x', { xmlns: 'urn:example' })), plain)).toBe(false);
    expect(isTransient(el('message', { type: 'groupchat' }), plain)).toBe(false);
    const reaction = { right: 'write' as const, appliesTo: { stanzaId: 's', kind: 'reaction' as const } };
    expect(isTransient(el('message', { type: 'groupchat' }, el('composing', { xmlns: CHATSTATES })), reaction)).toBe(false);
  });
});
