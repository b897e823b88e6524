// XEP-0077 password change (§3.3) from a logged-in client, on SQLite and
// MariaDB: the server lists the feature, a user changes its own password and
// keeps its session, the new password logs in and the old one no longer
// does; someone else's username, a weak password, account removal and the
// absence of the username are refused with the XEP's conditions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';

const NS = 'jabber:iq:register';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const conditionOf = (s: Element): string | undefined => s.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name;

let counter = 0;
async function ask(client: TestClient, type: 'get' | 'set', ...children: Element[]): Promise<Element> {
  const id = `reg-${(counter += 1)}`;
  const answer = client.waitFor((s) => s.name === 'iq' && s.attrs.id === id, 10_000, `answer ${id}`);
  await client.send(xml('iq', { type, id, to: TEST_DOMAIN }, xml('query', { xmlns: NS }, ...children)));
  return answer;
}

for (const db of testDatabaseConfigs()) {
  describe(`password change (XEP-0077) on ${db.name}`, () => {
    let node: TestNode;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      await node.createUser('paula');
      await node.createUser('quentin');
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.stop().catch(() => undefined)));
      await node?.close();
    });

    it('changes the password of the logged-in user, who stays connected', async () => {
      const paula = await connectClient(node, { username: 'paula', password: 'pw-paula-secret' });
      clients.push(paula);
      const info = await paula.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS);

      const form = await ask(paula, 'get');
      expect(form.attrs.type).toBe('result');
      expect(form.getChild('query', NS)?.getChild('registered')).toBeDefined();
      expect(form.getChild('query', NS)?.getChildText('username')).toBe('paula');

      const changed = await ask(paula, 'set', xml('username', {}, 'paula'), xml('password', {}, 'un nouveau secret'));
      expect(changed.attrs.type).toBe('result');
      // The session that asked goes on working.
      const pong = await paula.iq(xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(pong.attrs.type).toBe('result');

      const again = await connectClient(node, { username: 'paula', password: 'un nouveau secret' }, { resource: 'again' });
      clients.push(again);
      expect(again.jid).toBe(`paula@${TEST_DOMAIN}/again`);
      await expect(connectClient(node, { username: 'paula', password: 'pw-paula-secret' }, { resource: 'old' })).rejects.toThrow(/not-authorized/);
    });

    it('refuses another username, a weak password, removal and incomplete requests', async () => {
      const quentin = await connectClient(node, { username: 'quentin', password: 'pw-quentin-secret' });
      clients.push(quentin);
      const other = await ask(quentin, 'set', xml('username', {}, 'paula'), xml('password', {}, 'je prends ton compte'));
      expect(conditionOf(other)).toBe('not-authorized');
      const weak = await ask(quentin, 'set', xml('username', {}, 'quentin'), xml('password', {}, 'court'));
      expect(conditionOf(weak)).toBe('not-acceptable');
      expect(weak.getChild('error')?.getChildText('text')).toMatch(/at least/);
      const remove = await ask(quentin, 'set', xml('remove'));
      expect(conditionOf(remove)).toBe('not-allowed');
      const incomplete = await ask(quentin, 'set', xml('password', {}, 'sans nom d utilisateur'));
      expect(conditionOf(incomplete)).toBe('bad-request');
      // Nothing changed: the original password still logs in.
      const still = await connectClient(node, { username: 'quentin', password: 'pw-quentin-secret' }, { resource: 'still' });
      clients.push(still);
      expect(still.jid).toBe(`quentin@${TEST_DOMAIN}/still`);
    });
  });
}
