import { describe, expect, it } from 'vitest';
import {
  finFirstId,
  groupchatBody,
  groupchatMessage,
  isErrorStanza,
  isGroupchat,
  joinPresence,
  mamPageIq,
  mamResultQueryId,
  mucStatusCodes,
} from './muc-text.js';

const ROOM = 'r1@conference.bench.localhost';

describe('muc stanza text', () => {
  it('builds a join with no history and escapes the nick', () => {
    expect(joinPresence('', ROOM, "o'k")).toBe(
      `<presence to='${ROOM}/o&apos;k'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`,
    );
  });

  it('reads back the send time and phase it wrote into a groupchat body', () => {
    const sent = groupchatMessage('', ROOM, 'm-1', '1234.500', 'm', 7, 'xx');
    const echoed = sent.replace(`to='${ROOM}'`, `from='${ROOM}/u1' to='u2@bench.localhost/r'`);
    expect(isGroupchat(echoed)).toBe(true);
    expect(groupchatBody(echoed)).toEqual({ sentAt: 1234.5, phase: 'm' });
  });

  it('ignores subjects, errors and archive results when looking for deliveries', () => {
    expect(groupchatBody(`<message from='${ROOM}' type='groupchat'><subject/></message>`)).toBeUndefined();
    expect(groupchatBody(`<message type='groupchat'><body>hello there</body></message>`)).toBeUndefined();
    const result = `<message to='u@d/r'><result xmlns='urn:xmpp:mam:2' queryid="q1" id='a'><forwarded xmlns='urn:xmpp:forward:0'><message type='groupchat'><body>1 m:1</body></message></forwarded></result></message>`;
    expect(isGroupchat(result)).toBe(false);
    expect(mamResultQueryId(result)).toBe('q1');
    expect(mamResultQueryId(`<message type='groupchat'><body>1 m:1</body></message>`)).toBeUndefined();
    const bounce = `<message from="${ROOM}" type="error"><error type="cancel"/></message>`;
    expect(isErrorStanza(bounce)).toBe(true);
    expect(isGroupchat(bounce)).toBe(false);
  });

  it('finds status codes in either quote style', () => {
    const p = `<presence from='${ROOM}/u1'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/><status code='110'/><status code="201"/></x></presence>`;
    expect(mucStatusCodes(p)).toEqual([110, 201]);
    expect(mucStatusCodes(`<presence from='${ROOM}/u2'/>`)).toEqual([]);
  });

  it('asks for the last page, then pages back from the first id of the fin', () => {
    expect(mamPageIq('', ROOM, 'q1', 50)).toContain("<set xmlns='http://jabber.org/protocol/rsm'><max>50</max><before/></set>");
    expect(mamPageIq('', ROOM, 'q2', 50, 'id<1>')).toContain('<before>id&lt;1&gt;</before>');
    const fin = `<iq type='result' id='q1'><fin xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'><first index='0'>abc</first><last>xyz</last></set></fin></iq>`;
    expect(finFirstId(fin)).toBe('abc');
    expect(finFirstId(`<iq type='result' id='q1'><fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'/></fin></iq>`)).toBeUndefined();
  });
});
