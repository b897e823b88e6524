// SmartDiscover: public host name, service hosts and service URLs (each URL
// checked: https, explicit path, a certificate that verifies).

import { Router } from 'express';
import type { AdminContext } from '../../context.js';
import { adminOf } from '../../http/auth.js';
import { body, idParam, requiredInt, requiredString, stringParam, type Fields } from '../validate.js';

function hostInput(fields: Fields) {
  return {
    service: requiredString(fields, 'service', 32),
    host: requiredString(fields, 'host', 253),
    port: requiredInt(fields, 'port', 1, 65535),
    mode: requiredString(fields, 'mode', 16),
  };
}

export function discoveryRoutes(ctx: AdminContext): Router {
  const router = Router();
  const { discovery } = ctx;

  router.get('/api/discovery', async (_req, res) => {
    adminOf(res);
    res.json(await discovery.get());
  });

  router.put('/api/discovery/public-host', async (req, res) => {
    const fields = body(req, ['host']);
    res.json({ host: await discovery.setPublicHost(adminOf(res).actor, requiredString(fields, 'host', 253)) });
  });

  router.post('/api/discovery/hosts', async (req, res) => {
    const fields = body(req, ['service', 'host', 'port', 'mode']);
    res.status(201).json(await discovery.addHost(adminOf(res).actor, hostInput(fields)));
  });

  router.put('/api/discovery/hosts/:id', async (req, res) => {
    const fields = body(req, ['service', 'host', 'port', 'mode']);
    res.json(await discovery.updateHost(adminOf(res).actor, idParam(req), hostInput(fields)));
  });

  router.delete('/api/discovery/hosts/:id', async (req, res) => {
    await discovery.deleteHost(adminOf(res).actor, idParam(req));
    res.status(204).end();
  });

  router.post('/api/discovery/check', async (req, res) => {
    adminOf(res);
    const fields = body(req, ['url']);
    res.json(await discovery.checkUrl(requiredString(fields, 'url', 2048)));
  });

  router.put('/api/discovery/urls/:name', async (req, res) => {
    const fields = body(req, ['url']);
    res.json(await discovery.setUrl(adminOf(res).actor, stringParam(req, 'name'), requiredString(fields, 'url', 2048)));
  });

  router.delete('/api/discovery/urls/:name', async (req, res) => {
    await discovery.deleteUrl(adminOf(res).actor, stringParam(req, 'name'));
    res.status(204).end();
  });

  return router;
}
