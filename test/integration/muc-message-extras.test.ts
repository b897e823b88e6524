// Room message features over real sockets, on SQLite and MariaDB: replies
// (XEP-0461) and comment threads (XEP-0201) with the MAM thread filter,
// reactions (XEP-0444, newest set per occupant wins) and pins
// (`urn:causerie:pins:0`), with their rights and refusals.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { READER } from '../../server/domain/rights-model.js';
import { FeatureRoom, NS, ask, errorCondition, next, stanzaIdOf, uid, xml } from '../helpers/muc-features.js';
import type { Element } from '../helpers/muc-features.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

const THREAD_FIELD = '{urn:causerie:mam:0}thread';

for (const db of testDatabaseConfigs()) {
  describe(`room replies, threads, reactions and pins on ${db.name}`, () => {
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

    it('passes replies and threads through, archives them and fetches one thread through MAM', async () => {
      const [root] = await fx.post(anna, [bob], uid('root'), xml('body', {}, 'Agenda for Monday?'), xml('thread', {}, 'th-agenda'));
      const rootSid = stanzaIdOf(root as Element, fx.address);
      const [reply] = await fx.post(bob, [anna], uid('re'), xml('body', {}, 'Budget first'), xml('thread', { parent: 'th-agenda' }, 'th-agenda'), xml('reply', { xmlns: NS.reply, to: `${fx.address}/Anna`, id: rootSid }));
      expect(reply?.getChild('reply', NS.reply)?.attrs).toMatchObject({ id: rootSid, to: `${fx.address}/Anna` });
      expect(reply?.getChild('thread')?.attrs.parent).toBe('th-agenda');
      await fx.post(carl, [anna], uid('other'), xml('body', {}, 'Unrelated'), xml('thread', {}, 'th-other'));
      await fx.post(carl, [anna], uid('plain'), xml('body', {}, 'No thread at all'));

      const thread = await fx.mam(dora, { [THREAD_FIELD]: 'th-agenda' });
      expect(thread.iq.attrs.type).toBe('result');
      expect(thread.items.map((i) => i.message.getChildText('body'))).toEqual(['Agenda for Monday?', 'Budget first']);
      expect(thread.items[1]?.message.getChild('reply', NS.reply)?.attrs.id).toBe(rootSid);
      expect((await fx.mam(dora, { [THREAD_FIELD]: 'th-none' })).items).toEqual([]);

      // The form advertises the field on rooms; user archives refuse it.
      const form = await ask(anna, xml('iq', { type: 'get', to: fx.address, id: uid('form') }, xml('query', { xmlns: NS.mam })));
      expect(form.getChild('query')?.getChild('x')?.getChildren('field').map((f) => f.attrs.var)).toContain(THREAD_FIELD);
      const own = await ask(anna, xml('iq', { type: 'set', id: uid('own') }, xml('query', { xmlns: NS.mam }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: THREAD_FIELD }, xml('value', {}, 'th-agenda'))))));
      expect(errorCondition(own)).toBe('feature-not-implemented');
    }, 60_000);

    it('relays typing notifications in order without archiving them or giving them a stanza id', async () => {
      const typing = uid('typing');
      const [relayed] = await fx.post(anna, [bob], typing, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }));
      expect(relayed?.getChild('composing', 'http://jabber.org/protocol/chatstates')).toBeDefined();
      expect(relayed?.getChild('stanza-id', 'urn:xmpp:sid:0')).toBeUndefined();
      const said = uid('said');
      await fx.post(anna, [bob], said, xml('body', {}, 'after typing'), xml('active', { xmlns: 'http://jabber.org/protocol/chatstates' }));
      const archived = (await fx.mam(dora)).items.map((i) => i.message.attrs.id);
      expect(archived).toContain(said);
      expect(archived).not.toContain(typing);
    }, 60_000);

    it('refuses malformed replies and threads without disturbing anyone', async () => {
      const since = anna.received.length;
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'bad reply'), xml('reply', { xmlns: NS.reply, to: fx.address }))).toBe('bad-request');
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'bad thread'), xml('thread', {}, '   '))).toBe('bad-request');
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'two threads'), xml('thread', {}, 'x'), xml('thread', {}, 'y'))).toBe('bad-request');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);
    }, 60_000);

    it('broadcasts and archives reactions; the newest set of an occupant replaces the previous one', async () => {
      const [msg] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'Lunch at one?'));
      const sid = stanzaIdOf(msg as Element, fx.address);
      const react = (client: TestClient, ...emoji: string[]): Promise<Element[]> =>
        fx.post(client, [anna], uid('r'), xml('reactions', { xmlns: NS.reactions, id: sid }, ...emoji.map((e) => xml('reaction', {}, e))), xml('store', { xmlns: 'urn:xmpp:hints' }));
      const [first] = await react(bob, '👍');
      expect(first?.getChild('reactions', NS.reactions)?.getChildren('reaction').map((r) => r.getText())).toEqual(['👍']);
      await react(carl, '🎉');
      await react(bob, '❤️', '👨‍👩‍👧‍👦');

      const sets = (await fx.mam(anna)).items.map((i) => i.message).filter((m) => m.getChild('reactions', NS.reactions)?.attrs.id === sid);
      const byNick = sets.map((m) => [m.attrs.from, m.getChild('reactions', NS.reactions)?.getChildren('reaction').map((r) => r.getText())]);
      expect(byNick).toEqual([
        [`${fx.address}/Carl`, ['🎉']],
        [`${fx.address}/Bob`, ['❤️', '👨‍👩‍👧‍👦']],
      ]);
      // Removing every reaction is a set too.
      await react(bob);
      const after = (await fx.mam(anna)).items.map((i) => i.message).filter((m) => m.getChild('reactions', NS.reactions)?.attrs.id === sid && m.attrs.from === `${fx.address}/Bob`);
      expect(after.map((m) => m.getChild('reactions', NS.reactions)?.getChildren('reaction').length)).toEqual([0]);
    }, 60_000);

    it('refuses reactions from readers, to unknown messages and malformed ones', async () => {
      const [msg] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'React to me'));
      const sid = stanzaIdOf(msg as Element, fx.address);
      const since = anna.received.length;
      expect(await fx.refused(dora, uid('bad'), xml('reactions', { xmlns: NS.reactions, id: sid }, xml('reaction', {}, '👍')))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('reactions', { xmlns: NS.reactions, id: 'no-such' }, xml('reaction', {}, '👍')))).toBe('item-not-found');
      expect(await fx.refused(bob, uid('bad'), xml('reactions', { xmlns: NS.reactions }, xml('reaction', {}, '👍')))).toBe('bad-request');
      expect(await fx.refused(bob, uid('bad'), xml('reactions', { xmlns: NS.reactions, id: sid }, xml('reaction', {}, '')))).toBe('bad-request');
      expect(await fx.refused(bob, uid('bad'), xml('reactions', { xmlns: NS.reactions, id: sid }, xml('emoji', {}, '👍')))).toBe('bad-request');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);
    }, 60_000);

    it('pins and unpins with the modify right, announces each change and lists the pins with their message', async () => {
      const [msg] = await fx.post(bob, [anna], uid('b'), xml('body', {}, 'The wifi password is on the fridge'));
      const sid = stanzaIdOf(msg as Element, fx.address);
      const announced = [bob, dora].map((c) => next(c, (s) => s.name === 'message' && s.getChild('pinned', NS.pins) !== undefined, 'pinned'));
      const pinned = await ask(anna, xml('iq', { type: 'set', to: fx.address, id: uid('pin') }, xml('pin', { xmlns: NS.pins, id: sid })));
      expect(pinned.attrs.type).toBe('result');
      for (const note of await Promise.all(announced)) {
        expect(note.attrs).toMatchObject({ from: fx.address, type: 'groupchat' });
        expect(note.getChild('body')).toBeUndefined();
        expect(note.getChild('pinned', NS.pins)?.attrs).toMatchObject({ id: sid, by: anna.jid.split('/')[0] });
      }
      // Pinning again is accepted and not announced twice.
      expect((await ask(carl, xml('iq', { type: 'set', to: fx.address, id: uid('pin') }, xml('pin', { xmlns: NS.pins, id: sid })))).attrs.type).toBe('result');

      const list = await ask(dora, xml('iq', { type: 'get', to: fx.address, id: uid('pins') }, xml('pins', { xmlns: NS.pins })));
      const pins = list.getChild('pins', NS.pins)?.getChildren('pin') ?? [];
      expect(pins).toHaveLength(1);
      expect(pins[0]?.attrs).toMatchObject({ id: sid, by: anna.jid.split('/')[0] });
      expect(pins[0]?.attrs.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(pins[0]?.getChild('forwarded', NS.forward)?.getChild('message')?.getChildText('body')).toBe('The wifi password is on the fridge');
      // Pin announcements stay out of the archive.
      expect((await fx.mam(anna)).items.some((i) => i.message.getChild('pinned', NS.pins))).toBe(false);

      const unannounced = next(bob, (s) => s.name === 'message' && s.getChild('unpinned', NS.pins) !== undefined, 'unpinned');
      expect((await ask(bob, xml('iq', { type: 'set', to: fx.address, id: uid('unpin') }, xml('unpin', { xmlns: NS.pins, id: sid })))).attrs.type).toBe('result');
      expect((await unannounced).getChild('unpinned', NS.pins)?.attrs.id).toBe(sid);
      const empty = await ask(anna, xml('iq', { type: 'get', to: fx.address, id: uid('pins') }, xml('pins', { xmlns: NS.pins })));
      expect(empty.getChild('pins', NS.pins)?.getChildren('pin')).toEqual([]);
      expect(bob.received.filter((s) => s.getChild('pinned', NS.pins)?.attrs.id === sid)).toHaveLength(1);
    }, 60_000);

    it('unpins a retracted message, and refuses pins without the right, of unknown ids and malformed ones', async () => {
      const [msg] = await fx.post(anna, [bob], uid('a'), xml('body', {}, 'Pinned then retracted'));
      const sid = stanzaIdOf(msg as Element, fx.address);
      const pin = (client: TestClient, name: 'pin' | 'unpin', id: string | undefined): Promise<Element> => ask(client, xml('iq', { type: 'set', to: fx.address, id: uid(name) }, xml(name, { xmlns: NS.pins, id })));
      const since = anna.received.length;
      expect(errorCondition(await pin(dora, 'pin', sid))).toBe('forbidden');
      expect(errorCondition(await pin(bob, 'pin', 'no-such'))).toBe('item-not-found');
      expect(errorCondition(await pin(bob, 'unpin', sid))).toBe('item-not-found');
      expect(errorCondition(await pin(bob, 'pin', undefined))).toBe('bad-request');
      expect(errorCondition(await ask(bob, xml('iq', { type: 'set', to: fx.address, id: uid('pins') }, xml('pins', { xmlns: NS.pins }))))).toBe('bad-request');
      expect(await fx.quietSince(bob, anna, since)).toEqual([]);

      expect((await pin(bob, 'pin', sid)).attrs.type).toBe('result');
      const unpinned = next(carl, (s) => s.name === 'message' && s.getChild('unpinned', NS.pins)?.attrs.id === sid, 'unpinned on retraction');
      await fx.post(anna, [carl], uid('retract'), xml('retract', { xmlns: NS.retract, id: sid }));
      await unpinned;
      const list = await ask(anna, xml('iq', { type: 'get', to: fx.address, id: uid('pins') }, xml('pins', { xmlns: NS.pins })));
      expect(list.getChild('pins', NS.pins)?.getChildren('pin')).toEqual([]);
    }, 60_000);

    it('checks rights at each action: a grant narrowed live refuses the next correction, reaction and pin', async () => {
      const [mine] = await fx.post(bob, [anna], uid('b'), xml('body', {}, 'bob writes while an author'));
      const sid = stanzaIdOf(mine as Element, fx.address);
      const account = await fx.node.services.repos.accounts.getByAddress('bob', anna.jid.split('@')[1]?.split('/')[0] ?? '');
      if (!account) throw new Error('no bob');
      const scope = { kind: 'room' as const, roomId: fx.room.id };
      const grantee = { type: 'account' as const, accountId: account.id };
      const role = (value: string): Promise<Element> =>
        next(bob, (s) => s.name === 'presence' && s.attrs.from === `${fx.address}/Bob` && s.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('item')?.attrs.role === value, `bob ${value}`);
      const visitor = role('visitor');
      await fx.node.services.rights.grant(SYSTEM_ACTOR, scope, grantee, READER);
      await visitor;
      const since = anna.received.length;
      expect(await fx.refused(bob, uid('bad'), xml('body', {}, 'bob edits as a reader'), xml('replace', { xmlns: NS.correct, id: sid }))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('retract', { xmlns: NS.retract, id: sid }))).toBe('forbidden');
      expect(await fx.refused(bob, uid('bad'), xml('reactions', { xmlns: NS.reactions, id: sid }, xml('reaction', {}, '👀')))).toBe('forbidden');
      expect(errorCondition(await ask(bob, xml('iq', { type: 'set', to: fx.address, id: uid('pin') }, xml('pin', { xmlns: NS.pins, id: sid }))))).toBe('forbidden');
      expect(await fx.quietSince(carl, anna, since)).toEqual([]);

      const participant = role('participant');
      await fx.node.services.rights.revoke(SYSTEM_ACTOR, scope, grantee);
      await participant;
      const [fixed] = await fx.post(bob, [anna], uid('fix'), xml('body', {}, 'bob edits as an author again'), xml('replace', { xmlns: NS.correct, id: sid }));
      expect(fixed?.getChild('replace', NS.correct)?.attrs.id).toBe(sid);
    }, 60_000);
  });
}
