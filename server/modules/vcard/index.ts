// XEP-0054: vcard-temp — https://xmpp.org/extensions/xep-0054.html
// Get one's own vCard or another account's; set one's own only. Like
// Prosody's mod_vcard, a missing vCard is <item-not-found/> (§3.1 allows it
// or an empty <vCard/>); an address with no account is <service-unavailable/>
// (RFC 6121 §8.5.1). The stored form is the client's element, re-serialised.

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { NS_VCARD } from '../../xmpp/namespaces.js';
import { iqResult } from '../../xmpp/stanza.js';
import { parseStoredVcard, serialiseVcard } from './vcard-codec.js';

export { VCARD_MAX_BYTES } from './vcard-codec.js';

export const vcard = defineModule({
  name: 'vcard',
  xeps: [{ xep: 54, version: '1.2' }],
  setup(ctx) {
    const { repos } = ctx.services;
    ctx.disco.addServerFeature(NS_VCARD);

    const fail = (event: StanzaEvent, error: unknown): void => {
      if (!(error instanceof AppError)) ctx.log.error('vCard request failed', { error });
      ctx.router.reply(event.origin, event.stanza, error instanceof AppError ? error : new AppError('internal-server-error'));
    };

    const get = async (event: StanzaEvent): Promise<boolean> => {
      const { stanza, origin, to } = event;
      try {
        const accountId = to.bare === origin?.jid?.bare ? origin.account?.id : (await ctx.services.accounts.getByJid(to.local, to.domain))?.id;
        if (accountId === undefined) throw new AppError('service-unavailable');
        const stored = await repos.vcards.get(accountId);
        const vcardElement = stored === undefined ? undefined : parseStoredVcard(stored);
        if (!vcardElement) throw new AppError('item-not-found', 'No vCard has been published');
        origin?.send(iqResult(stanza, vcardElement));
      } catch (error) {
        fail(event, error);
      }
      return true;
    };

    const set = async (event: StanzaEvent): Promise<boolean> => {
      const { stanza, origin } = event;
      try {
        const accountId = origin?.account?.id;
        const payload = stanza.getChild('vCard', NS_VCARD);
        if (accountId === undefined || !payload) throw new AppError('bad-request');
        await repos.vcards.put(accountId, serialiseVcard(payload));
        origin?.send(iqResult(stanza));
      } catch (error) {
        fail(event, error);
      }
      return true;
    };

    const forbidden = (event: StanzaEvent): boolean => {
      ctx.router.reply(event.origin, event.stanza, new AppError('forbidden', 'You can only change your own vCard'));
      return true;
    };

    ctx.hook(`iq-get/self/${NS_VCARD}:vCard`, get);
    ctx.hook(`iq-get/bare/${NS_VCARD}:vCard`, get);
    ctx.hook(`iq-set/self/${NS_VCARD}:vCard`, set);
    ctx.hook(`iq-set/bare/${NS_VCARD}:vCard`, forbidden);
  },
});
