// Groups from a client (urn:causerie:groups:0): listing what one may see,
// joining an open group (its room then appears in bookmarks and disco and
// can be joined), asking to join a restricted one, leaving (the room goes,
// an occupant leaves it with 321), and the refusals: private groups of
// others do not exist, inherited membership cannot be left.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { bookmarks, condition, eventually, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';
import type { Element } from '../helpers/muc-client.js';
import { ask as askIq, uid } from '../helpers/muc-features.js';

const NS = 'urn:causerie:groups:0';
const address = (alias: string): string => `${alias}@${TEST_DOMAIN}`;

for (const db of testDatabaseConfigs()) {
  describe(`groups from a client (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    const users: Record<string, { username: string; password: string; jid: string }> = {};
    let openRoom: string;
    let clubId: number;

    const connect = async (name: string): Promise<TestClient> => {
      const client = await connectClient(node, users[name] as { username: string; password: string }, { resource: `r${clients.length}` });
      clients.push(client);
      await client.send(xml('presence'));
      return client;
    };
    /** Sends a groups request to the server; resolves with the answer, result or error. */
    const ask = (client: TestClient, type: 'get' | 'set', payload: Element): Promise<Element> => askIq(client, xml('iq', { type, id: uid('g'), to: TEST_DOMAIN }, payload));
    const list = async (client: TestClient): Promise<Record<string, string>> => {
      const answer = await ask(client, 'get', xml('groups', { xmlns: NS }));
      expect(answer.attrs.type).toBe('result');
      return Object.fromEntries((answer.getChild('groups', NS)?.getChildren('group') ?? []).map((g) => [g.attrs.jid as string, `${g.attrs.access}/${g.attrs.membership}`]));
    };
    const act = (client: TestClient, action: 'join' | 'leave', alias: string, note?: string): Promise<Element> =>
      ask(client, 'set', xml(action, { xmlns: NS, group: address(alias) }, ...(note ? [xml('message', {}, note)] : [])));
    const discoRooms = async (client: TestClient): Promise<string[]> => {
      const answer = await client.iq(xml('iq', { type: 'get', to: SERVICE }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      return answer.getChild('query')?.getChildren('item').map((i) => i.attrs.jid as string) ?? [];
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['ana', 'ben', 'cleo']) users[name] = await node.createUser(name);
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const ben = await node.services.repos.accounts.getByAddress('ben', TEST_DOMAIN);
      if (!ben) throw new Error('no ben');
      const open = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Garden', alias: 'garden', access: 'open', description: 'Plants and seeds' });
      openRoom = `${((await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, open.id, true))[0] as Room).localpart}@${SERVICE}`;
      clubId = (await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Club', alias: 'club', access: 'restricted' })).id;
      await node.services.groups.setManager(SYSTEM_ACTOR, clubId, ben.id, true);
      const secret = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Secret', alias: 'secret', access: 'private' });
      await node.services.groups.addMember(SYSTEM_ACTOR, secret.id, { type: 'account', accountId: ben.id });
      const everyone = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Everyone', alias: 'everyone', access: 'open' });
      await node.services.groups.addMember(SYSTEM_ACTOR, everyone.id, { type: 'domain', domainId: domain.id });
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('announces the namespace and lists the groups one may see with the membership, private ones only to members', async () => {
      const ana = await connect('ana');
      const info = await ana.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS);
      expect(await list(ana)).toEqual({ [address('garden')]: 'open/none', [address('club')]: 'restricted/none', [address('everyone')]: 'open/inherited' });
      const answer = await ask(ana, 'get', xml('groups', { xmlns: NS }));
      const garden = answer.getChild('groups', NS)?.getChildren('group').find((g) => g.attrs.jid === address('garden'));
      expect(garden?.attrs.name).toBe('Garden');
      expect(garden?.getChildText('description')).toBe('Plants and seeds');
      const ben = await connect('ben');
      expect((await list(ben))[address('secret')]).toBe('private/direct');
    });

    it("joins an open group: its room appears in bookmarks and disco and can be joined; leaving takes it away and the occupant out with 321", async () => {
      const ana = await connect('ana');
      expect(condition(await join(ana, openRoom, 'Ana'))).toBe('registration-required');
      const joined = await act(ana, 'join', 'garden');
      expect(joined.attrs.type).toBe('result');
      expect(joined.getChild('group', NS)?.attrs.membership).toBe('direct');
      await eventually(async () => (await bookmarks(ana)).includes(openRoom), 'bookmark of the group room');
      expect(await discoRooms(ana)).toContain(openRoom);
      expect((await join(ana, openRoom, 'Ana')).attrs.type).toBeUndefined();
      expect(condition(await act(ana, 'join', 'garden'))).toBe('conflict');

      const removed = next(ana, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${openRoom}/Ana`, 'removed from the room');
      const left = await act(ana, 'leave', 'garden');
      expect(left.attrs.type).toBe('result');
      expect(left.getChild('group', NS)?.attrs.membership).toBe('none');
      const presence = await removed;
      expect(statuses(presence)).toContain('321');
      expect(presence.getChild('x', MUC_USER)?.getChild('item')?.getChildText('reason')).toBeTruthy();
      await eventually(async () => !(await bookmarks(ana)).includes(openRoom), 'bookmark retracted');
      expect(await discoRooms(ana)).not.toContain(openRoom);
      expect(condition(await join(ana, openRoom, 'Ana'))).toBe('registration-required');
    });

    it('asks to join a restricted group; a manager lists and approves the request from a client and the account becomes a member', async () => {
      const cleo = await connect('cleo');
      const asked = await act(cleo, 'join', 'club', 'I run the Tuesday sessions');
      expect(asked.attrs.type).toBe('result');
      expect(asked.getChild('group', NS)?.attrs.membership).toBe('pending');
      const again = await act(cleo, 'join', 'club');
      expect(condition(again)).toBe('conflict');
      expect(again.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(/Club/);
      expect(condition(await act(cleo, 'leave', 'club'))).toBe('item-not-found');
      // Only managers see and decide requests.
      const nosy = await ask(cleo, 'get', xml('requests', { xmlns: NS, group: address('club') }));
      expect(condition(nosy)).toBe('forbidden');
      const ben = await connect('ben');
      const pending = await ask(ben, 'get', xml('requests', { xmlns: NS, group: address('club') }));
      const request = pending.getChild('requests', NS)?.getChildren('request') ?? [];
      expect(request.map((r) => [r.attrs.from, r.getChildText('message')])).toEqual([[users.cleo?.jid, 'I run the Tuesday sessions']]);
      const id = request[0]?.attrs.id as string;
      expect(condition(await ask(cleo, 'set', xml('decide', { xmlns: NS, request: id, approve: 'true' })))).toBe('forbidden');
      expect(condition(await ask(ben, 'set', xml('decide', { xmlns: NS, request: id, approve: 'maybe' })))).toBe('bad-request');
      expect((await ask(ben, 'set', xml('decide', { xmlns: NS, request: id, approve: 'true' }))).attrs.type).toBe('result');
      expect(condition(await ask(ben, 'set', xml('decide', { xmlns: NS, request: id, approve: 'false' })))).toBe('conflict');
      expect((await node.services.groups.joinRequests(clubId)).length).toBe(0);
      expect((await list(cleo))[address('club')]).toBe('restricted/direct');
      // Restricted groups are left through a manager, as they are joined.
      const leave = await act(cleo, 'leave', 'club');
      expect(condition(leave)).toBe('not-allowed');
      expect(leave.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(/manager/);
    });

    it("refuses with a clear error: others' private groups do not exist, inherited membership cannot be left, a request needs a group", async () => {
      const ana = await connect('ana');
      const secret = await act(ana, 'join', 'secret');
      expect(condition(secret)).toBe('item-not-found');
      expect(secret.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toContain(address('secret'));
      const inherited = await act(ana, 'leave', 'everyone');
      expect(condition(inherited)).toBe('not-allowed');
      expect(inherited.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(/domain or another group/);
      expect(condition(await ask(ana, 'set', xml('join', { xmlns: NS })))).toBe('bad-request');
      expect(condition(await act(ana, 'join', 'nowhere'))).toBe('item-not-found');
      // Join requests: unseen private groups do not exist; their members who do not manage them are refused.
      expect(condition(await ask(ana, 'get', xml('requests', { xmlns: NS, group: address('secret') })))).toBe('item-not-found');
      const ben = await connect('ben');
      expect(condition(await ask(ben, 'get', xml('requests', { xmlns: NS, group: address('secret') })))).toBe('forbidden');
    });
  });
}
