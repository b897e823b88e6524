// XEP-0363 HTTP File Upload on config.uploadDomain: slot requests over XMPP,
// PUT and GET on the node's HTTPS listener, files in <dataDir>/files with
// their metadata in the `files` table. Gated by the WebDAV policy, bounded
// by limits.maxUploadBytes and each account's quota.
// https://xmpp.org/extensions/xep-0363.html

import { defineModule } from '../../core/module.js';
import { sweepDeletedAccounts, sweepExpiredSlots } from './cleanup.js';
import { createUploadComponent } from './component.js';
import { getFile } from './get-route.js';
import { putFile, putPreflight } from './put-route.js';
import { createUploadState, GET_PREFIX, PUT_PREFIX } from './state.js';

const SWEEP_EVERY_MS = 60_000;

export const upload = defineModule({
  name: 'upload',
  xeps: [{ xep: 363, version: '1.1.0' }],
  async setup(ctx) {
    const state = createUploadState(ctx);
    const sweepDeps = { files: ctx.services.repos.files, storage: state.storage, writing: state.writing };
    const sweepFolders = (): Promise<number> => sweepDeletedAccounts(state.storage, async (id) => (await ctx.services.accounts.get(id)) !== undefined);
    const removeComponent = ctx.router.addComponent(ctx.config.uploadDomain, createUploadComponent(state));
    ctx.addHttpRoutes((app) => {
      app.options(`${PUT_PREFIX}/:token/:filename`, putPreflight);
      app.put(`${PUT_PREFIX}/:token/:filename`, putFile(state));
      app.get(`${GET_PREFIX}/:token/:filename`, getFile(state));
    });
    const unhooks = [
      ctx.services.events.hook('account-deleted', async ({ accountId }) => {
        await state.storage.removeAccount(accountId);
      }),
      // A domain's accounts can go with it, without one event per account.
      ctx.services.events.hook('domain-changed', async () => {
        await sweepFolders();
      }),
    ];
    const sweep = (): void => {
      void sweepExpiredSlots(sweepDeps).catch((error: unknown) => ctx.log.warn('upload slot sweep failed', { error }));
    };
    const timer = setInterval(sweep, SWEEP_EVERY_MS);
    timer.unref();
    await sweepFolders().catch((error: unknown) => ctx.log.warn('upload folder sweep failed', { error }));
    ctx.onStop(() => {
      clearInterval(timer);
      for (const unhook of unhooks) unhook();
      removeComponent();
    });
  },
});
