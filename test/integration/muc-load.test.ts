// Rooms under load and with an independent client: 50 occupants each send
// 20 messages; every occupant receives all 1000 exactly once, in the same
// order as the room archive, which holds each exactly once. Then slixmpp
// (Debian's python3-slixmpp) joins a group room and posts.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

const SERVICE = `conference.${TEST_DOMAIN}`;
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const OCCUPANTS = 50;
const PER_OCCUPANT = 20;

for (const db of testDatabaseConfigs()) {
  describe(`rooms under load (${db.name})`, () => {
    let node: TestNode;
    let room: Room;
    let address: string;
    const clients: TestClient[] = [];
    let agent: SlixmppAgent | undefined;

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no test domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      const group = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Everyone', alias: 'everyone' });
      // The whole domain is a member of the group: every account gets in.
      await node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'domain', domainId: domain.id });
      room = (await node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true))[0] as Room;
      address = `${room.localpart}@${SERVICE}`;
    }, 60_000);

    afterAll(async () => {
      await agent?.close();
      await Promise.all(clients.map((c) => c.stop()));
      await node?.close();
    });

    it(`delivers ${OCCUPANTS} × ${PER_OCCUPANT} messages to everyone exactly once, in archive order`, async () => {
      for (let i = 0; i < OCCUPANTS; i++) {
        const credentials = await node.createUser(`load${i}`);
        const client = await connectClient(node, credentials, { resource: 'load' });
        clients.push(client);
        const joined = client.waitFor((s) => s.name === 'presence' && s.attrs.from === `${address}/u${i}` && (s.getChild('x', MUC_USER)?.getChildren('status') ?? []).some((st) => st.attrs.code === '110'), 20_000, `join u${i}`);
        await client.send(xml('presence', { to: `${address}/u${i}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('history', { maxstanzas: '0' }))));
        await joined;
      }
      const total = OCCUPANTS * PER_OCCUPANT;
      const bodiesOf = (client: TestClient): string[] => client.received.filter((s) => s.name === 'message' && s.attrs.type === 'groupchat' && (s.getChildText('body') ?? '').startsWith('load ')).map((s) => s.getChildText('body') ?? '');
      await Promise.all(
        clients.map(async (client, i) => {
          for (let n = 0; n < PER_OCCUPANT; n++) await client.send(xml('message', { to: address, type: 'groupchat', id: `l${i}-${n}` }, xml('body', {}, `load ${i} ${n}`)));
        }),
      );
      await Promise.all(clients.map((client, i) => client.waitFor(() => bodiesOf(client).length >= total, 120_000, `all messages at u${i}`).catch(() => undefined)));
      const archived: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await node.services.repos.archive.query({ owner: { kind: 'room', roomId: room.id }, limit: 250, afterId: after });
        archived.push(...page.messages.map((m) => m.body ?? ''));
        if (page.messages.length === 0 || page.complete) break;
        after = page.messages[page.messages.length - 1]?.stanzaId;
      }
      expect(archived).toHaveLength(total);
      expect(new Set(archived).size).toBe(total);
      for (const client of clients) expect(bodiesOf(client)).toEqual(archived);
      // Each sender's own messages are in the order it sent them.
      const first = archived.filter((b) => b.startsWith('load 0 '));
      expect(first).toEqual(Array.from({ length: PER_OCCUPANT }, (_, n) => `load 0 ${n}`));
    }, 300_000);

    it('lets slixmpp join and post', async () => {
      await node.createUser('sli', 'slixmpp-password');
      const caFile = joinPath(mkdtempSync(joinPath(tmpdir(), 'causerie-ca-')), 'ca.pem');
      writeFileSync(caFile, node.caPem);
      agent = await startSlixmppAgent();
      await agent.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256', resource: 'muc' });
      const watcher = clients[0] as TestClient;
      const seen = watcher.waitFor((s) => s.name === 'presence' && s.attrs.from === `${address}/Sli`, 20_000, 'slixmpp presence');
      await agent.call('send_presence', { to: `${address}/Sli` });
      await seen;
      const atWatcher = watcher.waitFor((s) => s.name === 'message' && s.getChildText('body') === 'hello from slixmpp', 20_000, 'slixmpp message');
      await agent.call('send_raw', { xml: `<message xmlns="jabber:client" to="${address}" type="groupchat" id="sli1"><body>hello from slixmpp</body></message>` });
      expect((await atWatcher).attrs.from).toBe(`${address}/Sli`);
      const echo = await agent.waitFor('message', (e) => e.body === 'hello from slixmpp', 20_000);
      expect(echo.from).toBe(`${address}/Sli`);
      expect(echo.type).toBe('groupchat');
      await watcher.send(xml('message', { to: address, type: 'groupchat', id: 'w1' }, xml('body', {}, 'hello slixmpp')));
      const incoming = await agent.waitFor('message', (e) => e.body === 'hello slixmpp', 20_000);
      expect(incoming.from).toBe(`${address}/u0`);
      expect(incoming.stanza_id).toBeTruthy();
    }, 60_000);
  });
}
