// The dashboard (what runs, as seen from the configuration and the
// database) and the server-wide TeamChat start/stop toggle.

import { join } from 'node:path';
import { Router } from 'express';
import { requireServerAdmin } from '../../../server/domain/authorization.js';
import { PRODUCT_VERSION as ADMIN_VERSION } from '../../../server/core/version.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, requiredBoolean } from '../validate.js';

export function statusRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { config, services } = ctx;

  router.get('/api/status', async (_req, res) => {
    adminOf(res);
    const ports = ctx.nodePorts ?? { c2s: config.listen.c2sPort, directTls: config.listen.directTlsPort, https: config.listen.httpsPort };
    let database: { ok: boolean; client: string; error?: string } = { ok: true, client: config.database.client };
    let running = false;
    try {
      running = await services.policies.isServiceRunning();
      await services.repos.settings.get('node.initialised-at');
    } catch (error) {
      database = { ok: false, client: config.database.client, error: error instanceof Error ? error.message : String(error) };
    }
    const smtpHost = (() => {
      try {
        return config.mail.smtpUrl ? new URL(config.mail.smtpUrl).hostname : null;
      } catch {
        return null;
      }
    })();
    const host = config.listen.host;
    res.json({
      version: ADMIN_VERSION,
      domain: config.domain,
      xmpp: {
        listeners: [
          { name: 'c2s-starttls', host, port: ports.c2s },
          { name: 'c2s-direct-tls', host, port: ports.directTls },
          { name: 'https-websocket', host, port: ports.https },
          { name: 'webadmin', host, port: config.listen.adminPort },
        ],
        onlineSessions: ctx.onlineSessions?.() ?? services.sessionGateway()?.onlineCount() ?? null,
      },
      teamchat: { running },
      database,
      // Without SMTP, mail is written as .eml files in <dataDir>/outbox.
      mail: { configured: config.mail.smtpUrl !== null, from: config.mail.from, smtpHost, outbox: config.mail.smtpUrl === null ? join(config.dataDir, 'outbox') : null },
    });
  });

  router.put('/api/teamchat/service', async (req, res) => {
    const { actor } = adminOf(res);
    const fields = body(req, ['running', 'currentPassword']);
    const running = requiredBoolean(fields, 'running');
    requireServerAdmin(actor);
    if (!running) await ctx.access.confirm(actor, fields.currentPassword);
    await services.policies.setServiceRunning(actor, running);
    res.json({ running });
  });

  return router;
}
