// Room events and conference links (urn:causerie:events:0) over real
// sockets with @xmpp/client: create (write right), announce to occupants,
// list upcoming first, delete (creator or delete right), a conference link
// on its own, GroupWare gate.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';

const SERVICE = `conference.${TEST_DOMAIN}`;
const NS = 'urn:causerie:events:0';
const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const NONE = { read: false, write: false, modify: false, delete: false, rename: false, invite: false, admin: false };
type Element = TestClient['received'][number];

function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text')?.name;
}

let counter = 0;
async function ask(client: TestClient, iq: Element): Promise<Element> {
  counter += 1;
  iq.attrs.id = `ev${counter}`;
  const answer = client.waitFor((s) => s.name === 'iq' && s.attrs.id === iq.attrs.id && (s.attrs.type === 'result' || s.attrs.type === 'error'), 10_000, `iq ${iq.attrs.id}`);
  await client.send(iq);
  return answer;
}

function createIq(room: string, fields: { title?: string; start?: string; end?: string; description?: string; conference?: boolean | string }): Element {
  return xml(
    'iq',
    { type: 'set', to: room },
    xml(
      'create',
      { xmlns: NS },
      ...[
        fields.title !== undefined ? xml('title', {}, fields.title) : null,
        fields.start !== undefined ? xml('start', {}, fields.start) : null,
        fields.end !== undefined ? xml('end', {}, fields.end) : null,
        fields.description !== undefined ? xml('description', {}, fields.description) : null,
        fields.conference === true ? xml('conference') : typeof fields.conference === 'string' ? xml('conference', { url: fields.conference }) : null,
      ].filter((child): child is Element => child !== null),
    ),
  );
}

const listIq = (room: string): Element => xml('iq', { type: 'get', to: room }, xml('list', { xmlns: NS }));
const deleteIq = (room: string, id: string): Element => xml('iq', { type: 'set', to: room }, xml('delete', { xmlns: NS, id }));
const conferenceIq = (room: string): Element => xml('iq', { type: 'get', to: room }, xml('conference', { xmlns: NS }));

function titles(list: Element): string[] {
  return (list.getChild('events', NS)?.getChildren('event') ?? []).map((e) => e.getChildText('title') ?? '');
}

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

