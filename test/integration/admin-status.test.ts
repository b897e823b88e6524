// The dashboard's mail check through the API on a node configured with a
// real SMTP server: up while it answers EHLO, down (with the reason, quickly)
// once it is gone. SQLite and MariaDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { AdminApi } from '../helpers/admin-api.js';
import { startMailCatcher, type MailCatcher } from '../helpers/guest-kit.js';

for (const db of testDatabaseConfigs()) {
  describe(`WebAdmin dashboard mail check (${db.name})`, () => {
    let node: TestNode;
    let smtp: MailCatcher;
    let root: AdminApi;

    beforeAll(async () => {
      smtp = await startMailCatcher();
      node = await startTestNode({ database: await db.make(), mail: { smtpUrl: smtp.smtpUrl } });
      root = new AdminApi(node.ports.admin as number);
      expect((await root.login(`admin@${TEST_DOMAIN}`, node.firstAdmin?.password as string)).status).toBe(200);
    }, 60_000);
    afterAll(async () => {
      await node?.close();
      await smtp?.close().catch(() => undefined);
    });

    it('reports SMTP up while it answers, then down with the reason', async () => {
      const up = await root.get('/api/status');
      expect(up.body).toMatchObject({ mail: { configured: true, smtpHost: '127.0.0.1', outbox: null, ok: true, checked: 'smtp' } });
      expect(smtp.mails).toEqual([]);
      await smtp.close();
      const started = Date.now();
      const down = await root.get('/api/status');
      expect(down.body).toMatchObject({ mail: { configured: true, ok: false, checked: 'smtp', error: expect.stringContaining('ECONNREFUSED') } });
      expect(Date.now() - started).toBeLessThan(5000);
      // The rest of the dashboard is unaffected.
      expect(down.body).toMatchObject({ database: { ok: true }, teamchat: { running: true } });
    });
  });
}
