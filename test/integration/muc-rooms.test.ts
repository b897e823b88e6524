// XEP-0045 rooms on TeamChat: a group with TeamChat on → its members join
// and chat, others are refused; roles from rights; private rooms by joining;
// history, subject, private messages, room MAM; live updates (membership
// lost → 321, service stop → 332 then service-unavailable).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

const SERVICE = `conference.${TEST_DOMAIN}`;
const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
type Element = TestClient['received'][number];

function statuses(presence: Element): string[] {
  return (presence.getChild('x', MUC_USER)?.getChildren('status') ?? []).map((s) => s.attrs.code as string);
}

function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text')?.name;
}

function errorText(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildText('text') ?? undefined;
}

/** The next stanza matching, ignoring those already received. */
function next(client: TestClient, predicate: (s: Element) => boolean, label: string): Promise<Element> {
  const start = client.received.length;
  return client.waitFor((s) => client.received.indexOf(s) >= start && predicate(s), 15_000, label);
}

/** Sends an iq and returns its answer, result or error. */
async function ask(client: TestClient, iq: Element): Promise<Element> {
  const wait = next(client, (s) => s.name === 'iq' && s.attrs.id === iq.attrs.id && (s.attrs.type === 'result' || s.attrs.type === 'error'), `iq ${iq.attrs.id}`);
  await client.send(iq);
  return wait;
}

/** Joins and waits for the self-presence (or the error presence). */
async function join(client: TestClient, room: string, nick: string, history?: Record<string, string>): Promise<Element> {
  const to = `${room}/${nick}`;
  const wait = next(client, (s) => s.name === 'presence' && s.attrs.from === to && (s.attrs.type === 'error' || (s.attrs.type === undefined && statuses(s).includes('110'))), `join ${to}`);
  await client.send(xml('presence', { to }, history ? xml('x', { xmlns: MUC }, xml('history', history)) : xml('x', { xmlns: MUC })));
  return wait;
}

/** A field's value in a disco#info answer's muc#roominfo form. */
function roomInfoField(info: Element, name: string): string | undefined {
  const field = info.getChild('query')?.getChild('x', 'jabber:x:data')?.getChildren('field').find((f) => f.attrs.var === name);
  return field?.getChildText('value') ?? undefined;
}

async function subjectOf(client: TestClient, room: string): Promise<Element> {
  return client.waitFor((s) => s.name === 'message' && (s.attrs.from ?? '').startsWith(room) && s.getChild('subject') !== undefined && !s.getChild('body'), 10_000, 'subject');
}

