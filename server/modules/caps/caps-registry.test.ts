import { describe, expect, it } from 'vitest';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { capsAdvertOf, CapsRegistry } from './caps-registry.js';
import type { DiscoQuery } from './caps-registry.js';
import { capsVer, parseDiscoInfo } from './verification.js';

const session = (): ClientSession => ({}) as ClientSession;

function discoQuery(features: string[]): Element {
  return el(
    'query',
    { xmlns: 'http://jabber.org/protocol/disco#info' },
    el('identity', { category: 'client', type: 'pc', name: 'test' }),
    ...features.map((f) => el('feature', { var: f })),
  );
}

const FEATURES = ['http://jabber.org/protocol/disco#info', 'urn:xmpp:avatar:metadata+notify', 'http://jabber.org/protocol/mood+notify'];
const VER = capsVer(parseDiscoInfo(discoQuery(FEATURES)), 'sha-1') ?? '';

/** A query function that answers with `features` and counts calls. */
function answering(features: string[]): DiscoQuery & { calls: number } {
  const query = Object.assign(
    async (): Promise<Element | undefined> => {
      query.calls += 1;
      return discoQuery(features);
    },
    { calls: 0 },
  );
  return query;
}

describe('CapsRegistry', () => {
  it('resolves a ver, learns +notify interests and tells listeners what was added', async () => {
    const registry = new CapsRegistry();
    const s = session();
    const seen: string[][] = [];
    registry.onInterestChange((_session, added) => seen.push(added));
    await registry.advertise(s, { node: 'https://example.org', ver: VER, hash: 'sha-1' }, answering(FEATURES));
    expect(registry.wantsNotify(s, 'urn:xmpp:avatar:metadata')).toBe(true);
    expect(registry.wantsNotify(s, 'urn:xmpp:avatar:data')).toBe(false);
    expect(registry.interests(s).sort()).toEqual(['http://jabber.org/protocol/mood', 'urn:xmpp:avatar:metadata']);
    expect(seen).toEqual([['urn:xmpp:avatar:metadata', 'http://jabber.org/protocol/mood']]);
  });

  it('caches a verified ver for every session: one query only', async () => {
    const registry = new CapsRegistry();
    const query = answering(FEATURES);
    const advert = { node: 'n', ver: VER, hash: 'sha-1' };
    const [a, b] = [session(), session()];
    await Promise.all([registry.advertise(a, advert, query), registry.advertise(b, advert, query)]);
    await registry.advertise(session(), advert, query);
    expect(query.calls).toBe(1);
    expect(registry.cachedCount).toBe(1);
    expect(registry.wantsNotify(b, 'http://jabber.org/protocol/mood')).toBe(true);
  });

  it('believes an answer that does not match its hash only for the session that gave it', async () => {
    const registry = new CapsRegistry();
    const liar = answering([...FEATURES, 'urn:extra+notify']);
    const advert = { node: 'n', ver: VER, hash: 'sha-1' };
    const a = session();
    await registry.advertise(a, advert, liar);
    expect(registry.wantsNotify(a, 'urn:extra')).toBe(true);
    expect(registry.cachedCount).toBe(0);
    // Another session with the same ver is asked itself.
    const honest = answering(FEATURES);
    const b = session();
    await registry.advertise(b, advert, honest);
    expect(honest.calls).toBe(1);
    expect(registry.wantsNotify(b, 'urn:extra')).toBe(false);
  });

  it('does not cache legacy caps or unknown hashes, and keeps nothing after clear()', async () => {
    const registry = new CapsRegistry();
    const s = session();
    await registry.advertise(s, { node: 'n', ver: '1.0', hash: undefined }, answering(FEATURES));
    expect(registry.wantsNotify(s, 'urn:xmpp:avatar:metadata')).toBe(true);
    await registry.advertise(session(), { node: 'n', ver: VER, hash: 'md5' }, answering(FEATURES));
    expect(registry.cachedCount).toBe(0);
    registry.clear(s);
    expect(registry.features(s)).toBeUndefined();
    expect(registry.wantsNotify(s, 'urn:xmpp:avatar:metadata')).toBe(false);
  });

  it('keeps the previous features when the query fails, and ignores an answer for a superseded ver', async () => {
    const registry = new CapsRegistry();
    const s = session();
    await registry.advertise(s, { node: 'n', ver: VER, hash: 'sha-1' }, answering(FEATURES));
    await registry.advertise(s, { node: 'n', ver: 'other', hash: 'sha-1' }, async () => undefined);
    expect(registry.wantsNotify(s, 'urn:xmpp:avatar:metadata')).toBe(true);

    let release: (value: Element | undefined) => void = () => undefined;
    const slow = registry.advertise(s, { node: 'n', ver: 'slow', hash: undefined }, () => new Promise((resolve) => (release = resolve)));
    await registry.advertise(s, { node: 'n', ver: VER, hash: 'sha-1' }, answering([]));
    release(discoQuery(['urn:late+notify']));
    await slow;
    expect(registry.wantsNotify(s, 'urn:late')).toBe(false);
  });

  it('reads the <c/> element of a presence', () => {
    const presence = el('presence', null, el('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'n', ver: 'v' }));
    expect(capsAdvertOf(presence)).toEqual({ node: 'n', ver: 'v', hash: 'sha-1' });
    expect(capsAdvertOf(el('presence'))).toBeUndefined();
    expect(capsAdvertOf(el('presence', null, el('c', { xmlns: 'http://jabber.org/protocol/caps', node: 'n' })))).toBeUndefined();
  });
});
