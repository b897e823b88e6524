// The dashboard and the server-wide TeamChat start/stop toggle. What runs is
// checked live: a TCP connection to each listener (the WebAdmin's own port
// is the one this request came in on), a database query, and mail (SMTP
// answers EHLO, or the outbox folder is writable).

import { join } from 'node:path';
import { Router } from 'express';
import { requireServerAdmin } from '../../../server/domain/authorization.js';
import { PRODUCT_VERSION as ADMIN_VERSION } from '../../../server/core/version.js';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, requiredBoolean } from '../validate.js';
import { checkMail, probeTcp } from '../live-checks.js';

export function statusRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { config, services } = ctx;

  router.get('/api/status', async (req, res) => {
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
    const outbox = join(config.dataDir, 'outbox');
    const configured = [
      { name: 'c2s-starttls', port: ports.c2s },
      { name: 'c2s-direct-tls', port: ports.directTls },
      { name: 'https-websocket', port: ports.https },
      { name: 'webadmin', port: req.socket.localPort ?? config.listen.adminPort },
    ];
    const [listeners, mail] = await Promise.all([
      Promise.all(configured.map(async (l) => ({ ...l, host, ...(await probeTcp(host, l.port)) }))),
      checkMail(config.mail.smtpUrl, outbox),
    ]);
    res.json({
      version: ADMIN_VERSION,
      domain: config.domain,
      xmpp: {
        listeners,
        onlineSessions: ctx.onlineSessions?.() ?? services.sessionGateway()?.onlineCount() ?? null,
      },
      teamchat: { running },
      database,
      // Without SMTP, mail is written as .eml files in <dataDir>/outbox.
      mail: { configured: config.mail.smtpUrl !== null, from: config.mail.from, smtpHost, outbox: config.mail.smtpUrl === null ? outbox : null, ...mail },
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
