// XEP-0077 In-Band Registration, password change only (§3.3): a logged-in
// user sets a new password for its own account from its client. Creating
// accounts in band is refused: accounts come from administrators and guest
// invitations. https://xmpp.org/extensions/xep-0077.html#usecases-changepw

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { el, iqResult } from '../../xmpp/stanza.js';

export const NS_REGISTER = 'jabber:iq:register';

export const register = defineModule({
  name: 'register',
  xeps: [{ xep: 77, version: '2.4' }],
  setup(ctx) {
    // Clients (Conversations, Gajim, the web client) offer "change password" when the server lists this.
    ctx.disco.addServerFeature(NS_REGISTER);

    const fail = (event: StanzaEvent, error: unknown): void => {
      if (!(error instanceof AppError)) ctx.log.error('password change failed', { error });
      ctx.router.reply(event.origin, event.stanza, error instanceof AppError ? error : new AppError('internal-server-error'));
    };

    // §3.1 for a registered entity: say so, and which fields a change takes.
    const get = ({ stanza, origin }: StanzaEvent): boolean => {
      const local = origin?.jid?.local ?? '';
      origin?.send(iqResult(stanza, el('query', { xmlns: NS_REGISTER }, el('registered'), el('username', null, local), el('password'))));
      return true;
    };

    const set = async (event: StanzaEvent): Promise<boolean> => {
      const { stanza, origin } = event;
      try {
        const account = origin?.account;
        const jid = origin?.jid;
        const query = stanza.getChild('query', NS_REGISTER);
        if (!account || !jid || !query) throw new AppError('bad-request');
        if (query.getChild('remove')) throw new AppError('not-allowed', 'Accounts are closed by an administrator, not from a client');
        const username = query.getChildText('username');
        const password = query.getChildText('password');
        if (username === null || password === null) throw new AppError('bad-request', 'A password change needs <username/> and <password/>');
        // §3.3: the username must be the requester's own.
        if (username !== jid.local) throw new AppError('not-authorized', 'You can only change your own password');
        try {
          await ctx.services.accounts.changeOwnPassword(account.id, password);
        } catch (error) {
          // §3.3 names not-acceptable for a password the server will not take.
          if (error instanceof AppError && error.appCondition === 'weak-password') throw new AppError('not-acceptable', error.text);
          throw error;
        }
        origin.send(iqResult(stanza));
      } catch (error) {
        fail(event, error);
      }
      return true;
    };

    for (const kind of ['host', 'self'] as const) {
      ctx.hook(`iq-get/${kind}/${NS_REGISTER}:query`, get);
      ctx.hook(`iq-set/${kind}/${NS_REGISTER}:query`, set);
    }
  },
});
