// Room message features over real sockets, on SQLite and MariaDB:
// corrections (XEP-0308), retraction (XEP-0424) and moderation (XEP-0425),
// each with its rights, archive effects (search, tombstones) and refusals
// that never reach the other occupants.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureRoom, NS, ask, errorCondition, stanzaIdOf, uid, xml } from '../helpers/muc-features.js';
import type { Element } from '../helpers/muc-features.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

for (const db of testDatabaseConfigs()) {
  describe(`room corrections, retraction and moderation on ${db.name}`, () => {
    const fx = new FeatureRoom();
    let anna: TestClient;
    let bob: TestClient;
    let carl: TestClient;
    let dora: TestClient;

    beforeAll(async () => {
      await fx.start(await db.make());
      anna = await fx.joined('anna', 'a');
      bob = await fx.joined('bob', 'b');
      carl = await fx.joined('carl', 'c');
      dora = await fx.joined('dora', 'd');
    }, 60_000);

    afterAll(async () => {
      await fx.stop();
    });

    it('advertises the message features on the room', async () => {
      const info = await anna.iq(xml('iq', { type: 'get', to: fx.address, id: uid('disco') }, xml('query', { xmlns: DISCO_INFO })));
      const features = info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var) ?? [];
      for (const f of [NS.correct, NS.retract, NS.moderate, NS.reply, NS.reactions, NS.pins, 'urn:causerie:mam:0']) expect(features).toContain(f);
    });

    it('lets the author correct: broadcast, archived, search finds the new text only', async () => {
      const [, atBob] = await fx.post(anna, [anna, bob], 'orig-1', xml('body', {}, 'the tyop meeting is at noon'));
      const originalSid = stanzaIdOf(atBob as Element, fx.address);
      const [fixed] = await fx.post(anna, [bob], 'fix-1', xml('body', {}, 'the typo meeting is at midnight'), xml('replace', { xmlns: NS.correct, id: 'orig-1' }));
      expect(fixed?.getChild('replace', NS.correct)?.attrs.id).toBe('orig-1');
      expect(fixed?.attrs.from).toBe(`${fx.address}/Anna`);
      const correctionSid = stanzaIdOf(fixed as Element, fx.address);

      expect(await fx.search(bob, 'tyop')).toEqual([]);
      const hits = await fx.search(bob, 'midnight');
      expect(hits.map((h) => h.id)).toEqual([originalSid]);
      // Both are in the archive for clients that replay history.
      const all = await fx.mam(bob);
      const ids = all.items.map((i) => i.id);
      expect(ids).toContain(originalSid);
      expect(ids).toContain(correctionSid);
      expect(all.items.find((i) => i.id === correctionSid)?.message.getChild('replace', NS.correct)?.attrs.id).toBe('orig-1');

      // A second correction naming the room's stanza id (or the first correction) also works.
      await fx.post(anna, [bob], 'fix-2', xml('body', {}, 'the meeting is at dawn'), xml('replace', { xmlns: NS.correct, id: correctionSid }));
      expect(await fx.search(bob, 'midnight')).toEqual([]);
      expect((await fx.search(bob, 'dawn')).map((h) => h.id)).toEqual([originalSid]);

      // The author is the account: another of Anna's sessions may correct too.
      const phone = await fx.joined('anna', 'phone');
      await fx.post(phone, [bob], 'fix-3', xml('body', {}, 'the meeting is at dusk'), xml('replace', { xmlns: NS.correct, id: 'orig-1' }));
      expect((await fx.search(bob, 'dusk')).map((h) => h.id)).toEqual([originalSid]);
    }, 60_000);

    it('refuses corrections of others’ messages, unknown ids, malformed ones and readers, without disturbing anyone', async () => {
      const [atBob] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'anna wrote this'));
      const sid = stanzaIdOf(atBob as Element, fx.address);
      expect(await fx.refused(anna, uid('bad'), xml('replace', { xmlns: NS.correct, id: sid }))).toBe('bad-request');
      const [carlPost] = await fx.post(carl, [anna], uid('c'), xml('body', {}, 'carl posts'));
      const since = anna.received.length;
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'bob rewrites anna'), xml('replace', { xmlns: NS.correct, id: sid }))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'bob rewrites anna by her id'), xml('replace', { xmlns: NS.correct, id: atBob?.attrs.id as string }))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'no such'), xml('replace', { xmlns: NS.correct, id: 'no-such-message' }))).toBe('item-not-found');
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'no id'), xml('replace', { xmlns: NS.correct }))).toBe('bad-request');
      expect(await fx.refused(dora, uid('bad'), xml('body', {}, 'reader edit'), xml('replace', { xmlns: NS.correct, id: stanzaIdOf(carlPost as Element, fx.address) }))).toBe('forbidden');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);
      expect((await fx.search(anna, 'rewrites'))).toEqual([]);
      expect((await fx.search(anna, 'anna wrote')).map((h) => h.id)).toEqual([sid]);
    }, 60_000);

    it('retracts the author’s message: broadcast, tombstone in MAM, gone from search and history', async () => {
      const [atBob] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'confidential salary figures'));
      const sid = stanzaIdOf(atBob as Element, fx.address);
      await fx.post(anna, [bob], uid('fix'), xml('body', {}, 'confidential salary numbers'), xml('replace', { xmlns: NS.correct, id: sid }));
      const retractId = uid('retract');
      const [retraction] = await fx.post(anna, [bob, carl], retractId, xml('retract', { xmlns: NS.retract, id: sid }), xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: NS.retract }), xml('body', {}, 'This person attempted to retract a previous message'));
      expect(retraction?.getChild('retract', NS.retract)?.attrs.id).toBe(sid);
      const retractionSid = stanzaIdOf(retraction as Element, fx.address);

      expect(await fx.search(bob, 'salary')).toEqual([]);
      expect(await fx.search(bob, 'attempted')).toEqual([]);
      const { items } = await fx.mam(bob);
      const tomb = items.find((i) => i.id === sid)?.message;
      expect(tomb?.getChild('retracted', NS.retract)?.attrs.stamp).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(tomb?.getChild('body')).toBeUndefined();
      expect(tomb?.getChild('occupant-id', NS.occupantId)).toBeDefined();
      expect(items.some((i) => i.message.toString().includes('salary'))).toBe(false);
      expect(items.find((i) => i.id === retractionSid)?.message.getChild('retract', NS.retract)?.attrs.id).toBe(sid);

      // Someone joining now gets no trace of the text in the history.
      const late = await fx.joined('carl', 'late', 200);
      const history = late.received.filter((s) => s.name === 'message' && s.getChild('delay', 'urn:xmpp:delay'));
      expect(history.some((s) => s.getChild('retract', NS.retract)?.attrs.id === sid)).toBe(true);
      expect(history.some((s) => s.toString().includes('salary'))).toBe(false);
    }, 60_000);

    it('refuses retracting others’ messages, unknown ids, malformed retractions and readers', async () => {
      const [atBob] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'anna keeps this'));
      const sid = stanzaIdOf(atBob as Element, fx.address);
      const since = anna.received.length;
      expect(await fx.refused(bob, uid('bad'), xml('retract', { xmlns: NS.retract, id: sid }))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('retract', { xmlns: NS.retract, id: 'nope' }))).toBe('item-not-found');
      expect(await fx.refused(bob, uid('bad'), xml('retract', { xmlns: NS.retract }))).toBe('bad-request');
      expect(await fx.refused(dora, uid('bad'), xml('retract', { xmlns: NS.retract, id: sid }))).toBe('forbidden');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);
      expect((await fx.search(bob, 'keeps')).map((h) => h.id)).toEqual([sid]);
    }, 60_000);

    it('lets holders of the delete right moderate: broadcast from the room, tombstone with moderator and reason', async () => {
      const [atAnna] = await fx.post(bob, [anna], uid('b'), xml('body', {}, 'buy cheap watches here'));
      const sid = stanzaIdOf(atAnna as Element, fx.address);
      const waits = [anna, bob, dora].map((c) => c.waitFor((s) => s.name === 'message' && s.getChild('retract', NS.retract)?.attrs.id === sid, 15_000, 'moderation'));
      const answer = await ask(carl, xml('iq', { type: 'set', to: fx.address, id: uid('mod') }, xml('moderate', { xmlns: NS.moderate, id: sid }, xml('retract', { xmlns: NS.retract }), xml('reason', {}, 'Spam'))));
      expect(answer.attrs.type).toBe('result');
      for (const got of await Promise.all(waits)) {
        const retract = (got as Element).getChild('retract', NS.retract);
        expect((got as Element).attrs.from).toBe(fx.address);
        expect(retract?.getChild('moderated', NS.moderate)?.attrs.by).toBe(`${fx.address}/Carl`);
        expect(retract?.getChild('moderated', NS.moderate)?.getChild('occupant-id', NS.occupantId)?.attrs.id).toBeTruthy();
        expect(retract?.getChildText('reason')).toBe('Spam');
      }
      expect(await fx.search(anna, 'watches')).toEqual([]);
      const tomb = (await fx.mam(anna)).items.find((i) => i.id === sid)?.message;
      const retracted = tomb?.getChild('retracted', NS.retract);
      expect(retracted?.getChild('moderated', NS.moderate)?.attrs.by).toBe(`${fx.address}/Carl`);
      expect(retracted?.getChildText('reason')).toBe('Spam');
      expect(tomb?.getChild('body')).toBeUndefined();
    }, 60_000);

    it('refuses moderation without the delete right, of unknown ids, and malformed requests', async () => {
      const [atBob] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'perfectly fine words'));
      const sid = stanzaIdOf(atBob as Element, fx.address);
      const since = anna.received.length;
      const moderate = (client: TestClient, id: string | undefined, withRetract = true): Promise<Element> =>
        ask(client, xml('iq', { type: 'set', to: fx.address, id: uid('mod') }, xml('moderate', { xmlns: NS.moderate, id }, ...(withRetract ? [xml('retract', { xmlns: NS.retract })] : []))));
      expect(errorCondition(await moderate(bob, sid))).toBe('forbidden');
      expect(errorCondition(await moderate(dora, sid))).toBe('forbidden');
      expect(errorCondition(await moderate(carl, 'no-such-id'))).toBe('item-not-found');
      expect(errorCondition(await moderate(carl, undefined))).toBe('bad-request');
      expect(errorCondition(await moderate(carl, sid, false))).toBe('bad-request');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);
      expect((await fx.search(anna, 'perfectly')).map((h) => h.id)).toEqual([sid]);
    }, 60_000);
  });
}
