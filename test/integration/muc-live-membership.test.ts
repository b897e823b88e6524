// Rooms follow membership and policies live, over real sockets on SQLite and
// MariaDB: an account added to a group while online (directly, or through a
// group added to the group) gets the room pushed as an XEP-0402 bookmark with
// autojoin='true' and finds it in the service's disco#items; a domain losing
// TeamChat makes its accounts' occupants leave with 321 and a reason text.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { withCaps } from '../helpers/caps-client.js';
import { BOOKMARKS, condition, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';
import type { Element } from '../helpers/muc-client.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

/** The bookmark <item/> of a pubsub event notification for `room`, if the stanza is one. */
const pushedBookmark = (s: Element, room: string): Element | undefined => {
  const items = s.name === 'message' ? s.getChild('event', NS_EVENT)?.getChild('items') : undefined;
  return items?.attrs.node === BOOKMARKS ? items.getChildren('item').find((i) => i.attrs.id === room) : undefined;
};

const serviceItems = async (client: TestClient): Promise<string[]> =>
  ((await client.iq(xml('iq', { type: 'get', to: SERVICE }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })))).getChild('query')?.getChildren('item') ?? []).map((i) => i.attrs.jid as string);

for (const db of testDatabaseConfigs()) {
  describe(`live membership and policies (${db.name})`, () => {
    let node: TestNode;
    let room: Room;
    let address: string;
    let groupId: number;
    let domainId: number;
    const ids: Record<string, number> = {};
    const clients: TestClient[] = [];

    const online = async (name: string): Promise<TestClient> => {
      const client = await withCaps(node, name, 'live', [BOOKMARKS]);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['anna', 'bob', 'carl']) {
        await node.createUser(name);
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(name);
        ids[name] = account.id;
      }
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      domainId = domain.id;
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domainId, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Live', alias: 'live' });
      groupId = group.id;
      await node.services.groups.addMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: ids.anna as number });
      room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, groupId, true))[0] as Room;
      address = `${room.localpart}@${SERVICE}`;
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('pushes the room as a bookmark with autojoin to an account added to the group while online, and lists it in disco#items', async () => {
      const bob = await online('bob');
      expect(await serviceItems(bob)).not.toContain(address);
      expect(condition(await join(bob, address, 'Bob'))).toBe('registration-required');
      const pushed = next(bob, (s) => pushedBookmark(s, address) !== undefined, 'bookmark push');
      await node.services.groups.addMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: ids.bob as number });
      const conference = pushedBookmark(await pushed, address)?.getChild('conference', BOOKMARKS);
      expect(conference?.attrs).toMatchObject({ autojoin: 'true', name: room.name });
      expect(await serviceItems(bob)).toContain(address);
      // The stored bookmark (what a client fetches when it connects) says autojoin too.
      const stored = await bob.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: BOOKMARKS }))));
      const item = stored.getChild('pubsub')?.getChild('items')?.getChildren('item').find((i) => i.attrs.id === address);
      expect(item?.getChild('conference', BOOKMARKS)?.attrs.autojoin).toBe('true');
      expect((await join(bob, address, 'Bob')).attrs.type).toBeUndefined();
    });

    it('does the same for an account whose group is added to the group (group of groups)', async () => {
      const carl = await online('carl');
      const team = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Team', alias: 'team' });
      await node.services.groups.addMember(SYSTEM_ACTOR, team.id, { type: 'account', accountId: ids.carl as number });
      expect(await serviceItems(carl)).not.toContain(address);
      const pushed = next(carl, (s) => pushedBookmark(s, address) !== undefined, 'bookmark push');
      await node.services.groups.addMember(SYSTEM_ACTOR, groupId, { type: 'group', groupId: team.id });
      expect(pushedBookmark(await pushed, address)?.getChild('conference', BOOKMARKS)?.attrs.autojoin).toBe('true');
      expect(await serviceItems(carl)).toContain(address);
      expect((await join(carl, address, 'Carl')).attrs.type).toBeUndefined();
    });

    it('makes the occupants of a domain that loses TeamChat leave with 321 and a reason, and refuses them with it', async () => {
      const anna = await online('anna');
      await join(anna, address, 'Anna');
      const watchers = clients.filter((c) => c !== anna);
      const removed = [anna, ...watchers].map((client) => next(client, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && statuses(s).includes('110'), 'removed'));
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domainId, { teamchat: false });
      for (const presence of await Promise.all(removed)) {
        expect(statuses(presence)).toContain('321');
        const reason = presence.getChild('x', MUC_USER)?.getChild('item')?.getChildText('reason');
        expect(reason).toMatch(/TeamChat/);
      }
      const refused = await join(anna, address, 'Anna');
      expect(condition(refused)).toBe('forbidden');
      expect(refused.getChild('error')?.getChildText('text')).toMatch(/TeamChat/);
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domainId, { teamchat: true });
      expect((await join(anna, address, 'Anna')).attrs.type).toBeUndefined();
    });
  });
}
