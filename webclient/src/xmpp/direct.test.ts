import { describe, expect, it } from 'vitest';
import { x } from './xml.js';
import { directAddress, directChatStateSender, directMessage, readDirectMessage } from './direct.js';
import { unwrapCarbon } from './carbons.js';
import { chatStateMessage } from './chat-states.js';

const ME = 'anna@x/web-1';

describe('direct messages', () => {
  it('builds a chat message to the bare JID with origin id and active state', () => {
    const m = directMessage('bob@x/phone', 'id1', 'Salut', 'https://x/files/a.png');
    expect(m.attrs).toEqual({ to: 'bob@x', type: 'chat', id: 'id1' });
    expect(m.childText('body')).toBe('Salut');
    expect(m.child('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe('id1');
    expect(m.child('x', 'jabber:x:oob')?.childText('url')).toBe('https://x/files/a.png');
    expect(m.child('active', 'http://jabber.org/protocol/chatstates')).toBeDefined();
  });

  it('reads an incoming message: the peer is the sender, my stanza id only', () => {
    const stanza = x(
      'message',
      { from: 'bob@x/phone', to: ME, type: 'chat', id: 'b1' },
      x('body', {}, 'Bonjour'),
      x('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'bob@x', id: 'not-mine' }),
      x('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'anna@x', id: 's1' }),
      x('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-01-02T03:04:05Z' }),
    );
    expect(readDirectMessage(stanza, ME)).toEqual({ peer: 'bob@x', mine: false, stanzaId: 's1', clientId: 'b1', body: 'Bonjour', oob: undefined, at: Date.parse('2026-01-02T03:04:05Z') });
  });

  it('reads my own message (archive or sent carbon): the peer is the recipient', () => {
    const stanza = x('message', { from: 'anna@x/other', to: 'bob@x', type: 'chat' }, x('body', {}, 'Oui'), x('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'o1' }));
    expect(readDirectMessage(stanza, ME, '2026-01-01T00:00:00Z')).toMatchObject({ peer: 'bob@x', mine: true, clientId: 'o1', at: Date.parse('2026-01-01T00:00:00Z') });
  });

  it('ignores groupchat, room private messages, bodiless messages and notes to self', () => {
    expect(readDirectMessage(x('message', { from: 'r@c/bob', type: 'groupchat' }, x('body', {}, 'a')), ME)).toBeUndefined();
    expect(readDirectMessage(x('message', { from: 'r@c/bob', type: 'chat' }, x('body', {}, 'a'), x('x', { xmlns: 'http://jabber.org/protocol/muc#user' })), ME)).toBeUndefined();
    expect(readDirectMessage(x('message', { from: 'bob@x/p', type: 'chat' }), ME)).toBeUndefined();
    expect(readDirectMessage(x('message', { from: 'anna@x/p', to: 'anna@x', type: 'chat' }, x('body', {}, 'note')), ME)).toBeUndefined();
    expect(readDirectMessage(x('message', { from: 'bob@x/p', type: 'normal' }, x('body', {}, 'a')), ME)).toBeUndefined();
  });

  it('tells who is typing: a bodiless chat message from someone else', () => {
    const composing = x('message', { from: 'bob@x/p', type: 'chat' }, x('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }));
    expect(directChatStateSender(composing, ME)).toBe('bob@x');
    expect(directChatStateSender(x('message', { from: 'anna@x/other', type: 'chat' }), ME)).toBeUndefined();
    expect(directChatStateSender(x('message', { from: 'bob@x/p', type: 'chat' }, x('body', {}, 'a')), ME)).toBeUndefined();
  });

  it('sends typing to a person as a chat message, to a room as groupchat', () => {
    expect(chatStateMessage('bob@x', 'composing', 'chat').attrs).toEqual({ to: 'bob@x', type: 'chat' });
    expect(chatStateMessage('r@c', 'paused').attrs.type).toBe('groupchat');
  });

  it('reads the address typed in "New message"', () => {
    expect(directAddress(' Bob ', 'x.org')).toBe('bob@x.org');
    expect(directAddress('carl@y.org', 'x.org')).toBe('carl@y.org');
    for (const bad of ['', 'a b', 'a@b@c', '@x.org', 'bob@', 'bob@x/res', 'bob@.x']) expect(directAddress(bad, 'x.org')).toBeUndefined();
  });
});

describe('carbons (XEP-0280)', () => {
  const wrap = (kind: string, from?: string) =>
    x('message', { from, to: ME }, x(kind, { xmlns: 'urn:xmpp:carbons:2' }, x('forwarded', { xmlns: 'urn:xmpp:forward:0' }, x('message', { from: 'anna@x/phone', to: 'bob@x', type: 'chat' }, x('body', {}, 'copie')))));

  it('unwraps sent and received copies from my own bare JID', () => {
    expect(unwrapCarbon(wrap('sent', 'anna@x'), ME)?.kind).toBe('sent');
    expect(unwrapCarbon(wrap('received', 'anna@x'), ME)?.message.childText('body')).toBe('copie');
  });

  it('refuses a carbon from anyone else (a forgery)', () => {
    expect(unwrapCarbon(wrap('sent', 'mallory@x'), ME)).toBeUndefined();
    expect(unwrapCarbon(wrap('received', 'anna@x/other'), ME)).toBeUndefined();
    expect(unwrapCarbon(x('message', { from: 'anna@x' }, x('body', {}, 'plain')), ME)).toBeUndefined();
  });
});
