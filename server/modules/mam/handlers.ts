// The iq handlers of the user archive: query (set), query form (get),
// metadata, preferences. Only the account's own sessions reach them (the
// module hooks `self`); another account's archive is forbidden.
// https://xmpp.org/extensions/xep-0313.html#query

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import type { ArchiveOwner } from '../../store/types.js';
import { NS_MAM, NS_RSM } from '../../xmpp/namespaces.js';
import { el, iqPayload, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { queryArchive } from './archive-query.js';
import { applyPrefs, archiveMetadata, currentPrefs } from './metadata-prefs.js';
import { formOf, parseQueryForm, queryFormTemplate } from './query-form.js';
import { finElement, resultMessage } from './render.js';
import { parseRsm } from './rsm.js';

type Handler = (event: StanzaEvent) => boolean | Promise<boolean>;

export function createMamHandlers(ctx: ModuleContext): Record<'form' | 'query' | 'metadata' | 'getPrefs' | 'setPrefs' | 'forbidden', Handler> {
  const repo = ctx.services.repos.archive;

  /** Runs `work` for the sender's own archive; errors become stanza errors. */
  const forOwner = (work: (session: ClientSession & { jid: NonNullable<ClientSession['jid']> }, owner: ArchiveOwner, payload: Element, stanza: Element) => Promise<void> | void): Handler =>
    async ({ stanza, origin }) => {
      const payload = iqPayload(stanza);
      if (!origin?.account || !origin.jid || !payload) return false;
      try {
        await work(origin as ClientSession & { jid: NonNullable<ClientSession['jid']> }, { kind: 'user', accountId: origin.account.id }, payload, stanza);
      } catch (error) {
        if (!isAppError(error)) ctx.log.error('archive request failed', { error, jid: origin.jid.full });
        ctx.router.reply(origin, stanza, isAppError(error) ? error : new AppError('internal-server-error', 'The archive could not be read; please try again'));
      }
      return true;
    };

  return {
    form: forOwner((session, _owner, _payload, stanza) => {
      session.send(iqResult(stanza, el('query', { xmlns: NS_MAM }, queryFormTemplate())));
    }),

    query: forOwner(async (session, owner, query, stanza) => {
      if (query.attrs.node !== undefined) throw new AppError('item-not-found', 'A user archive has no nodes');
      const filters = parseQueryForm(formOf(query));
      const rsm = parseRsm(query.getChild('set', NS_RSM));
      const page = await queryArchive(repo, owner, filters, rsm);
      const address = { from: session.jid.bare, to: session.jid.full };
      const ordered = query.getChild('flip-page') ? [...page.messages].reverse() : page.messages;
      for (const message of ordered) {
        const result = resultMessage(message, address, query.attrs.queryid);
        if (result) session.send(result);
        else ctx.log.warn('skipping an unreadable archived message', { owner: owner.kind, id: message.id });
      }
      session.send(iqResult(stanza, finElement(page)));
    }),

    metadata: forOwner(async (session, owner, _payload, stanza) => {
      session.send(iqResult(stanza, await archiveMetadata(repo, owner)));
    }),

    getPrefs: forOwner((session, _owner, _payload, stanza) => {
      session.send(iqResult(stanza, currentPrefs()));
    }),

    setPrefs: forOwner((session, _owner, prefs, stanza) => {
      session.send(iqResult(stanza, applyPrefs(prefs)));
    }),

    forbidden: ({ stanza, origin }) => {
      ctx.router.reply(origin, stanza, new AppError('forbidden', 'You can only use your own message archive'));
      return true;
    },
  };
}
