// The room archive (XEP-0313 §5 "MUC archives"): queried at the room's bare
// JID by anyone holding the read right, with the mam module's form, RSM
// paging, full-text search and rendering, plus Causerie's thread filter
// (`{urn:causerie:mam:0}thread`: the messages of one XEP-0201 thread).
// https://xmpp.org/extensions/xep-0313.html#business-storeret-muc-archives

import { AppError } from '../../core/errors.js';
import type { Account } from '../../store/types.js';
import { NS_MAM, NS_RSM } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { queryArchive } from '../mam/archive-query.js';
import { formOf, parseQueryForm, queryFormTemplate } from '../mam/query-form.js';
import { finElement, resultMessage } from '../mam/render.js';
import { parseRsm } from '../mam/rsm.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

export async function handleRoomMam(state: MucState, live: LiveRoom, session: ClientSession, account: Account, stanza: Element, query: Element): Promise<void> {
  if (!(await state.ctx.services.rooms.rights(live.room, account)).read) throw new AppError('forbidden', `You need the read right to search ${live.room.name}`);
  const to = session.jid?.full;
  if (!to) return;
  if (stanza.attrs.type === 'get') {
    session.send(iqResult(stanza, el('query', { xmlns: NS_MAM }, queryFormTemplate({ thread: true }))));
    return;
  }
  if (query.attrs.node !== undefined) throw new AppError('item-not-found', 'A room archive has no nodes');
  const filters = parseQueryForm(formOf(query), { thread: true });
  const rsm = parseRsm(query.getChild('set', NS_RSM));
  const owner = { kind: 'room' as const, roomId: live.room.id };
  const page = await queryArchive(state.ctx.services.repos.archive, owner, filters, rsm);
  const ordered = query.getChild('flip-page') ? [...page.messages].reverse() : page.messages;
  for (const message of ordered) {
    const result = resultMessage(message, { from: live.jid, to }, query.attrs.queryid);
    if (result) session.send(result);
  }
  session.send(iqResult(stanza, finElement(page)));
}
