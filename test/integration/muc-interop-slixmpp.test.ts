// Rooms with an independent client, on SQLite and MariaDB: slixmpp (Debian's
// python3-slixmpp, driven through test/interop/slixmpp_agent.py) joins a
// TeamChat room with its own XEP-0045 plugin and gets the history it asked
// for, searches and pages the room archive (XEP-0313 full-text + RSM), sends
// an XEP-0308 correction that @xmpp/client occupants receive, and reads the
// status codes when it is removed from the group (321) and when the service
// stops (332).

import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { join, next, SERVICE } from '../helpers/muc-client.js';
import { NS } from '../helpers/muc-features.js';
import { roomMam } from '../helpers/room-mam.js';
import { AgentCommandError, startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const FRUITS = ['apple pie', 'banana bread', 'cherry tart', 'apple crumble', 'date cake', 'apple juice'];

for (const db of testDatabaseConfigs()) {
  describe(`rooms with slixmpp (${db.name})`, () => {
    let node: TestNode;
    let room: Room;
    let address: string;
    let groupId: number;
    let sliId: number;
    let anna: TestClient;
    let agent: SlixmppAgent;

    const sliJoins = async (maxstanzas = 0) => agent.call('muc_join', { room: address, nick: 'Sli', maxstanzas }, { timeoutMs: 15_000 });

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Bakery', alias: 'bakery' });
      groupId = group.id;
      const credentials = await node.createUser('anna');
      await node.createUser('sli', 'slixmpp-password');
      for (const name of ['anna', 'sli']) {
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(name);
        if (name === 'sli') sliId = account.id;
        await node.services.groups.addMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: account.id });
      }
      room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, groupId, true))[0] as Room;
      address = `${room.localpart}@${SERVICE}`;
      anna = await connectClient(node, credentials, { resource: 'sli-test' });
      await anna.send(xml('presence'));
      await join(anna, address, 'Anna');
      for (const [i, body] of FRUITS.entries()) {
        const seen = next(anna, (s) => s.name === 'message' && s.attrs.id === `f${i}`, `fruit ${i}`);
        await anna.send(xml('message', { to: address, type: 'groupchat', id: `f${i}` }, xml('body', {}, body)));
        await seen;
      }
      agent = await startSlixmppAgent();
      await agent.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', port: node.ports.c2s, mode: 'starttls', ca_file: joinPath(node.dataDir, 'certs', 'ca.pem'), mechanism: 'SCRAM-SHA-256', resource: 'muc' });
      await agent.call('send_presence', {});
    }, 90_000);

    afterAll(async () => {
      await agent?.close();
      await anna?.stop();
      await node?.close();
    });

    it('joins with the XEP-0045 plugin and receives the history it asked for, before the subject', async () => {
      const joined = await sliJoins(4);
      expect(joined.nick).toBe('Sli');
      expect(joined.muc?.statuses).toEqual(expect.arrayContaining(['110', '100', '170']));
      expect(joined.muc).toMatchObject({ role: 'participant', affiliation: 'member' });
      expect(joined.occupants).toContain('Anna');
      expect(joined.history.map((m) => m.body)).toEqual(FRUITS.slice(-4));
      for (const message of joined.history) {
        expect(message.from).toBe(`${address}/Anna`);
        expect(message.delay).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(message.stanza_id).toBeTruthy();
      }
    });

    it('searches the room archive with full-text and pages the hits with RSM', async () => {
      const first = await agent.call('mam_query', { archive: address, fulltext: 'apple', max: 2 });
      expect(first.count).toBe(3);
      expect(first.complete).toBe(false);
      expect(first.messages.map((m) => m.body)).toEqual(['apple pie', 'apple crumble']);
      expect(first.messages.every((m) => m.from === `${address}/Anna` && m.timestamp !== null)).toBe(true);
      const rest = await agent.call('mam_query', { archive: address, fulltext: 'apple', max: 2, after: first.last ?? '' });
      expect(rest.messages.map((m) => m.body)).toEqual(['apple juice']);
      expect(rest.complete).toBe(true);
      const back = await agent.call('mam_query', { archive: address, max: 2, before: '' });
      expect(back.messages.map((m) => m.body)).toEqual(FRUITS.slice(-2));
      expect(back.count).toBe(FRUITS.length);
      const miss = await agent.call('mam_query', { archive: address, fulltext: 'pineapple' });
      expect(miss.messages).toEqual([]);
      expect(miss.count ?? 0).toBe(0);
    });

    it('sends an XEP-0308 correction that occupants receive and the archive search follows', async () => {
      const original = next(anna, (s) => s.name === 'message' && s.attrs.id === 'sli-1', 'original');
      await agent.call('send_message', { to: address, type: 'groupchat', id: 'sli-1', body: 'plum puding at four' });
      await original;
      const correction = next(anna, (s) => s.name === 'message' && s.attrs.id === 'sli-2', 'correction');
      await agent.call('send_message', { to: address, type: 'groupchat', id: 'sli-2', body: 'plum pudding at five', replace: 'sli-1' });
      const fixed = await correction;
      expect(fixed.attrs.from).toBe(`${address}/Sli`);
      expect(fixed.getChild('replace', NS.correct)?.attrs.id).toBe('sli-1');
      const echo = await agent.waitFor('message', (m) => m.id === 'sli-2', 15_000);
      expect(echo.replace).toBe('sli-1');
      expect((await roomMam(anna, address, { text: 'pudding' })).items.map((i) => i.body)).toEqual(['plum puding at four']);
      expect((await roomMam(anna, address, { text: 'puding' })).items).toEqual([]);
    });

    it('receives 321 with a reason when removed from the group, and is refused afterwards', async () => {
      const removed = agent.waitFor('presence', (p) => p.from === `${address}/Sli` && p.type === 'unavailable', 15_000);
      await node.services.groups.removeMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: sliId });
      const presence = await removed;
      expect(presence.muc?.statuses).toEqual(expect.arrayContaining(['110', '321']));
      expect(presence.muc?.reason).toBeTruthy();
      const refused = await sliJoins().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AgentCommandError);
      expect((refused as AgentCommandError).condition).toBe('registration-required');
      await node.services.groups.addMember(SYSTEM_ACTOR, groupId, { type: 'account', accountId: sliId });
    });

    it('receives 332 when the service stops, and gets back in once it runs again', async () => {
      await sliJoins();
      const stopped = agent.waitFor('presence', (p) => p.from === `${address}/Sli` && p.type === 'unavailable', 15_000);
      await node.services.policies.setServiceRunning(SYSTEM_ACTOR, false);
      try {
        const presence = await stopped;
        expect(presence.muc?.statuses).toEqual(expect.arrayContaining(['110', '332']));
        const refused = await sliJoins().catch((error: unknown) => error);
        expect((refused as AgentCommandError).condition).toBe('service-unavailable');
      } finally {
        await node.services.policies.setServiceRunning(SYSTEM_ACTOR, true);
      }
      expect((await sliJoins()).muc?.statuses).toContain('110');
    });
  });
}
