// Archived (closed) rooms over real sockets, on SQLite and MariaDB: once the
// domain service archives a room, its occupants stay but become visitors,
// posting is refused with a sentence that says why, and the archive stays
// readable: room MAM pages forwards (RSM after) and backwards (RSM before)
// through three pages with first/last/count, and full-text search still finds
// (and misses) words. Members can still join it and get history.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { condition, join, MUC_USER, next, SERVICE } from '../helpers/muc-client.js';
import { roomMam } from '../helpers/room-mam.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const BODIES = WORDS.map((word, i) => `note ${i + 1}: ${word} minutes`);

for (const db of testDatabaseConfigs()) {
  describe(`archived rooms (${db.name})`, () => {
    let node: TestNode;
    let room: Room;
    let address: string;
    let anna: TestClient;
    let bob: TestClient;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Closing', alias: 'closing' });
      const credentials = { anna: await node.createUser('anna'), bob: await node.createUser('bob') };
      for (const name of ['anna', 'bob']) {
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(name);
        await node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: account.id });
      }
      room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true))[0] as Room;
      address = `${room.localpart}@${SERVICE}`;
      anna = await connectClient(node, credentials.anna, { resource: 'archive' });
      bob = await connectClient(node, credentials.bob, { resource: 'archive' });
      for (const client of [anna, bob]) await client.send(xml('presence'));
      await join(anna, address, 'Anna');
      // Posted in order, each seen by Anna before the next: the archive order is known.
      for (const [i, body] of BODIES.entries()) {
        const seen = next(anna, (s) => s.name === 'message' && s.attrs.id === `n${i}`, `note ${i}`);
        await anna.send(xml('message', { to: address, type: 'groupchat', id: `n${i}` }, xml('body', {}, body)));
        await seen;
      }
    }, 90_000);

    afterAll(async () => {
      await Promise.all([anna, bob].map((client) => client?.stop()));
      await node?.close();
    });

    it('turns occupants into visitors and refuses posts with a clear error once archived', async () => {
      const demoted = next(anna, (s) => s.name === 'presence' && s.attrs.from === `${address}/Anna` && s.getChild('x', MUC_USER)?.getChild('item')?.attrs.role === 'visitor', 'visitor presence');
      await node.services.rooms.setArchived(SYSTEM_ACTOR, room.id, true);
      await demoted;
      const refused = next(anna, (s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === 'late', 'refused post');
      await anna.send(xml('message', { to: address, type: 'groupchat', id: 'late' }, xml('body', {}, 'one more thing')));
      const error = await refused;
      expect(condition(error)).toBe('forbidden');
      expect(error.getChild('error')?.getChildText('text')).toMatch(/archived/);
      expect((await roomMam(anna, address, { text: 'thing' })).items).toEqual([]);
    });

    it('lets members join an archived room, as visitors with its history', async () => {
      const history: string[] = [];
      const subject = next(bob, (s) => s.name === 'message' && s.attrs.from?.startsWith(address) === true && s.getChild('subject') !== undefined && !s.getChild('body'), 'subject');
      const self = await join(bob, address, 'Bob');
      expect(self.getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');
      await subject;
      for (const s of bob.received) if (s.name === 'message' && s.attrs.from === `${address}/Anna` && s.getChild('delay', 'urn:xmpp:delay')) history.push(s.getChildText('body') ?? '');
      expect(history).toEqual(BODIES);
    });

    it('pages the archive forwards with RSM after: three pages, first/last/count', async () => {
      const bodies: string[] = [];
      let after: string | undefined;
      const pages = [];
      for (let i = 0; i < 3; i++) {
        const page = await roomMam(bob, address, { max: 3, ...(after === undefined ? {} : { after }) });
        expect(page.iq.attrs.type).toBe('result');
        expect(page.count).toBe(BODIES.length);
        expect(page.first).toBe(page.items[0]?.id);
        expect(page.last).toBe(page.items[page.items.length - 1]?.id);
        bodies.push(...page.items.map((item) => item.body ?? ''));
        pages.push(page);
        after = page.last;
      }
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
      expect(pages.map((p) => p.complete)).toEqual([false, false, true]);
      expect(bodies).toEqual(BODIES);
    });

    it('pages the archive backwards with RSM before: the last page first, then older ones', async () => {
      const pages: string[][] = [];
      let before = '';
      for (let i = 0; i < 3; i++) {
        const page = await roomMam(bob, address, { max: 3, before });
        expect(page.count).toBe(BODIES.length);
        pages.push(page.items.map((item) => item.body ?? ''));
        before = page.first ?? '';
        if (i < 2) expect(page.complete).toBe(false);
        else expect(page.complete).toBe(true);
      }
      expect(pages).toEqual([BODIES.slice(5, 8), BODIES.slice(2, 5), BODIES.slice(0, 2)]);
    });

    it('still finds words with full-text search (hits and misses), paged too', async () => {
      expect((await roomMam(bob, address, { text: 'foxtrot' })).items.map((i) => i.body)).toEqual([BODIES[5]]);
      expect((await roomMam(bob, address, { text: 'zulu' })).items).toEqual([]);
      const first = await roomMam(bob, address, { text: 'minutes', max: 5 });
      expect(first.count).toBe(BODIES.length);
      expect(first.items.map((i) => i.body)).toEqual(BODIES.slice(0, 5));
      const rest = await roomMam(bob, address, { text: 'minutes', max: 5, after: first.last ?? '' });
      expect(rest.items.map((i) => i.body)).toEqual(BODIES.slice(5));
      expect(rest.complete).toBe(true);
    });

    it('lets members post again once reopened', async () => {
      const promoted = next(bob, (s) => s.name === 'presence' && s.attrs.from === `${address}/Bob` && s.getChild('x', MUC_USER)?.getChild('item')?.attrs.role === 'participant', 'participant again');
      await node.services.rooms.setArchived(SYSTEM_ACTOR, room.id, false);
      await promoted;
      const seen = next(anna, (s) => s.name === 'message' && s.attrs.id === 'again', 'post after reopening');
      await bob.send(xml('message', { to: address, type: 'groupchat', id: 'again' }, xml('body', {}, 'open again')));
      expect((await seen).getChildText('body')).toBe('open again');
    });
  });
}
