import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { fromLegacy, toLegacy } from './bookmarks-compat.js';

describe('XEP-0402 ↔ XEP-0048 bookmarks', () => {
  it('converts a legacy conference to XEP-0402 and back', () => {
    const legacy = parse("<conference jid='Team@Conference.Example.org' name='Team' autojoin='1'><nick>al</nick><password>pw</password></conference>");
    const converted = fromLegacy(legacy);
    expect(converted?.[0]).toBe('team@conference.example.org');
    const conference = converted?.[1];
    expect(conference?.attrs).toMatchObject({ xmlns: 'urn:xmpp:bookmarks:1', name: 'Team', autojoin: 'true' });
    expect(conference?.getChildText('nick')).toBe('al');
    expect(conference?.getChildText('password')).toBe('pw');
    if (!conference || !converted) throw new Error('conversion failed');
    const back = toLegacy(converted[0], conference);
    expect(back.attrs).toMatchObject({ jid: 'team@conference.example.org', name: 'Team', autojoin: 'true' });
    expect(back.getChildText('nick')).toBe('al');
  });

  it('keeps autojoin false implicit in the legacy form and skips unusable entries', () => {
    const conference = parse("<conference xmlns='urn:xmpp:bookmarks:1' autojoin='false'/>");
    const legacy = toLegacy('room@conference.example.org', conference);
    expect(legacy.attrs.autojoin).toBeUndefined();
    expect(legacy.getChild('nick')).toBeUndefined();
    expect(fromLegacy(parse("<conference name='no jid'/>"))).toBeUndefined();
    expect(fromLegacy(parse("<conference jid='conference.example.org'/>"))).toBeUndefined();
    expect(fromLegacy(parse("<conference jid='room@conference.example.org/nick'/>"))).toBeUndefined();
  });
});
