// Private messages between occupants (XEP-0045 §7.5): type chat to
// room/nick, delivered to the occupant's sessions from the sender's room JID.
// https://xmpp.org/extensions/xep-0045.html#privatemessage

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { el } from '../../xmpp/stanza.js';
import { NS_MUC_USER } from '../../xmpp/namespaces.js';
import { NS_OCCUPANT_ID } from './namespaces.js';
import { sanitizeGroupchat } from './groupchat.js';
import type { MucState } from './state.js';

export function handlePrivateMessage(state: MucState, event: StanzaEvent): void {
  const { origin, stanza, to } = event;
  const fullJid = origin?.jid?.full;
  if (!origin || !fullJid || !to.resource) return;
  const live = state.registry.all().find((room) => room.jid === to.bare);
  const sender = live?.occupantOf(fullJid);
  if (!live || !sender) return state.ctx.router.reply(origin, stanza, new AppError('not-acceptable', 'Join the room before sending private messages in it'));
  const recipient = live.occupantByNick(to.resource);
  if (!recipient) return state.ctx.router.reply(origin, stanza, new AppError('item-not-found', `Nobody called ${to.resource} is in the room`));
  if (stanza.attrs.type === 'groupchat') return state.ctx.router.reply(origin, stanza, new AppError('bad-request', 'A groupchat message goes to the room, not to an occupant'));
  sanitizeGroupchat(stanza);
  stanza.attrs.from = `${live.jid}/${sender.nick}`;
  stanza.cnode(el('x', { xmlns: NS_MUC_USER }));
  stanza.cnode(el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: sender.occupantId }));
  live.sendToOccupant(recipient, stanza);
}
