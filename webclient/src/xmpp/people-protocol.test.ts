import { describe, expect, it } from 'vitest';
import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { readContactPresence, readRosterPush } from './roster.js';
import { chatStateMessage, displayedMessage, readChatState, readDisplayed } from './chat-states.js';
import { fetchRoomInfo } from './room-info.js';
import { fetchAvatar, readPhotoHash } from './avatar.js';

/** A connection whose iq() answers from a function of the request (or fails with item-not-found). */
function fakeConnection(answer: (iq: XmlElement) => XmlElement | undefined): Connection {
  return {
    iq: async (iq: XmlElement) => {
      const result = answer(iq);
      if (!result) throw new Error('item-not-found');
      return result;
    },
  } as unknown as Connection;
}

describe('roster', () => {
  const push = (from?: string) => x('iq', { type: 'set', id: 'p1', from }, x('query', { xmlns: 'jabber:iq:roster' }, x('item', { jid: 'carl@x', name: 'Carl', subscription: 'both' })));

  it('reads a push from my own account only (RFC 6121 §2.1.6)', () => {
    expect(readRosterPush(push(), 'anna@x/web')).toEqual([{ jid: 'carl@x', name: 'Carl', subscription: 'both' }]);
    expect(readRosterPush(push('anna@x'), 'anna@x/web')).toHaveLength(1);
    expect(readRosterPush(push('mallory@x'), 'anna@x/web')).toBeUndefined();
  });

  it('reads contact presence, not room presence nor subscription requests', () => {
    expect(readContactPresence(x('presence', { from: 'carl@x/phone' }, x('show', {}, 'away')))).toEqual({ jid: 'carl@x', resource: 'phone', show: 'away' });
    expect(readContactPresence(x('presence', { from: 'carl@x/phone', type: 'unavailable' }))?.show).toBe('offline');
    expect(readContactPresence(x('presence', { from: 'room@c/carl' }, x('x', { xmlns: 'http://jabber.org/protocol/muc#user' })))).toBeUndefined();
    expect(readContactPresence(x('presence', { from: 'carl@x', type: 'subscribe' }))).toBeUndefined();
  });
});

describe('chat states and markers', () => {
  it('builds and reads typing notifications and displayed markers', () => {
    const typing = chatStateMessage('room@c', 'composing');
    expect(typing.toString()).toBe('<message to="room@c" type="groupchat"><composing xmlns="http://jabber.org/protocol/chatstates"/><no-store xmlns="urn:xmpp:hints"/></message>');
    expect(readChatState(typing)).toBe('composing');
    expect(readDisplayed(displayedMessage('room@c', 'sid-1'))).toBe('sid-1');
    expect(readChatState(x('message', {}, x('body', {}, 'hi')))).toBeUndefined();
  });
});

describe('room info', () => {
  const info = (fields: Array<[string, string]>) =>
    x('iq', { type: 'result' }, x('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, x('identity', { category: 'conference', type: 'text', name: 'TeamChat' }), x('x', { xmlns: 'jabber:x:data', type: 'result' }, ...fields.map(([name, value]) => x('field', { var: name }, x('value', {}, value))))));

  it('reads the kind and the group of a room', async () => {
    const conn = fakeConnection(() => info([['{urn:causerie:rooms:0}kind', 'group'], ['{urn:causerie:rooms:0}group', 'Atelier']]));
    expect(await fetchRoomInfo(conn, 'r@c')).toEqual({ name: 'TeamChat', kind: 'group', group: 'Atelier' });
  });

  it('leaves the kind unknown when another server does not say it', async () => {
    expect(await fetchRoomInfo(fakeConnection(() => info([['{urn:causerie:rooms:0}kind', 'weird']])), 'r@c')).toEqual({ name: 'TeamChat', kind: undefined, group: undefined });
  });
});

describe('avatars', () => {
  const pep = (type: string, data: string) => (iq: XmlElement) => {
    const items = iq.child('pubsub')?.child('items');
    if (items?.attrs.node === 'urn:xmpp:avatar:metadata') return x('iq', {}, x('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, x('items', {}, x('item', { id: 'h1' }, x('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, x('info', { id: 'h1', type, bytes: 3 }))))));
    if (items?.attrs.node === 'urn:xmpp:avatar:data') return x('iq', {}, x('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, x('items', {}, x('item', { id: 'h1' }, x('data', { xmlns: 'urn:xmpp:avatar:data' }, data)))));
    return undefined;
  };

  it('reads an XEP-0084 avatar as a data: URL', async () => {
    expect(await fetchAvatar(fakeConnection(pep('image/png', 'iVBO\nRw==')), 'anna@x')).toBe('data:image/png;base64,iVBORw==');
  });

  it('refuses what is not a raster image in plain base64', async () => {
    expect(await fetchAvatar(fakeConnection(pep('image/svg+xml', 'PHN2Zz4=')), 'anna@x')).toBe('');
    expect(await fetchAvatar(fakeConnection(pep('text/html', 'PGI+')), 'anna@x')).toBe('');
    expect(await fetchAvatar(fakeConnection(pep('image/png', 'iVBO"><script>')), 'anna@x')).toBe('');
  });

  it('falls back to the vCard PHOTO', async () => {
    const conn = fakeConnection((iq) => (iq.child('vCard') ? x('iq', {}, x('vCard', { xmlns: 'vcard-temp' }, x('PHOTO', {}, x('TYPE', {}, 'image/jpeg'), x('BINVAL', {}, '/9j/')))) : undefined));
    expect(await fetchAvatar(conn, 'anna@x')).toBe('data:image/jpeg;base64,/9j/');
    expect(await fetchAvatar(fakeConnection(() => undefined), 'anna@x')).toBe('');
  });

  it('reads the XEP-0153 photo hash of a presence', () => {
    expect(readPhotoHash(x('presence', {}, x('x', { xmlns: 'vcard-temp:x:update' }, x('photo', {}, 'abc'))))).toBe('abc');
    expect(readPhotoHash(x('presence'))).toBeUndefined();
  });
});

describe('entity capabilities', () => {
  it('answers disco#info for its own node#ver with what the ver was computed from', async () => {
    const { answerDiscoInfo, capsVer, CAPS_NODE, CLIENT_FEATURES } = await import('./caps.js');
    const ver = await capsVer();
    expect(ver).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    const answer = answerDiscoInfo(x('iq', { type: 'get', id: 'd1', from: 'causerie.test' }, x('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: `${CAPS_NODE}#${ver}` })), ver);
    expect(answer?.attrs).toMatchObject({ type: 'result', id: 'd1', to: 'causerie.test' });
    expect(answer?.child('query')?.childrenNamed('feature').map((f) => f.attrs.var)).toEqual(CLIENT_FEATURES);
    expect(CLIENT_FEATURES).toContain('urn:xmpp:bookmarks:1+notify');
    expect(answerDiscoInfo(x('iq', { type: 'get', id: 'd2' }, x('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: `${CAPS_NODE}#other` })), ver)).toBeUndefined();
  });
});
