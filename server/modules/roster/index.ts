// RFC 6121 §2: Roster Management — https://www.rfc-editor.org/rfc/rfc6121#section-2
// Roster get (with versioning, §2.6), roster set (add/update, §2.3-2.4) and
// remove (§2.5), pushes to interested resources. Subscription states change
// in the presence module, through the same RosterState.

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { defineModule } from '../../core/module.js';
import { NS_PRE_APPROVAL, NS_ROSTER, NS_ROSTER_VER } from '../../xmpp/namespaces.js';
import { iqResult } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { removeRosterItem } from './remove.js';
import { blankItem, isVisible, MAX_ROSTER_ITEMS, parseRosterSet, rosterQuery } from './roster-items.js';
import type { RosterOwner, RosterState } from './roster-state.js';
import { rosterStateFor } from './roster-state.js';

export const roster = defineModule({
  name: 'roster',
  setup(ctx) {
    const state = rosterStateFor(ctx);
    // RFC 6121 §2.6.1 (versioning) and §3.4 (pre-approval) stream features.
    ctx.addStreamFeature(() => `<ver xmlns='${NS_ROSTER_VER}'/><sub xmlns='${NS_PRE_APPROVAL}'/>`);

    ctx.hook(`iq-get/self/${NS_ROSTER}:query`, (event) => answer(ctx, event, (session, owner) => getRoster(state, event, session, owner)));
    ctx.hook(`iq-set/self/${NS_ROSTER}:query`, (event) => answer(ctx, event, (session, owner) => setRoster(ctx, state, event, session, owner)));
    // Another account's roster is none of the sender's business (§2.1.5).
    const forbidden = ({ origin, stanza }: StanzaEvent): boolean => {
      ctx.router.reply(origin, stanza, new AppError('forbidden', 'You can only read and change your own roster'));
      return true;
    };
    ctx.hook(`iq-get/bare/${NS_ROSTER}:query`, forbidden);
    ctx.hook(`iq-set/bare/${NS_ROSTER}:query`, forbidden);
  },
});

type RosterHandler = (session: ClientSession, owner: RosterOwner) => Promise<void>;

/** Runs a roster request from a local session and turns failures into stanza errors. */
async function answer(ctx: ModuleContext, event: StanzaEvent, handler: RosterHandler): Promise<boolean> {
  const session = event.origin;
  if (!session?.account || !session.jid) return true;
  const owner = { accountId: session.account.id, bare: session.jid.bare };
  try {
    await handler(session, owner);
  } catch (error) {
    if (isAppError(error)) {
      ctx.router.reply(session, event.stanza, error);
    } else {
      ctx.log.error('roster request failed', { error, jid: session.jid.full });
      ctx.router.reply(session, event.stanza, new AppError('internal-server-error', 'The roster could not be processed'));
    }
  }
  return true;
}

async function getRoster(state: RosterState, event: StanzaEvent, session: ClientSession, owner: RosterOwner): Promise<void> {
  const query = event.stanza.getChild('query');
  session.rosterRequested = true;
  // Read items and version together so a concurrent change cannot pair old items with a new version.
  const { items, version } = await state.exclusive(owner, async () => ({
    items: await state.all(owner.accountId),
    version: String(await state.version(owner.accountId)),
  }));
  // §2.6.3: the client's cached roster is current; changes since would have come as pushes.
  if (query?.attrs.ver !== undefined && query.attrs.ver === version) {
    session.send(iqResult(event.stanza));
    return;
  }
  session.send(iqResult(event.stanza, rosterQuery(items.filter(isVisible), version)));
}

async function setRoster(ctx: ModuleContext, state: RosterState, event: StanzaEvent, session: ClientSession, owner: RosterOwner): Promise<void> {
  const query = event.stanza.getChild('query');
  if (!query || !session.jid) throw new AppError('bad-request', 'A roster set carries a <query/>');
  const request = parseRosterSet(query, session.jid);
  if (request.kind === 'remove') {
    if (!(await removeRosterItem(ctx, state, owner, request.jid))) {
      throw new AppError('item-not-found', `${request.jid.bare} is not in your roster`);
    }
    session.send(iqResult(event.stanza));
    return;
  }
  const jid = request.jid.bare;
  await state.exclusive(owner, async () => {
    const current = await state.get(owner.accountId, jid);
    if (!isVisible(current)) {
      const size = (await state.all(owner.accountId)).filter(isVisible).length;
      if (size >= MAX_ROSTER_ITEMS) throw new AppError('not-allowed', `A roster holds at most ${MAX_ROSTER_ITEMS} contacts`);
    }
    // Only the name and groups are the client's to set; subscription state is the server's (§2.1.2).
    await state.apply(owner, jid, (item) => ({ ...(item ?? blankItem(jid)), name: request.name, groups: request.groups }));
  });
  session.send(iqResult(event.stanza));
}
