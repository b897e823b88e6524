// The TeamChat rights matrix over real sockets, on SQLite and MariaDB: each
// right (read, write, modify, delete, rename, invite, admin) lets its holder
// do what it gates and its absence refuses it with the stanza error clients
// expect. The grants reach their holders through every kind of grantee
// (account, group, group of groups, domain) and both scopes (a group's rooms
// as a whole, one room). Nobody is a member of the group: every right comes
// from a grant, so effective rights are exactly the union of the grants.
//
//   room A = the group's first room "TeamChat", room B = its second room
//   olga  account         group scope  Administrator
//   walt  account         group scope  read+write
//   rita  group of groups room A       Reader (Readers ⊃ Inner ⊃ rita)
//   mia   group           room A       Author (Editors ∋ mia)
//   rene  group           group scope  read+rename (Namers ∋ rene)
//   dan   account         room A       read+write+delete
//   ian   account         room A       read+invite
//   ada   account         room A       read+admin
//   nora  domain          room B       Reader (every account of the domain)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { ADMINISTRATOR, AUTHOR, NO_RIGHTS, READER } from '../../server/domain/rights-model.js';
import type { Rights, Room } from '../../server/store/teamchat-types.js';
import { condition, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';
import { ask, NS, stanzaIdOf, uid } from '../helpers/muc-features.js';
import type { Element } from '../helpers/muc-features.js';
import { roomMam } from '../helpers/room-mam.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NAMES = ['olga', 'walt', 'rita', 'mia', 'rene', 'dan', 'ian', 'ada', 'nora', 'ivy'] as const;
type Name = (typeof NAMES)[number];
const MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
const MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

const nickOf = (name: Name): string => name[0]?.toUpperCase() + name.slice(1);
const errorText = (s: Element): string | undefined => s.getChild('error')?.getChildText('text') ?? undefined;
const only = (...rights: Array<keyof Rights>): Rights => ({ ...NO_RIGHTS, ...Object.fromEntries(rights.map((r) => [r, true])) });

for (const db of testDatabaseConfigs()) {
  describe(`rights matrix over XMPP (${db.name})`, () => {
    let node: TestNode;
    let roomA: string;
    let roomB: string;
    let roomAId: number;
    const c = {} as Record<Name, TestClient>;
    const jids = {} as Record<Name, string>;

    /** A groupchat message the room must refuse: resolves with the error message. */
    const refusedPost = async (client: TestClient, room: string, ...children: Element[]): Promise<Element> => {
      const id = uid('refused');
      const wait = next(client, (s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === id, `error ${id}`);
      await client.send(xml('message', { to: room, type: 'groupchat', id }, ...children));
      return wait;
    };
    /** Posts and resolves with the copy `watcher` receives. */
    const posted = async (client: TestClient, watcher: TestClient, room: string, ...children: Element[]): Promise<Element> => {
      const id = uid('post');
      const wait = next(watcher, (s) => s.name === 'message' && s.attrs.type === 'groupchat' && s.attrs.id === id, `groupchat ${id}`);
      await client.send(xml('message', { to: room, type: 'groupchat', id }, ...children));
      return wait;
    };
    const joined = async (name: Name, room: string): Promise<void> => {
      const self = await join(c[name], room, nickOf(name));
      expect(errorText(self) ?? self.attrs.type).toBeUndefined();
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      const ids = {} as Record<Name, number>;
      for (const name of NAMES) {
        jids[name] = (await node.createUser(name)).jid;
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(name);
        ids[name] = account.id;
      }
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const { groups, rooms, rights } = node.services;
      const matrix = await groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Matrix', alias: 'matrix' });
      const first = (await rooms.setGroupTeamChat(SYSTEM_ACTOR, matrix.id, true))[0] as Room;
      const second = await rooms.addGroupRoom(SYSTEM_ACTOR, matrix.id, 'Second');
      roomAId = first.id;
      roomA = `${first.localpart}@${SERVICE}`;
      roomB = `${second.localpart}@${SERVICE}`;
      const groupOf = async (name: string, member: { type: 'account'; accountId: number } | { type: 'group'; groupId: number }): Promise<number> => {
        const group = await groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name, alias: name.toLowerCase() });
        await groups.addMember(SYSTEM_ACTOR, group.id, member);
        return group.id;
      };
      const inner = await groupOf('Inner', { type: 'account', accountId: ids.rita });
      const readers = await groupOf('Readers', { type: 'group', groupId: inner });
      const editors = await groupOf('Editors', { type: 'account', accountId: ids.mia });
      const namers = await groupOf('Namers', { type: 'account', accountId: ids.rene });
      const wholeGroup = { kind: 'group' as const, groupId: matrix.id };
      const onlyA = { kind: 'room' as const, roomId: first.id };
      const account = (name: Name) => ({ type: 'account' as const, accountId: ids[name] });
      await rights.grant(SYSTEM_ACTOR, wholeGroup, account('olga'), ADMINISTRATOR);
      await rights.grant(SYSTEM_ACTOR, wholeGroup, account('walt'), only('read', 'write'));
      await rights.grant(SYSTEM_ACTOR, onlyA, { type: 'group', groupId: readers }, READER);
      await rights.grant(SYSTEM_ACTOR, onlyA, { type: 'group', groupId: editors }, AUTHOR);
      await rights.grant(SYSTEM_ACTOR, wholeGroup, { type: 'group', groupId: namers }, only('read', 'rename'));
      await rights.grant(SYSTEM_ACTOR, onlyA, account('dan'), only('read', 'write', 'delete'));
      await rights.grant(SYSTEM_ACTOR, onlyA, account('ian'), only('read', 'invite'));
      await rights.grant(SYSTEM_ACTOR, onlyA, account('ada'), only('read', 'admin'));
      await rights.grant(SYSTEM_ACTOR, { kind: 'room', roomId: second.id }, { type: 'domain', domainId: domain.id }, READER);
      for (const name of NAMES) {
        c[name] = await connectClient(node, { username: name, password: `pw-${name}-secret` }, { resource: 'matrix' });
        await c[name].send(xml('presence'));
      }
      await joined('olga', roomA);
      await joined('olga', roomB);
    }, 90_000);

    afterAll(async () => {
      await Promise.all(Object.values(c).map((client) => client.stop()));
      await node?.close();
    });

    it('read: joining and reading the archive, through a group of groups (room) and a domain (room); refused to others', async () => {
      await posted(c.olga, c.olga, roomA, xml('body', {}, 'welcome to the matrix room'));
      await joined('rita', roomA);
      expect(c.rita.received.find((s) => s.name === 'presence' && s.attrs.from === `${roomA}/Rita` && statuses(s).includes('110'))?.getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');
      expect((await roomMam(c.rita, roomA, { text: 'welcome' })).items.map((i) => i.body)).toEqual(['welcome to the matrix room']);

      const refused = await join(c.nora, roomA, 'Nora');
      expect(condition(refused)).toBe('registration-required');
      expect(refused.getChild('error')?.attrs.type).toBe('auth');
      const hidden = await roomMam(c.nora, roomA);
      expect(condition(hidden.iq)).toBe('item-not-found');
      expect(hidden.items).toEqual([]);

      // The domain grant on room B only: Nora reads B, not A.
      await posted(c.olga, c.olga, roomB, xml('body', {}, 'second room notes'));
      await joined('nora', roomB);
      expect((await roomMam(c.nora, roomB)).items.map((i) => i.body)).toEqual(['second room notes']);
    });

    it('write: posting, through an account grant on the whole group; refused to readers', async () => {
      await joined('walt', roomB);
      const atNora = await posted(c.walt, c.nora, roomB, xml('body', {}, 'walt writes in B'));
      expect(atNora.attrs.from).toBe(`${roomB}/Walt`);
      const refused = await refusedPost(c.rita, roomA, xml('body', {}, 'may I?'));
      expect(condition(refused)).toBe('forbidden');
      expect(errorText(refused)).toMatch(/write right/);
      const refusedB = await refusedPost(c.nora, roomB, xml('body', {}, 'may I?'));
      expect(condition(refusedB)).toBe('forbidden');
    });

    it('modify: correcting one’s own message and pinning, through a group grant on one room; refused without it', async () => {
      await joined('mia', roomA);
      await joined('walt', roomA);
      const original = await posted(c.mia, c.olga, roomA, xml('body', {}, 'the meeting is at nine'));
      const fixed = await posted(c.mia, c.olga, roomA, xml('body', {}, 'the meeting is at ten'), xml('replace', { xmlns: NS.correct, id: original.attrs.id as string }));
      expect(fixed.getChild('replace', NS.correct)?.attrs.id).toBe(original.attrs.id);
      const sid = stanzaIdOf(original, roomA);
      expect((await ask(c.mia, xml('iq', { type: 'set', to: roomA, id: uid('pin') }, xml('pin', { xmlns: NS.pins, id: sid })))).attrs.type).toBe('result');

      const own = await posted(c.walt, c.olga, roomA, xml('body', {}, 'walt typo'));
      const refused = await refusedPost(c.walt, roomA, xml('body', {}, 'walt fixed'), xml('replace', { xmlns: NS.correct, id: own.attrs.id as string }));
      expect(condition(refused)).toBe('forbidden');
      expect(errorText(refused)).toMatch(/modify right/);
      const pin = await ask(c.walt, xml('iq', { type: 'set', to: roomA, id: uid('pin') }, xml('pin', { xmlns: NS.pins, id: stanzaIdOf(own, roomA) })));
      expect(condition(pin)).toBe('forbidden');
    });

    it('invite: a mediated invitation makes the invitee a member, through an account grant on one room; refused without it', async () => {
      await joined('ian', roomA);
      const refused = next(c.mia, (s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === 'inv-mia', 'refused invitation');
      await c.mia.send(xml('message', { to: roomA, id: 'inv-mia' }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: jids.ivy }))));
      expect(condition(await refused)).toBe('forbidden');
      expect(condition(await join(c.ivy, roomA, 'Ivy'))).toBe('registration-required');

      const invitation = next(c.ivy, (s) => s.name === 'message' && s.attrs.from === roomA && s.getChild('x', MUC_USER)?.getChild('invite') !== undefined, 'invitation');
      await c.ian.send(xml('message', { to: roomA, id: 'inv-ian' }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: jids.ivy }, xml('reason', {}, 'join us')))));
      expect((await invitation).getChild('x', MUC_USER)?.getChild('invite')?.attrs.from).toBe(jids.ian);
      await joined('ivy', roomA);
    });

    it('delete: moderating another’s message (XEP-0425) and removing a member, through an account grant on one room; refused without it', async () => {
      await joined('dan', roomA);
      const target = await posted(c.walt, c.olga, roomA, xml('body', {}, 'buy cheap watches'));
      const sid = stanzaIdOf(target, roomA);
      const moderate = (client: TestClient): Promise<Element> => ask(client, xml('iq', { type: 'set', to: roomA, id: uid('mod') }, xml('moderate', { xmlns: NS.moderate, id: sid }, xml('retract', { xmlns: NS.retract }))));
      expect(condition(await moderate(c.mia))).toBe('forbidden');
      const removedSeen = next(c.olga, (s) => s.name === 'message' && s.getChild('retract', NS.retract)?.attrs.id === sid, 'moderation');
      expect((await moderate(c.dan)).attrs.type).toBe('result');
      await removedSeen;

      const removeIvy = (client: TestClient): Promise<Element> => ask(client, xml('iq', { type: 'set', to: roomA, id: uid('rm') }, xml('query', { xmlns: MUC_ADMIN }, xml('item', { jid: jids.ivy, affiliation: 'none' }))));
      const denied = await removeIvy(c.mia);
      expect(condition(denied)).toBe('forbidden');
      expect(errorText(denied)).toMatch(/delete right/);
      const gone = next(c.ivy, (s) => s.name === 'presence' && s.attrs.type === 'unavailable' && s.attrs.from === `${roomA}/Ivy`, 'ivy removed');
      expect((await removeIvy(c.dan)).attrs.type).toBe('result');
      expect(statuses(await gone)).toEqual(expect.arrayContaining(['110', '321']));
      expect(condition(await join(c.ivy, roomA, 'Ivy'))).toBe('registration-required');
    });

    it('rename: changing the subject and the room name, through a group grant on the whole group; refused without it', async () => {
      await joined('rene', roomA);
      const subject = await posted(c.rene, c.olga, roomA, xml('subject', {}, 'Matrix planning'));
      expect(subject.getChildText('subject')).toBe('Matrix planning');
      const refused = await refusedPost(c.mia, roomA, xml('subject', {}, 'Mia was here'));
      expect(condition(refused)).toBe('forbidden');
      expect(errorText(refused)).toMatch(/rename right/);

      const submit = (client: TestClient, name: string): Promise<Element> =>
        ask(
          client,
          xml('iq', { type: 'set', to: roomA, id: uid('cfg') }, xml('query', { xmlns: MUC_OWNER }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')), xml('field', { var: 'muc#roomconfig_roomname' }, xml('value', {}, name))))),
        );
      expect(condition(await submit(c.mia, 'Mia’s room'))).toBe('forbidden');
      // The admin right opens the form but does not rename: that is the rename right's.
      expect(condition(await submit(c.ada, 'Ada’s room'))).toBe('forbidden');
      expect((await submit(c.rene, 'Matrix HQ')).attrs.type).toBe('result');
      expect((await node.services.rooms.get(roomAId))?.name).toBe('Matrix HQ');
      const info = await ask(c.rita, xml('iq', { type: 'get', to: roomA, id: uid('info') }, xml('query', { xmlns: DISCO_INFO })));
      expect(info.getChild('query')?.getChild('identity')?.attrs.name).toBe('Matrix HQ');
    });

    it('admin: the owner configuration form, the owner affiliation and granting rights from a client, through account grants (group and room); refused without it', async () => {
      const form = (client: TestClient): Promise<Element> => ask(client, xml('iq', { type: 'get', to: roomA, id: uid('form') }, xml('query', { xmlns: MUC_OWNER })));
      const fields = (await form(c.ada)).getChild('query', MUC_OWNER)?.getChild('x', 'jabber:x:data')?.getChildren('field').map((f) => f.attrs.var);
      expect(fields).toContain('muc#roomconfig_roomname');
      expect((await form(c.olga)).attrs.type).toBe('result');
      const denied = await form(c.mia);
      expect(condition(denied)).toBe('forbidden');
      expect(denied.getChild('error')?.attrs.type).toBe('auth');
      // Affiliations follow rights: the admin right is the owner affiliation, an Author is a member,
      // and affiliation lists name the grantees, not only the group's members.
      const list = async (affiliation: string): Promise<unknown[]> =>
        ((await ask(c.olga, xml('iq', { type: 'get', to: roomA, id: uid('list') }, xml('query', { xmlns: MUC_ADMIN }, xml('item', { affiliation }))))).getChild('query')?.getChildren('item') ?? []).map((i) => i.attrs.jid);
      expect((await list('owner')).sort()).toEqual([jids.ada, jids.olga].sort());
      expect(await list('admin')).toEqual([jids.dan]);
      expect(await list('member')).toEqual(expect.arrayContaining([jids.mia, jids.rita, jids.walt, jids.rene, jids.ian]));
      expect(await list('member')).not.toContain(jids.nora);
      // Managing the room's rights from a client (urn:causerie:rights:0) is the admin right's.
      const grantNora = (client: TestClient): Promise<Element> => ask(client, xml('iq', { type: 'set', to: roomA, id: uid('grant') }, xml('grant', { xmlns: 'urn:causerie:rights:0', type: 'account', jid: jids.nora, preset: 'reader' })));
      const refused = await grantNora(c.mia);
      expect(condition(refused)).toBe('forbidden');
      expect(errorText(refused)).toMatch(/admin right/);
      expect(condition(await join(c.nora, roomA, 'Nora'))).toBe('registration-required');
      expect((await grantNora(c.ada)).attrs.type).toBe('result');
      await joined('nora', roomA);
      await joined('ada', roomA);
      const adaSelf = c.ada.received.find((s) => s.name === 'presence' && s.attrs.from === `${roomA}/Ada` && statuses(s).includes('110'));
      expect(adaSelf?.getChild('x', MUC_USER)?.getChild('item')?.attrs).toMatchObject({ affiliation: 'owner', role: 'moderator' });
      const miaSelf = c.mia.received.find((s) => s.name === 'presence' && s.attrs.from === `${roomA}/Mia` && statuses(s).includes('110'));
      expect(miaSelf?.getChild('x', MUC_USER)?.getChild('item')?.attrs).toMatchObject({ affiliation: 'member', role: 'participant' });
    });
  });
}