for (const db of testDatabaseConfigs()) {
  describe(`room events on ${db.name}`, () => {
    let node: TestNode;
    let roomAddress: string;
    let roomId: number;
    const clients: Record<string, TestClient> = {};
    const ids: Record<string, number> = {};

    async function join(name: string, nick: string): Promise<void> {
      const client = clients[name] as TestClient;
      const to = `${roomAddress}/${nick}`;
      const self = client.waitFor((s) => s.name === 'presence' && s.attrs.from === to && (s.getChild('x', MUC_USER)?.getChildren('status') ?? []).some((c) => c.attrs.code === '110'), 10_000, `join ${nick}`);
      await client.send(xml('presence', { to }, xml('x', { xmlns: MUC })));
      await self;
    }

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['anna', 'bob', 'carl', 'dora', 'eve']) {
        const user = await node.createUser(name);
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(`no account ${name}`);
        ids[name] = account.id;
        clients[name] = await connectClient(node, user, { resource: 'events' });
        await clients[name]?.send(xml('presence'));
      }
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Bureau', alias: 'bureau' });
      for (const name of ['anna', 'bob', 'carl', 'dora']) await node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: ids[name] as number });
      const room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true))[0] as Room;
      roomAddress = `${room.localpart}@${SERVICE}`;
      roomId = room.id;
      // carl reads only; dora may delete others' content.
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: room.id }, { type: 'account', accountId: ids.carl as number }, { ...NONE, read: true });
      await node.services.rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: room.id }, { type: 'account', accountId: ids.dora as number }, { ...NONE, read: true, write: true, modify: true, delete: true });
      await join('anna', 'Anna');
      await join('bob', 'Bob');
    }, 60_000);

    afterAll(async () => {
      await Promise.all(Object.values(clients).map((c) => c.stop()));
      await node?.close();
    });

    it('is announced in the room\'s disco#info', async () => {
      const info = await ask(clients.bob as TestClient, xml('iq', { type: 'get', to: roomAddress }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS);
    });

    it('creates an event with a generated conference link and announces it to occupants', async () => {
      const bob = clients.bob as TestClient;
      const start = inDays(3);
      const end = inDays(3.1);
      const announced = bob.waitFor((s) => s.name === 'message' && s.attrs.type === 'groupchat' && s.getChild('created', NS) !== undefined, 10_000, 'announcement');
      const answer = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'Assemblée générale', start, end, description: 'Ordre du jour : budget', conference: true }));
      expect(answer.attrs.type).toBe('result');
      const event = answer.getChild('event', NS);
      expect(event?.attrs.id).toMatch(/^\d+$/);
      expect(event?.getChildText('title')).toBe('Assemblée générale');
      expect(event?.getChildText('start')).toBe(start);
      expect(event?.getChildText('end')).toBe(end);
      expect(event?.getChild('creator')?.attrs.jid).toBe(`anna@${TEST_DOMAIN}`);
      const link = event?.getChild('conference')?.attrs.url as string;
      expect(link).toMatch(/^https:\/\/meet\.jit\.si\/causerie-[0-9a-f]{32}$/);

      const message = await announced;
      expect(message.attrs.from).toBe(roomAddress);
      expect(message.getChild('created', NS)?.getChild('event')?.attrs.id).toBe(event?.attrs.id);
      const body = message.getChildText('body') ?? '';
      expect(body).toContain('Assemblée générale');
      expect(body).toContain(link);

      // Two conferences never share a meeting room.
      const second = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'Visio', start: inDays(5), conference: true }));
      expect(second.getChild('event', NS)?.getChild('conference')?.attrs.url).not.toBe(link);
      const own = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'Lien donné', start: inDays(6), conference: 'https://visio.example.org/salle' }));
      expect(own.getChild('event', NS)?.getChild('conference')?.attrs.url).toBe('https://visio.example.org/salle');

      // The SmartDiscover conference API URL, once an administrator sets it, is the base of new links.
      await node.services.repos.discovery.putUrl('conference-api', 'https://visio.example.org/meet/');
      try {
        const hosted = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'Visio maison', start: inDays(7), conference: true }));
        expect(hosted.getChild('event', NS)?.getChild('conference')?.attrs.url).toMatch(/^https:\/\/visio\.example\.org\/meet\/causerie-[0-9a-f]{32}$/);
      } finally {
        await node.services.repos.discovery.deleteUrl('conference-api');
      }
    });

    it('lists upcoming events first, soonest first, then past ones', async () => {
      const anna = clients.anna as TestClient;
      await ask(anna, createIq(roomAddress, { title: 'Passé lointain', start: inDays(-30) }));
      await ask(anna, createIq(roomAddress, { title: 'Passé récent', start: inDays(-2), end: inDays(-1.9) }));
      await ask(anna, createIq(roomAddress, { title: 'Demain', start: inDays(1) }));
      const list = await ask(clients.carl as TestClient, listIq(roomAddress));
      expect(list.attrs.type).toBe('result');
      expect(titles(list)).toEqual(['Demain', 'Assemblée générale', 'Visio', 'Lien donné', 'Visio maison', 'Passé récent', 'Passé lointain']);
    });

    it('refuses bad input with bad-request and a reason', async () => {
      const anna = clients.anna as TestClient;
      for (const [fields, reason] of [
        [{ start: inDays(1) }, 'title'],
        [{ title: 'Sans date' }, 'start'],
        [{ title: 'Date floue', start: '2026-12-10 18:00' }, 'time zone'],
        [{ title: 'À rebours', start: inDays(2), end: inDays(1) }, 'end before'],
        [{ title: 'Mauvais lien', start: inDays(2), conference: 'javascript:alert(1)' }, 'https'],
      ] as const) {
        const answer = await ask(anna, createIq(roomAddress, fields));
        expect(errorCondition(answer)).toBe('bad-request');
        expect(answer.getChild('error')?.getChildText('text')).toContain(reason);
      }
    });

    it('needs the write right to create; deleting is for the creator or the delete right', async () => {
      const refused = await ask(clients.carl as TestClient, createIq(roomAddress, { title: 'Lecteur', start: inDays(1) }));
      expect(errorCondition(refused)).toBe('forbidden');
      const outsider = await ask(clients.eve as TestClient, listIq(roomAddress));
      expect(errorCondition(outsider)).toBe('item-not-found');

      const created = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'À supprimer', start: inDays(4) }));
      const id = created.getChild('event', NS)?.attrs.id as string;
      const notHers = await ask(clients.bob as TestClient, deleteIq(roomAddress, id));
      expect(errorCondition(notHers)).toBe('forbidden');
      const other = await ask(clients.anna as TestClient, createIq(roomAddress, { title: 'Par Anna', start: inDays(4) }));
      const otherId = other.getChild('event', NS)?.attrs.id as string;

      const announced = (clients.bob as TestClient).waitFor((s) => s.name === 'message' && s.getChild('deleted', NS)?.attrs.id === id, 10_000, 'deletion notice');
      expect((await ask(clients.anna as TestClient, deleteIq(roomAddress, id))).attrs.type).toBe('result');
      expect((await announced).getChildText('body')).toContain('À supprimer');
      expect(errorCondition(await ask(clients.anna as TestClient, deleteIq(roomAddress, id)))).toBe('item-not-found');
      expect((await ask(clients.dora as TestClient, deleteIq(roomAddress, otherId))).attrs.type).toBe('result');
      const list = await ask(clients.bob as TestClient, listIq(roomAddress));
      expect(titles(list)).not.toContain('À supprimer');
      expect(titles(list)).not.toContain('Par Anna');
    });

    it('gives a fresh conference link for the room to whoever may post, without making an event', async () => {
      const anna = clients.anna as TestClient;
      const before = titles(await ask(anna, listIq(roomAddress)));
      const first = await ask(anna, conferenceIq(roomAddress));
      expect(first.attrs.type).toBe('result');
      const link = first.getChild('conference', NS)?.attrs.url as string;
      expect(link).toMatch(/^https:\/\/meet\.jit\.si\/causerie-[0-9a-f]{32}$/);
      const second = await ask(clients.bob as TestClient, conferenceIq(roomAddress));
      expect(second.getChild('conference', NS)?.attrs.url).not.toBe(link);
      expect(titles(await ask(anna, listIq(roomAddress)))).toEqual(before);

      const reader = await ask(clients.carl as TestClient, conferenceIq(roomAddress));
      expect(errorCondition(reader)).toBe('forbidden');
      expect(reader.getChild('error')?.getChildText('text')).toContain('conference');
      expect(errorCondition(await ask(clients.eve as TestClient, conferenceIq(roomAddress)))).toBe('item-not-found');
    });

    it('answers not-allowed, saying why, when GroupWare is off for the account', async () => {
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, ids.dora as number, { groupware: false });
      const dora = clients.dora as TestClient;
      for (const iq of [createIq(roomAddress, { title: 'Non', start: inDays(1) }), listIq(roomAddress), conferenceIq(roomAddress)]) {
        const answer = await ask(dora, iq);
        expect(errorCondition(answer)).toBe('not-allowed');
        expect(answer.getChild('error')?.getChildText('text')).toContain('GroupWare');
      }
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, ids.dora as number, { groupware: null });
      expect((await ask(dora, listIq(roomAddress))).attrs.type).toBe('result');
    });

    it('keeps the events of an archived room readable and refuses changes', async () => {
      const anna = clients.anna as TestClient;
      const kept = titles(await ask(anna, listIq(roomAddress)));
      await node.services.rooms.setArchived(SYSTEM_ACTOR, roomId, true);
      await eventually(async () => {
        const refused = await ask(anna, createIq(roomAddress, { title: 'Trop tard', start: inDays(1) }));
        expect(errorCondition(refused)).toBe('forbidden');
        expect(refused.getChild('error')?.getChildText('text')).toContain('archived');
      });
      expect(titles(await ask(clients.bob as TestClient, listIq(roomAddress)))).toEqual(kept);
    });
  });
}
