// Nick changes (XEP-0045 §7.6) over real sockets: unavailable with status
// 303 and the new nick, then available under the new nick, without leaving
// the room — also when the changer is alone in it (the room must stay the
// one later joiners enter); a nick held by someone else is a conflict; a
// session of a multi-session occupant moves alone.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { condition, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';
import type { Element } from '../helpers/muc-client.js';

const ROOM = `nicks@${SERVICE}`;
const MUC = 'http://jabber.org/protocol/muc';
const itemOf = (s: Element) => s.getChild('x', MUC_USER)?.getChild('item');
const from = (nick: string) => `${ROOM}/${nick}`;

for (const db of testDatabaseConfigs()) {
  describe(`nick changes (${db.name})`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];
    const jids: Record<string, string> = {};

    const connect = async (name: string, resource: string): Promise<TestClient> => {
      const client = await connectClient(node, { username: name, password: `pw-${name}-secret` }, { resource });
      clients.push(client);
      await client.send(xml('presence'));
      return client;
    };
    /** Sends a nick change and resolves with the unavailable (old nick) and available (new nick) presences `watcher` gets. */
    const changeNick = async (client: TestClient, watcher: TestClient, oldNick: string, newNick: string): Promise<[Element, Element]> => {
      const gone = next(watcher, (s) => s.name === 'presence' && s.attrs.from === from(oldNick) && s.attrs.type === 'unavailable', `${oldNick} unavailable`);
      const back = next(watcher, (s) => s.name === 'presence' && s.attrs.from === from(newNick) && s.attrs.type === undefined, `${newNick} available`);
      await client.send(xml('presence', { to: from(newNick) }, xml('x', { xmlns: MUC })));
      return [await gone, await back];
    };
    /** Posts and resolves with the copy `watcher` receives. */
    const post = async (client: TestClient, watcher: TestClient, body: string): Promise<Element> => {
      const id = `m-${body.replace(/\W/g, '')}`;
      const copy = next(watcher, (s) => s.name === 'message' && s.attrs.type === 'groupchat' && s.attrs.id === id, `message ${id}`);
      await client.send(xml('message', { to: ROOM, type: 'groupchat', id }, xml('body', {}, body)));
      return copy;
    };

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['ana', 'ben']) jids[name] = (await node.createUser(name)).jid;
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
    }, 60_000);

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it('changes the nick of an occupant alone in the room, which stays the room later joiners enter', async () => {
      const ana = await connect('ana', 'a1');
      expect(statuses(await join(ana, ROOM, 'Ana'))).toContain('201');
      await ana.iq(xml('iq', { type: 'set', to: ROOM }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { affiliation: 'member', jid: jids.ben as string }))));
      const since = ana.received.length;
      const [gone, back] = await changeNick(ana, ana, 'Ana', 'Annie');
      expect(statuses(gone).sort()).toEqual(['110', '303']);
      expect(itemOf(gone)?.attrs.nick).toBe('Annie');
      expect(statuses(back)).toContain('110');
      expect(itemOf(back)?.attrs).toMatchObject({ affiliation: 'owner', role: 'moderator' });
      // No second join: neither history nor the subject again.
      expect((await post(ana, ana, 'still here')).attrs.from).toBe(from('Annie'));
      expect(ana.received.slice(since).filter((s) => s.name === 'message' && s.getChild('subject') !== undefined)).toEqual([]);

      const ben = await connect('ben', 'b1');
      const benArrives = next(ana, (s) => s.name === 'presence' && s.attrs.from === from('Ben') && s.attrs.type === undefined, 'Ben seen by Ana');
      expect((await join(ben, ROOM, 'Ben')).attrs.type).toBeUndefined();
      expect(ben.received.some((s) => s.name === 'presence' && s.attrs.from === from('Annie'))).toBe(true);
      await benArrives;
      expect((await post(ana, ben, 'hello Ben')).attrs.from).toBe(from('Annie'));
      expect((await post(ben, ana, 'hello Annie')).attrs.from).toBe(from('Ben'));
    });

    it('shows the change to the other occupants, and refuses a nick someone else holds with conflict', async () => {
      const ana = clients[0] as TestClient;
      const ben = clients[1] as TestClient;
      const [gone, back] = await changeNick(ana, ben, 'Annie', 'Anna');
      expect(statuses(gone)).toEqual(['303']);
      expect(itemOf(gone)?.attrs.nick).toBe('Anna');
      expect(statuses(back)).toEqual([]);
      // The XEP-0421 occupant id stays: it is the same occupant.
      expect(back.getChild('occupant-id', 'urn:xmpp:occupant-id:0')?.attrs.id).toBe(gone.getChild('occupant-id', 'urn:xmpp:occupant-id:0')?.attrs.id);

      const refused = next(ana, (s) => s.name === 'presence' && s.attrs.from === from('Ben') && s.attrs.type === 'error', 'conflict');
      await ana.send(xml('presence', { to: from('Ben') }, xml('x', { xmlns: MUC })));
      expect(condition(await refused)).toBe('conflict');
      expect((await post(ana, ben, 'after the conflict')).attrs.from).toBe(from('Anna'));
    });

    it('moves only the session that asked when the account is in the room from several sessions', async () => {
      const ben = clients[1] as TestClient;
      const ana2 = await connect('ana', 'a2');
      expect((await join(ana2, ROOM, 'Anna')).attrs.type).toBeUndefined();
      const since = ben.received.length;
      const own = next(ana2, (s) => s.name === 'presence' && s.attrs.from === from('Anna') && s.attrs.type === 'unavailable', 'own 303');
      const appears = next(ben, (s) => s.name === 'presence' && s.attrs.from === from('Anna (phone)') && s.attrs.type === undefined, 'new occupant');
      await ana2.send(xml('presence', { to: from('Anna (phone)') }, xml('x', { xmlns: MUC })));
      expect(statuses(await own).sort()).toEqual(['110', '303']);
      await appears;
      // Anna stays for the first session: Ben saw no unavailable presence for her.
      expect(ben.received.slice(since).some((s) => s.attrs.from === from('Anna') && s.attrs.type === 'unavailable')).toBe(false);
      expect((await post(ana2, ben, 'from the phone')).attrs.from).toBe(from('Anna (phone)'));
      expect((await post(clients[0] as TestClient, ben, 'from the desk')).attrs.from).toBe(from('Anna'));
    });
  });
}
