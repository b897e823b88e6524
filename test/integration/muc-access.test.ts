// Who gets into rooms, as TeamChat decides: the account's TeamChat policy
// (refused with its text, removed live with 321), groups of groups, grants
// to a domain, XEP-0249 direct invitations that make the invitee a member,
// and XEP-0402 bookmarks kept in step with the rooms an account can read.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { READER } from '../../server/domain/rights-model.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { BOOKMARKS, bookmarks, condition, eventually, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';

for (const db of testDatabaseConfigs()) {
  describe(`room access (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    const users: Record<string, { username: string; password: string; jid: string }> = {};
    let outerRoom: string;
    let innerGroupId: number;
    let domainRoom: string;

    const id = async (name: string): Promise<number> => {
      const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
      if (!account) throw new Error(name);
      return account.id;
    };
    const connect = async (name: string, resource: string): Promise<TestClient> => {
      const client = await connectClient(node, users[name] as { username: string; password: string }, { resource });
      clients.push(client);
      await client.send(xml('presence'));
      return client;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['gina', 'hugo', 'ida', 'jon']) users[name] = await node.createUser(name);
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const inner = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Inner', alias: 'inner' });
      const outer = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Outer', alias: 'outer' });
      innerGroupId = inner.id;
      await node.services.groups.addMember(SYSTEM_ACTOR, inner.id, { type: 'account', accountId: await id('gina') });
      await node.services.groups.addMember(SYSTEM_ACTOR, inner.id, { type: 'account', accountId: await id('hugo') });
      await node.services.groups.addMember(SYSTEM_ACTOR, outer.id, { type: 'group', groupId: inner.id });
      const room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, outer.id, true))[0] as Room;
      outerRoom = `${room.localpart}@${SERVICE}`;
      const other = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Other', alias: 'other' });
      const otherRoom = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, other.id, true))[0] as Room;
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: otherRoom.id }, { type: 'domain', domainId: domain.id }, READER);
      domainRoom = `${otherRoom.localpart}@${SERVICE}`;
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('admits members of a member group, and readers through a domain grant as visitors', async () => {
      const gina = await connect('gina', 'g1');
      expect((await join(gina, outerRoom, 'Gina')).getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('participant');
      const jon = await connect('jon', 'j1');
      expect(condition(await join(jon, outerRoom, 'Jon'))).toBe('registration-required');
      expect((await join(jon, domainRoom, 'Jon')).getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');
    });

    it("refuses with the policy's text and removes live occupants when TeamChat is turned off for an account", async () => {
      const hugo = await connect('hugo', 'h1');
      await join(hugo, outerRoom, 'Hugo');
      const removed = next(hugo, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${outerRoom}/Hugo`, '321');
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, await id('hugo'), { teamchat: false });
      const presence = await removed;
      expect(statuses(presence)).toContain('321');
      const reason = presence.getChild('x', MUC_USER)?.getChild('item')?.getChildText('reason');
      expect(reason).toBeTruthy();
      const refused = await join(hugo, outerRoom, 'Hugo');
      expect(condition(refused)).toBe('forbidden');
      expect(refused.getChild('error')?.getChildText('text')).toBe(reason);
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, await id('hugo'), { teamchat: null });
      expect((await join(hugo, outerRoom, 'Hugo')).attrs.type).toBeUndefined();
    });

    it('makes the invitee of a direct invitation (XEP-0249) a member', async () => {
      const gina = await connect('gina', 'g2');
      const address = `gina-room@${SERVICE}`;
      expect(statuses(await join(gina, address, 'Gina'))).toContain('201');
      const ida = await connect('ida', 'i1');
      expect(condition(await join(ida, address, 'Ida'))).toBe('registration-required');
      const arrives = next(ida, (s) => s.name === 'message' && s.getChild('x', 'jabber:x:conference') !== undefined, 'invitation');
      await gina.send(xml('message', { to: users.ida?.jid, id: 'inv1' }, xml('x', { xmlns: 'jabber:x:conference', jid: address, reason: 'join us' })));
      expect((await arrives).getChild('x', 'jabber:x:conference')?.attrs.jid).toBe(address);
      expect((await join(ida, address, 'Ida')).attrs.type).toBeUndefined();
      // Ida (an author) cannot make others members by inviting.
      const jon = await connect('jon', 'j2');
      // A round trip: Jon's available presence is processed before the invitation arrives.
      await jon.iq(xml('iq', { type: 'get', to: TEST_DOMAIN, id: 'jp' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      await ida.send(xml('message', { to: users.jon?.jid, id: 'inv2' }, xml('x', { xmlns: 'jabber:x:conference', jid: address })));
      await jon.waitFor((s) => s.name === 'message' && s.attrs.id === 'inv2', 15_000, 'second invitation');
      expect(condition(await join(jon, address, 'Jon'))).toBe('registration-required');
    });

    it('forwards mediated invitations, lists members by affiliation, and destroys a room for its owner only', async () => {
      const gina = await connect('gina', 'g-med');
      const address = `mediated@${SERVICE}`;
      expect(statuses(await join(gina, address, 'Gina'))).toContain('201');
      const hugo = await connect('hugo', 'h-med');
      await hugo.iq(xml('iq', { type: 'get', to: TEST_DOMAIN, id: 'hp' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      const invitation = next(hugo, (s) => s.name === 'message' && s.attrs.from === address && s.getChild('x', MUC_USER)?.getChild('invite') !== undefined, 'mediated invitation');
      await gina.send(xml('message', { to: address, id: 'mi1' }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: users.hugo?.jid }, xml('reason', {}, 'come')))));
      expect((await invitation).getChild('x', MUC_USER)?.getChild('invite')?.attrs.from).toBe(users.gina?.jid);
      const list = await gina.iq(xml('iq', { type: 'get', to: address, id: 'al1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { affiliation: 'member' }))));
      expect(list.getChild('query')?.getChildren('item').map((i) => i.attrs.jid)).toEqual([users.hugo?.jid]);
      const owners = await gina.iq(xml('iq', { type: 'get', to: address, id: 'al2' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { affiliation: 'owner' }))));
      expect(owners.getChild('query')?.getChildren('item').map((i) => i.attrs.jid)).toEqual([users.gina?.jid]);
      expect((await join(hugo, address, 'Hugo')).attrs.type).toBeUndefined();
      // Hugo (a member) may not destroy it.
      const refusedWait = next(hugo, (s) => s.name === 'iq' && s.attrs.id === 'ds1', 'destroy refused');
      await hugo.send(xml('iq', { type: 'set', to: address, id: 'ds1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('destroy', {}))));
      expect((await refusedWait).attrs.type).toBe('error');
      const destroyed = next(hugo, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.getChild('x', MUC_USER)?.getChild('destroy') !== undefined, 'destroy presence');
      const done = await gina.iq(xml('iq', { type: 'set', to: address, id: 'ds2' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('destroy', {}))));
      expect(done.attrs.type).toBe('result');
      await destroyed;
      expect(await node.services.rooms.getByJid('mediated', SERVICE)).toBeUndefined();
    });

    it('takes a session out of its rooms when it goes unavailable', async () => {
      const ida = await connect('ida', 'i-watch');
      await join(ida, domainRoom, 'IdaWatch');
      const jon = await connect('jon', 'j-away');
      await join(jon, domainRoom, 'JonAway');
      const left = next(ida, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${domainRoom}/JonAway`, 'jon left');
      await jon.send(xml('presence', { type: 'unavailable' }));
      await left;
    });

    it('keeps bookmarks in step with the rooms an account can read, leaving its own alone', async () => {
      const gina = await connect('gina', 'g3');
      await eventually(async () => (await bookmarks(gina)).includes(outerRoom), 'bookmark published');
      await gina.iq(
        xml('iq', { type: 'set', id: 'own1' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('publish', { node: BOOKMARKS }, xml('item', { id: `mine@${SERVICE}` }, xml('conference', { xmlns: BOOKMARKS, name: 'Mine' }))))),
      );
      await node.services.groups.removeMember(SYSTEM_ACTOR, innerGroupId, { type: 'account', accountId: await id('gina') });
      await eventually(async () => !(await bookmarks(gina)).includes(outerRoom), 'bookmark retracted');
      expect(await bookmarks(gina)).toContain(`mine@${SERVICE}`);
    });
  });
}
