// The rooms service on conference.<domain>: every stanza addressed to the
// service, a room or an occupant arrives here and is dispatched by kind.
// https://xmpp.org/extensions/xep-0045.html

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_DISCO_INFO, NS_DISCO_ITEMS, NS_MAM, NS_PING } from '../../xmpp/namespaces.js';
import { iqPayload, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { handleAdminIq } from './admin-items.js';
import { roomInfo, roomItems, serviceInfo, serviceItems } from './disco.js';
import { handleGroupchat } from './groupchat.js';
import { handleFeatureIq } from './message-features.js';
import { handleInvite } from './invite.js';
import { handleJoin } from './join.js';
import { handleLeave } from './leave.js';
import { handleRoomMam } from './mam.js';
import type { MucIqEvent } from './muc-api.js';
import { handlePrivateMessage } from './private-message.js';
import type { MucState } from './state.js';
import { NS_MUC_USER } from '../../xmpp/namespaces.js';
import { NS_RIGHTS } from './namespaces.js';

export function createComponentHandler(state: MucState): (event: StanzaEvent) => Promise<void> {
  return async (event) => {
    const { stanza, to } = event;
    if (stanza.name === 'presence') {
      if (!to.local) return;
      if (stanza.attrs.type === 'unavailable') return handleLeave(state, event);
      if (stanza.attrs.type === undefined) return handleJoin(state, event);
      return;
    }
    if (stanza.name === 'message') {
      if (stanza.attrs.type === 'error' || !to.local) return;
      if (to.resource) return handlePrivateMessage(state, event);
      if (stanza.attrs.type === 'groupchat') return handleGroupchat(state, event);
      if (stanza.getChild('x', NS_MUC_USER)?.getChild('invite')) return handleInvite(state, event);
      return state.ctx.router.reply(event.origin, stanza, new AppError('bad-request', 'Send groupchat messages to the room, or private messages to an occupant'));
    }
    if (stanza.name === 'iq' && (stanza.attrs.type === 'get' || stanza.attrs.type === 'set')) {
      try {
        await handleIq(state, event);
      } catch (error) {
        if (!isAppError(error)) state.ctx.log.error('room iq failed', { error, to: to.full });
        state.ctx.router.reply(event.origin, stanza, isAppError(error) ? error : new AppError('internal-server-error', 'The request failed; please try again'));
      }
    }
  };
}

async function handleIq(state: MucState, event: StanzaEvent): Promise<void> {
  const { stanza, to, origin } = event;
  const payload = iqPayload(stanza);
  const account = origin?.account;
  if (!origin || !account || !payload) return;
  const ns = payload.attrs.xmlns ?? '';
  const type = stanza.attrs.type as 'get' | 'set';
  if (!to.local) {
    if (type === 'get' && ns === NS_DISCO_INFO && !payload.attrs.node) return origin.send(iqResult(stanza, serviceInfo()));
    if (type === 'get' && ns === NS_DISCO_ITEMS && !payload.attrs.node) return origin.send(iqResult(stanza, await serviceItems(state.ctx.services, account, to.domain)));
    if (type === 'get' && ns === NS_PING) return origin.send(iqResult(stanza));
    throw new AppError('service-unavailable');
  }
  const live = state.registry.all().find((room) => room.jid === to.bare) ?? (await state.registry.find(to.local, to.domain));
  if (!live) throw new AppError('item-not-found', 'No such room');
  const fullJid = origin.jid?.full ?? '';
  if (to.resource) {
    // XEP-0410: a client checks it is still joined by pinging its own occupant JID.
    const self = live.occupantOf(fullJid);
    if (ns === NS_PING && type === 'get') {
      if (self && self.nick === to.resource) return origin.send(iqResult(stanza));
      throw new AppError('not-acceptable', 'You are not joined to this room under that nickname');
    }
    throw new AppError('service-unavailable');
  }
  const rights = await state.ctx.services.rooms.rights(live.room, account);
  if (!rights.read) throw new AppError('item-not-found', 'No such room');
  if (type === 'get' && ns === NS_DISCO_INFO && !payload.attrs.node) {
    const group = live.room.groupId === null ? undefined : await state.ctx.services.repos.groups.get(live.room.groupId);
    return origin.send(iqResult(stanza, roomInfo(live, [NS_RIGHTS], group?.name)));
  }
  if (type === 'get' && ns === NS_DISCO_ITEMS) return origin.send(iqResult(stanza, roomItems(live)));
  if (ns === NS_MAM && payload.name === 'query') return handleRoomMam(state, live, origin, account, stanza, payload);
  if (await handleAdminIq(state, live, origin, account, stanza, payload)) return;
  if (await handleFeatureIq(state, live, origin, account, stanza, payload)) return;
  let answered = false;
  const muc: MucIqEvent = {
    room: live,
    account,
    occupant: live.occupantOf(fullJid),
    stanza,
    result(result?: Element) {
      answered = true;
      origin.send(iqResult(stanza, result));
    },
    error(condition, text) {
      answered = true;
      state.ctx.router.reply(origin, stanza, new AppError(condition, text));
    },
  };
  const handled = await state.ctx.events.fire(`muc-iq-${type}/${ns}:${payload.getName()}`, muc);
  if (!handled && !answered) throw new AppError('service-unavailable');
}
