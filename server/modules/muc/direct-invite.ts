// XEP-0249 direct invitations: when someone holding the invite right sends
// one, the invitee becomes a room member so the invitation can be accepted.
// The message itself goes on unchanged (the hook never stops it).
// https://xmpp.org/extensions/xep-0249.html

import type { StanzaEvent } from '../../core/hooks.js';
import { tryParseJid } from '../../core/jid.js';
import type { MucState } from './state.js';

export const NS_CONFERENCE = 'jabber:x:conference';

export async function onDirectInvite(state: MucState, event: StanzaEvent): Promise<boolean> {
  const { ctx } = state;
  const invite = event.stanza.getChild('x', NS_CONFERENCE);
  const inviter = event.origin?.account;
  if (!invite || !inviter) return false;
  const jid = tryParseJid(invite.attrs.jid);
  if (!jid?.local || jid.resource || !ctx.router.isComponent(jid.domain)) return false;
  try {
    const room = await ctx.services.rooms.getByJid(jid.local, jid.domain);
    const invitee = event.to.local ? await ctx.services.repos.accounts.getByAddress(event.to.local, event.to.domain) : undefined;
    if (!room || !invitee || (await ctx.services.rooms.isMember(room, invitee))) return false;
    if (!(await ctx.services.rooms.rights(room, inviter)).invite) return false;
    await ctx.services.rooms.addMember(inviter, room.id, invitee.id);
  } catch (error) {
    ctx.log.warn('direct invitation: could not add the invitee', { error, room: jid.bare });
  }
  return false;
}
