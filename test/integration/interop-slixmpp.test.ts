// Interoperability with a client this project did not write: Debian's
// python3-slixmpp logs in with each SASL mechanism, over STARTTLS and direct
// TLS, verifying our certificate, and uses core services. Feature modules add
// their own slixmpp scenarios in their test files.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';
import type { SlixmppAgent } from '../helpers/slixmpp-agent.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';

for (const db of testDatabaseConfigs()) {
  describe(`slixmpp against Causerie (${db.name})`, () => {
    let node: TestNode;
    let caFile: string;
    const agents: SlixmppAgent[] = [];

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      await node.createUser('sli', 'slixmpp-password');
      caFile = join(mkdtempSync(join(tmpdir(), 'causerie-ca-')), 'ca.pem');
      writeFileSync(caFile, node.caPem);
    });

    afterAll(async () => {
      await Promise.all(agents.map((a) => a.close()));
      await node?.close();
    });

    async function agent(): Promise<SlixmppAgent> {
      const started = await startSlixmppAgent();
      agents.push(started);
      return started;
    }

    const logins = [
      { mode: 'starttls', mechanism: 'SCRAM-SHA-256' },
      { mode: 'starttls', mechanism: 'SCRAM-SHA-1' },
      { mode: 'direct_tls', mechanism: 'PLAIN' },
      { mode: 'direct_tls', mechanism: 'SCRAM-SHA-256' },
    ] as const;

    for (const login of logins) {
      it(`logs in with ${login.mechanism} over ${login.mode}`, async () => {
        const client = await agent();
        const port = login.mode === 'starttls' ? node.ports.c2s : node.ports.directTls;
        const result = await client.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', host: '127.0.0.1', port, mode: login.mode, ca_file: caFile, mechanism: login.mechanism, resource: `r-${login.mechanism}` });
        expect(result).toMatchObject({ jid: `sli@${TEST_DOMAIN}/r-${login.mechanism}`, mechanism: login.mechanism });
        await client.call('disconnect');
      });
    }

    it('is refused with not-authorized for a wrong password', async () => {
      const client = await agent();
      await expect(client.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'not-the-password', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile })).rejects.toThrow(/not-authorized/);
    });

    it('refuses tls-unique channel binding on TLS 1.3 (RFC 9266), without counting it as a password guess', async () => {
      const client = await agent();
      await expect(client.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256-PLUS' })).rejects.toThrow(/not-authorized/);
    });

    it('uses disco, ping and version on the server', async () => {
      const client = await agent();
      // slixmpp only knows tls-unique, so it would try -PLUS first and then fall back; the agent does not fall back.
      await client.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', host: '127.0.0.1', port: node.ports.c2s, mode: 'starttls', ca_file: caFile, mechanism: 'SCRAM-SHA-256' });
      const info = await client.call<{ identities: Array<{ category: string }>; features: string[] }>('disco_info', { jid: TEST_DOMAIN });
      expect(info.identities).toContainEqual(expect.objectContaining({ category: 'server' }));
      expect(info.features).toEqual(expect.arrayContaining(['urn:xmpp:ping', 'http://jabber.org/protocol/disco#info']));
      await client.call('ping', { jid: TEST_DOMAIN });
      const version = await client.call<{ name: string }>('version', { jid: TEST_DOMAIN });
      expect(version.name).toBe('Causerie');
      await client.call('disconnect');
    });
  });
}
