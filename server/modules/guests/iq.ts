// The guest-invitation commands any XMPP client can send to a room's bare
// JID, in the project's namespace urn:causerie:guests:0 (docs/GUESTS.md):
//   set <invite email='…' lang='fr|en'/>  → <invitation status='sent'/> or <member/>
//   set <resend email='…'/>               → a new link by mail
//   set <revoke email='…'/>               → the pending link stops working
//   get <invitations/>                    → the room's pending invitations
// Errors are stanza errors with a text (and a Causerie application condition).

import { AppError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { MucIqEvent } from '../muc/muc-api.js';
import type { InvitationsService, InviteOutcome } from '../../domain/invitations.js';
import type { Invitation } from '../../store/invitations-repo.js';
import { bareOf } from '../../domain/accounts.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

export const NS_GUESTS = 'urn:causerie:guests:0';

function emailOf(payload: Element): string {
  const email = payload.attrs.email as string | undefined;
  if (!email) throw new AppError('bad-request', 'The email attribute is required');
  return email;
}

function invitationElement(invitation: Invitation): Element {
  return el('invitation', {
    xmlns: NS_GUESTS,
    email: invitation.email,
    status: invitation.deliveryStatus,
    created: invitation.createdAt.toISOString(),
    expires: invitation.expiresAt.toISOString(),
    ...(invitation.deliveryError ? { error: invitation.deliveryError } : {}),
  });
}

function answer(event: MucIqEvent, outcome: InviteOutcome): void {
  if (outcome.kind === 'member-added') {
    event.result(el('member', { xmlns: NS_GUESTS, email: event.stanza.getChild('invite', NS_GUESTS)?.attrs.email ?? '', jid: bareOf(outcome.account) }));
    return;
  }
  if (outcome.kind === 'delivery-failed') {
    // The invitation is kept (status failed): the inviter can check the address and resend it.
    // The text is for people, so no protocol words; the mail server's answer stays on the invitation.
    throw new AppError('recipient-unavailable', `The invitation email to ${outcome.invitation.email} could not be delivered (the mail server answered: ${outcome.error}). Check the address, then resend the invitation.`, { appCondition: 'delivery-failed' });
  }
  event.result(invitationElement(outcome.invitation));
}

export function installGuestIq(ctx: ModuleContext, invitations: InvitationsService): void {
  ctx.hook(`muc-iq-set/${NS_GUESTS}:invite`, async (event) => {
    const payload = event.stanza.getChild('invite', NS_GUESTS) as Element;
    answer(event, await invitations.invite(event.account, event.room.room, emailOf(payload), payload.attrs.lang as string | undefined));
    return true;
  });
  ctx.hook(`muc-iq-set/${NS_GUESTS}:resend`, async (event) => {
    const payload = event.stanza.getChild('resend', NS_GUESTS) as Element;
    answer(event, await invitations.resend(event.account, event.room.room, emailOf(payload)));
    return true;
  });
  ctx.hook(`muc-iq-set/${NS_GUESTS}:revoke`, async (event) => {
    const payload = event.stanza.getChild('revoke', NS_GUESTS) as Element;
    await invitations.revoke(event.account, event.room.room, emailOf(payload));
    event.result();
    return true;
  });
  ctx.hook(`muc-iq-get/${NS_GUESTS}:invitations`, async (event) => {
    const pending = await invitations.pending(event.account, event.room.room);
    event.result(el('invitations', { xmlns: NS_GUESTS }, ...pending.map(invitationElement)));
    return true;
  });
}
