// Mediated invitations (XEP-0045 §7.8.2): an occupant holding the invite
// right makes the invitee a room member, and the room forwards the
// invitation. https://xmpp.org/extensions/xep-0045.html#invite-mediated

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { tryParseJid } from '../../core/jid.js';
import { NS_MUC_USER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { MucState } from './state.js';

export async function handleInvite(state: MucState, event: StanzaEvent): Promise<void> {
  const { ctx } = state;
  const { origin, stanza, to } = event;
  const account = origin?.account;
  if (!origin || !account || !to.local) return;
  try {
    const live = await state.registry.find(to.local, to.domain);
    if (!live) throw new AppError('item-not-found', 'No such room');
    for (const invite of stanza.getChild('x', NS_MUC_USER)?.getChildren('invite') ?? []) {
      const jid = tryParseJid(invite.attrs.to);
      const invitee = jid?.local ? await ctx.services.repos.accounts.getByAddress(jid.local, jid.domain) : undefined;
      if (!jid || !invitee) throw new AppError('item-not-found', 'No such account to invite');
      if (!(await ctx.services.rooms.isMember(live.room, invitee))) await ctx.services.rooms.addMember(account, live.room.id, invitee.id);
      else if (!(await ctx.services.rooms.rights(live.room, account)).invite) throw new AppError('forbidden', `You need the invite right to invite to ${live.room.name}`);
      const reason = invite.getChildText('reason');
      const forwarded = el(
        'message',
        { from: live.jid, to: jid.bare, id: stanza.attrs.id },
        el('x', { xmlns: NS_MUC_USER }, el('invite', { from: origin.jid?.bare }, reason ? el('reason', null, reason) : null)),
        el('body', null, `${origin.jid?.bare ?? 'Someone'} invites you to ${live.room.name} (${live.jid})`),
      );
      await ctx.router.route(forwarded);
    }
  } catch (error) {
    if (!isAppError(error)) ctx.log.error('invitation failed', { error, room: to.bare });
    ctx.router.reply(origin, stanza, isAppError(error) ? error : new AppError('internal-server-error', 'The invitation could not be sent'));
  }
}
