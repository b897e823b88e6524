import { describe, expect, it } from 'vitest';
import { NS_HINTS, NS_MESSAGE_RETRACT, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { isArchivable, newStanzaId, originIdOf, stampStanzaId, userArchiveRow } from './archiving.js';

const msg = (type: string | undefined, ...children: ReturnType<typeof el>[]) => el('message', { type, from: 'a@x/r', to: 'b@x' }, ...children);
const body = () => el('body', null, 'hi');

describe('isArchivable', () => {
  it('keeps chat and normal messages with a body', () => {
    expect(isArchivable(msg('chat', body()))).toBe(true);
    expect(isArchivable(msg(undefined, body()))).toBe(true);
    expect(isArchivable(msg('normal', body()))).toBe(true);
  });

  it('skips errors, headlines, groupchat and bodiless chat states', () => {
    expect(isArchivable(msg('error', body()))).toBe(false);
    expect(isArchivable(msg('headline', body()))).toBe(false);
    expect(isArchivable(msg('groupchat', body()))).toBe(false);
    expect(isArchivable(msg('chat', el('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })))).toBe(false);
  });

  it('follows XEP-0334 hints and keeps retractions', () => {
    expect(isArchivable(msg('chat', body(), el('no-store', { xmlns: NS_HINTS })))).toBe(false);
    expect(isArchivable(msg('chat', body(), el('no-permanent-store', { xmlns: NS_HINTS })))).toBe(false);
    expect(isArchivable(msg('chat', el('store', { xmlns: NS_HINTS })))).toBe(true);
    expect(isArchivable(msg('chat', el('retract', { xmlns: NS_MESSAGE_RETRACT, id: 'x' })))).toBe(true);
  });
});

describe('stanza ids', () => {
  it('are unique and URL-safe', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newStanzaId()));
    expect(seen.size).toBe(1000);
    for (const id of seen) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('replace an earlier id from the same archive only', () => {
    const stanza = msg('chat', body(), el('stanza-id', { xmlns: NS_SID, by: 'b@x', id: 'old' }), el('stanza-id', { xmlns: NS_SID, by: 'other@x', id: 'keep' }));
    stampStanzaId(stanza, 'b@x', 'new');
    const ids = stanza.getChildren('stanza-id', NS_SID).map((s) => `${s.attrs.by}=${s.attrs.id}`);
    expect(ids).toEqual(['other@x=keep', 'b@x=new']);
  });

  it('builds a row with origin-id, body and the serialised stanza', () => {
    const stanza = msg('chat', body(), el('origin-id', { xmlns: NS_SID, id: 'o1' }));
    expect(originIdOf(msg('chat', body()))).toBeNull();
    const at = new Date('2024-01-01T00:00:00.123Z');
    expect(userArchiveRow({ ownerAccountId: 7, stanzaId: 's', stanza, withJid: 'a@x', senderAccountId: 3, at })).toEqual({
      owner: { kind: 'user', accountId: 7 },
      stanzaId: 's',
      originId: 'o1',
      withJid: 'a@x',
      fromJid: 'a@x/r',
      senderAccountId: 3,
      senderName: null,
      body: 'hi',
      stanza: stanza.toString(),
      timestamp: at,
    });
  });
});
