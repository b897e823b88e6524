import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import type { ArchivedMessage } from '../../store/types.js';
import { NS_MESSAGE_RETRACT } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { tombstoneOf } from './retraction.js';

const archived = (stanza: string): ArchivedMessage => ({
  id: 1,
  owner: { kind: 'room', roomId: 1 },
  stanzaId: 'sid-1',
  originId: 'o-1',
  withJid: 'anna@example.org',
  fromJid: 'room@conference.example.org/Anna',
  senderAccountId: 1,
  senderName: 'Anna',
  body: 'secret',
  stanza,
  timestamp: new Date(0),
  retracted: false,
});

describe('tombstoneOf', () => {
  it('keeps the address and ids, drops the body and everything else, adds <retracted/>', () => {
    const original =
      "<message from='room@conference.example.org/Anna' type='groupchat' id='o-1'><body>secret</body><reply xmlns='urn:xmpp:reply:0' id='x'/>" +
      "<origin-id xmlns='urn:xmpp:sid:0' id='o-1'/><occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ'/><stanza-id xmlns='urn:xmpp:sid:0' by='room@conference.example.org' id='sid-1'/></message>";
    const tomb = parse(tombstoneOf(archived(original), el('retracted', { xmlns: NS_MESSAGE_RETRACT, stamp: '2026-01-01T00:00:00.000Z' })));
    expect(tomb.attrs).toMatchObject({ from: 'room@conference.example.org/Anna', type: 'groupchat', id: 'o-1' });
    expect(tomb.getChildElements().map((c) => c.name)).toEqual(['retracted', 'origin-id', 'occupant-id', 'stanza-id']);
    expect(tomb.toString()).not.toContain('secret');
  });

  it('still tombstones a stanza it cannot read back', () => {
    const tomb = parse(tombstoneOf(archived('<message><body>secret'), el('retracted', { xmlns: NS_MESSAGE_RETRACT })));
    expect(tomb.attrs.from).toBe('room@conference.example.org/Anna');
    expect(tomb.getChild('retracted', NS_MESSAGE_RETRACT)).toBeDefined();
  });
});