for (const db of testDatabaseConfigs()) {
  describe(`rooms (XEP-0045) on ${db.name}`, () => {
    let node: TestNode;
    let room: Room;
    let roomAddress: string;
    const clients: TestClient[] = [];
    const accounts: Record<string, { username: string; password: string; jid: string }> = {};
    let groupId: number;

    async function connect(name: string, resource = 'muc'): Promise<TestClient> {
      const client = await connectClient(node, accounts[name] as { username: string; password: string }, { resource });
      clients.push(client);
      await client.send(xml('presence'));
      return client;
    }

    async function accountId(name: string): Promise<number> {
      const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
      if (!account) throw new Error(`no account ${name}`);
      return account.id;
    }

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['anna', 'bob', 'carl', 'dora', 'eve', 'finn']) accounts[name] = await node.createUser(name);
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Crew', alias: 'crew' });
      groupId = group.id;
      for (const name of ['anna', 'bob', 'carl', 'dora']) await node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: await accountId(name) });
      const rooms = await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true);
      room = rooms[0] as Room;
      roomAddress = `${room.localpart}@${SERVICE}`;
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop().catch(() => undefined)));
      await node?.close();
    });

    it('answers disco on the service and the room', async () => {
      const anna = await connect('anna', 'disco');
      const info = await anna.iq(xml('iq', { type: 'get', to: SERVICE, id: 'd1' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChild('identity')?.attrs).toMatchObject({ category: 'conference', type: 'text' });
      const items = await anna.iq(xml('iq', { type: 'get', to: SERVICE, id: 'd2' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect(items.getChild('query')?.getChildren('item').map((i) => i.attrs.jid)).toContain(roomAddress);
      const roomInfo = await anna.iq(xml('iq', { type: 'get', to: roomAddress, id: 'd3' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = roomInfo.getChild('query')?.getChildren('feature').map((f) => f.attrs.var) ?? [];
      for (const f of [MUC, 'muc_persistent', 'muc_membersonly', 'muc_nonanonymous', 'urn:xmpp:mam:2', 'urn:xmpp:occupant-id:0']) expect(features).toContain(f);
      // The roominfo form names the room's kind and its group (urn:causerie:rooms:0), so clients can list rooms under their group.
      expect(roomInfoField(roomInfo, '{urn:causerie:rooms:0}kind')).toBe('group');
      expect(roomInfoField(roomInfo, '{urn:causerie:rooms:0}group')).toBe('Crew');
      const eve = await connect('eve', 'disco');
      const eveItems = await eve.iq(xml('iq', { type: 'get', to: SERVICE, id: 'd4' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect(eveItems.getChild('query')?.getChildren('item').map((i) => i.attrs.jid)).not.toContain(roomAddress);
    });

    it('lets members join and chat, refuses non-members, stamps ids, keeps order and history', async () => {
      const anna = await connect('anna');
      const self = await join(anna, roomAddress, 'Anna');
      expect(self.attrs.type).toBeUndefined();
      expect(statuses(self)).toEqual(expect.arrayContaining(['110', '100', '170']));
      expect(self.getChild('x', MUC_USER)?.getChild('item')?.attrs).toMatchObject({ role: 'participant', affiliation: 'member', jid: accounts.anna?.jid });
      await subjectOf(anna, roomAddress);

      const bob = await connect('bob');
      const annaSeesBob = anna.waitFor((s) => s.name === 'presence' && s.attrs.from === `${roomAddress}/Bob`, 10_000, 'bob presence');
      await join(bob, roomAddress, 'Bob');
      await annaSeesBob;
      await subjectOf(bob, roomAddress);

      const eve = await connect('eve');
      const refused = await join(eve, roomAddress, 'Eve');
      expect(refused.attrs.type).toBe('error');
      expect(errorCondition(refused)).toBe('registration-required');

      const conflict = await join(eve, roomAddress, 'Anna');
      expect(errorCondition(conflict)).toBe('registration-required');
      const carl = await connect('carl');
      const taken = await join(carl, roomAddress, 'Anna');
      expect(errorCondition(taken)).toBe('conflict');

      const atBob = bob.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'hello crew', 10_000, 'groupchat');
      const echo = anna.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'hello crew', 10_000, 'echo');
      await anna.send(xml('message', { to: roomAddress, type: 'groupchat', id: 'm1' }, xml('body', {}, 'hello crew'), xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: roomAddress, id: 'forged' }), xml('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: 'forged' })));
      const got = await atBob;
      await echo;
      expect(got.attrs.from).toBe(`${roomAddress}/Anna`);
      const sids = got.getChildren('stanza-id').filter((s) => s.attrs.by === roomAddress);
      expect(sids).toHaveLength(1);
      expect(sids[0]?.attrs.id).not.toBe('forged');
      const oid = got.getChildren('occupant-id');
      expect(oid).toHaveLength(1);
      expect(oid[0]?.attrs.id).not.toBe('forged');
      expect(oid[0]?.attrs.id).toBe(self.getChild('occupant-id')?.attrs.id);

      // History on join, and maxstanzas=0 sends none.
      const carlSelf = await join(carl, roomAddress, 'Carl');
      expect(carlSelf.attrs.type).toBeUndefined();
      const history = await carl.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'hello crew', 10_000, 'history');
      expect(history.getChild('delay', 'urn:xmpp:delay')?.attrs.from).toBe(roomAddress);
      const dora = await connect('dora');
      await join(dora, roomAddress, 'Dora', { maxstanzas: '0' });
      await subjectOf(dora, roomAddress);
      expect(dora.received.some((s) => s.getChildText('body') === 'hello crew')).toBe(false);

      // Not joined: refused.
      const notJoined = eve.waitFor((s) => s.name === 'message' && s.attrs.type === 'error', 10_000, 'not joined');
      await eve.send(xml('message', { to: roomAddress, type: 'groupchat', id: 'x1' }, xml('body', {}, 'intruder')));
      expect(errorCondition(await notJoined)).toBe('not-acceptable');

      // Private message between occupants.
      const pm = bob.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'psst', 10_000, 'pm');
      await anna.send(xml('message', { to: `${roomAddress}/Bob`, type: 'chat', id: 'pm1' }, xml('body', {}, 'psst')));
      expect((await pm).attrs.from).toBe(`${roomAddress}/Anna`);

      // Self-ping (XEP-0410).
      const pong = await anna.iq(xml('iq', { type: 'get', to: `${roomAddress}/Anna`, id: 'sp1' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(pong.attrs.type).toBe('result');
      const notMe = await ask(eve, xml('iq', { type: 'get', to: `${roomAddress}/Anna`, id: 'sp2' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(notMe.attrs.type).toBe('error');

      // Subject needs the rename right (members are Authors).
      const subjectRefused = anna.waitFor((s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === 'sub1', 10_000, 'subject refused');
      await anna.send(xml('message', { to: roomAddress, type: 'groupchat', id: 'sub1' }, xml('subject', {}, 'new topic')));
      expect(errorCondition(await subjectRefused)).toBe('forbidden');

      // A presence update while joined is broadcast, not a second join (no history, no subject again).
      const subjectsBefore = anna.received.filter((s) => s.getChild('subject')).length;
      const away = bob.waitFor((s) => s.name === 'presence' && s.attrs.from === `${roomAddress}/Anna` && s.getChildText('show') === 'away', 10_000, 'away');
      await anna.send(xml('presence', { to: `${roomAddress}/Anna` }, xml('show', {}, 'away')));
      await away;
      await anna.iq(xml('iq', { type: 'get', to: `${roomAddress}/Anna`, id: 'sp3' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(anna.received.filter((s) => s.getChild('subject')).length).toBe(subjectsBefore);

      // Leave.
      const left = bob.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/Bob`, 10_000, 'leave');
      const annaSeesLeave = anna.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/Bob`, 10_000, 'others see leave');
      await bob.send(xml('presence', { to: `${roomAddress}/Bob`, type: 'unavailable' }));
      expect(statuses(await left)).toContain('110');
      await annaSeesLeave;
    }, 60_000);

    it('searches the room archive (hits and misses), for readers only', async () => {
      const anna = await connect('anna', 'mam');
      const search = async (client: TestClient, text: string, id: string): Promise<{ iq: Element; bodies: string[] }> => {
        const results: string[] = [];
        const iq = await ask(
          client,
          xml('iq', { type: 'set', to: roomAddress, id }, xml('query', { xmlns: 'urn:xmpp:mam:2', queryid: id }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'urn:xmpp:mam:2')), xml('field', { var: '{urn:xmpp:fulltext:0}fulltext' }, xml('value', {}, text))))),
        );
        for (const s of client.received) {
          const result = s.getChild('result', 'urn:xmpp:mam:2');
          if (result?.attrs.queryid === id) results.push(result.getChild('forwarded')?.getChild('message')?.getChildText('body') ?? '');
        }
        return { iq, bodies: results };
      };
      const hit = await search(anna, 'crew', 'q1');
      expect(hit.iq.attrs.type).toBe('result');
      expect(hit.bodies).toEqual(['hello crew']);
      const miss = await search(anna, 'zebra', 'q2');
      expect(miss.bodies).toEqual([]);
      const eve = await connect('eve', 'mam');
      const refused = await search(eve, 'crew', 'q3');
      expect(refused.iq.attrs.type).toBe('error');
      expect(refused.bodies).toEqual([]);
    });

    it('derives roles from rights: reader is a visitor who cannot post, delete right kicks', async () => {
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: room.id }, { type: 'account', accountId: await accountId('dora') }, { read: true, write: false, modify: false, delete: false, rename: false, invite: false, admin: false });
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'group', groupId }, { type: 'account', accountId: await accountId('carl') }, { read: true, write: true, modify: true, delete: true, rename: false, invite: false, admin: false });
      const dora = await connect('dora', 'rights');
      const doraSelf = await join(dora, roomAddress, 'Dora2');
      expect(doraSelf.getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');
      const refused = dora.waitFor((s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === 'v1', 10_000, 'visitor refused');
      await dora.send(xml('message', { to: roomAddress, type: 'groupchat', id: 'v1' }, xml('body', {}, 'may I?')));
      const error = await refused;
      expect(errorCondition(error)).toBe('forbidden');
      expect(errorText(error)).toMatch(/write right/);

      const carl = await connect('carl', 'rights');
      const carlSelf = await join(carl, roomAddress, 'Carl2');
      expect(carlSelf.getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('moderator');
      const kicked = dora.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && statuses(s).includes('307'), 10_000, 'kicked');
      const result = await ask(carl, xml('iq', { type: 'set', to: roomAddress, id: 'k1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { nick: 'Dora2', role: 'none' }, xml('reason', {}, 'testing')))));
      expect(result.attrs.type).toBe('result');
      expect(statuses(await kicked)).toContain('110');
      // An author cannot kick.
      const anna = await connect('anna', 'rights');
      await join(anna, roomAddress, 'Anna3');
      const denied = await ask(anna, xml('iq', { type: 'set', to: roomAddress, id: 'k2' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { nick: 'Carl2', role: 'none' }))));
      expect(denied.attrs.type).toBe('error');
    }, 60_000);

    it('creates a private room owned by whoever joins a new address', async () => {
      const anna = await connect('anna', 'private');
      const address = `side-room@${SERVICE}`;
      const self = await join(anna, address, 'Anna');
      expect(statuses(self)).toContain('201');
      expect(self.getChild('x', MUC_USER)?.getChild('item')?.attrs.affiliation).toBe('owner');
      const instant = await ask(anna, xml('iq', { type: 'set', to: address, id: 'c1' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
      expect(instant.attrs.type).toBe('result');
      const info = await anna.iq(xml('iq', { type: 'get', to: address, id: 'c0' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(roomInfoField(info, '{urn:causerie:rooms:0}kind')).toBe('private');
      expect(roomInfoField(info, '{urn:causerie:rooms:0}group')).toBeUndefined();
      const eve = await connect('eve', 'private');
      expect(errorCondition(await join(eve, address, 'Eve'))).toBe('registration-required');
      // The owner adds Eve as a member; then she may join.
      const added = await ask(anna, xml('iq', { type: 'set', to: address, id: 'c2' }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { jid: accounts.eve?.jid, affiliation: 'member' }))));
      expect(errorText(added) ?? added.attrs.type).toBe('result');
      const evesJoin = await join(eve, address, 'Eve');
      expect(errorText(evesJoin) ?? evesJoin.attrs.type).toBeUndefined();
    });

    it('makes removed members leave (321) and empties rooms when the service stops (332)', async () => {
      const bob = await connect('bob', 'live');
      await join(bob, roomAddress, 'BobLive');
      const gone = bob.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/BobLive`, 15_000, '321');
      await node.services.groups.removeMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: await accountId('bob') });
      expect(statuses(await gone)).toEqual(expect.arrayContaining(['110', '321']));
      expect(errorCondition(await join(bob, roomAddress, 'BobLive'))).toBe('registration-required');

      const anna = await connect('anna', 'live');
      await join(anna, roomAddress, 'AnnaLive');
      const stopped = anna.waitFor((s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomAddress}/AnnaLive`, 15_000, '332');
      await node.services.policies.setServiceRunning(SYSTEM_ACTOR, false);
      expect(statuses(await stopped)).toContain('332');
      expect(errorCondition(await join(anna, roomAddress, 'AnnaLive'))).toBe('service-unavailable');
      await node.services.policies.setServiceRunning(SYSTEM_ACTOR, true);
      expect((await join(anna, roomAddress, 'AnnaLive')).attrs.type).toBeUndefined();
    }, 60_000);
  });
}
