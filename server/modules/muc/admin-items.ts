// Administration of a room (XEP-0045 §9 and §10) mapped onto TeamChat
// rights: affiliation lists, member/none changes (room members: invite and
// delete rights), kicks (delete right, status 307), the owner form (name via
// the rename right) and destruction (the room's creator or group managers).
// Roles and affiliations otherwise follow rights; they are not set here.
// https://xmpp.org/extensions/xep-0045.html#admin — #owner

import { AppError } from '../../core/errors.js';
import type { Account } from '../../store/types.js';
import { tryParseJid } from '../../core/jid.js';
import { NS_DATA_FORMS } from '../../xmpp/namespaces.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { removeOccupant } from './leave.js';
import { NS_MUC_ADMIN, NS_MUC_OWNER } from './namespaces.js';
import { affiliationOf } from './roles.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

export async function handleAdminIq(state: MucState, live: LiveRoom, session: ClientSession, account: Account, stanza: Element, payload: Element): Promise<boolean> {
  const ns = payload.attrs.xmlns;
  if (payload.name !== 'query' || (ns !== NS_MUC_ADMIN && ns !== NS_MUC_OWNER)) return false;
  const services = state.ctx.services;
  const rights = await services.rooms.rights(live.room, account);
  const type = stanza.attrs.type;
  if (ns === NS_MUC_ADMIN && type === 'get') {
    const wanted = payload.getChild('item')?.attrs.affiliation;
    if (!wanted) throw new AppError('bad-request', 'Ask for one affiliation: <item affiliation="member"/>');
    const query = el('query', { xmlns: NS_MUC_ADMIN });
    // Grantees count too: an account granted the admin right on the room is one of its owners.
    for (const id of await services.rooms.memberAndGranteeIds(live.room)) {
      const member = await services.repos.accounts.get(id);
      if (!member) continue;
      const affiliation = affiliationOf(await services.rooms.rights(live.room, member), await services.rooms.isMember(live.room, member));
      if (affiliation === wanted) query.cnode(el('item', { affiliation, jid: `${member.localpart}@${member.domain}` }));
    }
    session.send(iqResult(stanza, query));
    return true;
  }
  if (ns === NS_MUC_ADMIN) {
    for (const item of payload.getChildren('item')) await applyItem(state, live, account, item);
    session.send(iqResult(stanza));
    return true;
  }
  if (type === 'get') {
    if (!rights.rename && !rights.admin) throw new AppError('forbidden', `You need the rename right to configure ${live.room.name}`);
    session.send(iqResult(stanza, el('query', { xmlns: NS_MUC_OWNER }, configForm(live, rights.rename))));
    return true;
  }
  const destroy = payload.getChild('destroy');
  if (destroy) {
    await services.rooms.delete(await services.actorFor(account), live.room.id);
    session.send(iqResult(stanza));
    return true;
  }
  const form = payload.getChild('x', NS_DATA_FORMS);
  if (form && form.attrs.type === 'submit') {
    if (!rights.rename && !rights.admin) throw new AppError('forbidden', `You need the rename or admin right to configure ${live.room.name}`);
    const value = (name: string): string | null | undefined => form.getChildren('field').find((f) => f.attrs.var === name)?.getChildText('value');
    const description = value('muc#roomconfig_roomdesc');
    if (description !== undefined && (description ?? '') !== (live.room.description ?? '')) {
      throw new AppError('not-allowed', 'Changing the room description is not offered yet; only the name can be changed');
    }
    const name = value('muc#roomconfig_roomname');
    // rename() checks the rename right: the admin right alone does not rename.
    if (name && name !== live.room.name) live.room = await services.rooms.rename(account, live.room.id, name);
  }
  // An empty submit (instant room, §10.1.2) or a cancel is accepted as is.
  session.send(iqResult(stanza));
  return true;
}

/** The name is editable with the rename right; the description is shown, not editable (no operation for it from XMPP). */
function configForm(live: LiveRoom, canRename: boolean): Element {
  return el(
    'x',
    { xmlns: NS_DATA_FORMS, type: 'form' },
    el('title', null, `Configuration of ${live.room.name}`),
    el('field', { var: 'FORM_TYPE', type: 'hidden' }, el('value', null, 'http://jabber.org/protocol/muc#roomconfig')),
    el('field', { var: 'muc#roomconfig_roomname', type: canRename ? 'text-single' : 'fixed', label: 'Name' }, el('value', null, live.room.name)),
    el('field', { var: 'muc#roomconfig_roomdesc', type: 'fixed', label: 'Description' }, el('value', null, live.room.description ?? '')),
  );
}

async function applyItem(state: MucState, live: LiveRoom, by: Account, item: Element): Promise<void> {
  const services = state.ctx.services;
  const { role, affiliation, nick } = item.attrs;
  if (role === 'none' && nick) {
    const target = live.occupantByNick(nick);
    if (!target) throw new AppError('item-not-found', `Nobody called ${nick} is in the room`);
    if (!(await services.rooms.rights(live.room, by)).delete) throw new AppError('forbidden', 'You need the delete right to remove occupants');
    if (target.rights.admin) throw new AppError('not-allowed', 'Room administrators cannot be kicked');
    const kicker = live.occupantOfAccount(by.id);
    removeOccupant(state, live, target, { statuses: [307], actor: kicker?.nick, reason: item.getChildText('reason') ?? undefined });
    return;
  }
  if (role !== undefined) throw new AppError('not-allowed', 'Roles follow TeamChat rights; change the rights instead');
  if (affiliation !== 'member' && affiliation !== 'none' && affiliation !== 'outcast') throw new AppError('not-allowed', 'Only member and none affiliations can be set; other affiliations follow TeamChat rights');
  const jid = tryParseJid(item.attrs.jid);
  const target = jid?.local ? await services.repos.accounts.getByAddress(jid.local, jid.domain) : undefined;
  if (!target) throw new AppError('item-not-found', 'No such account');
  if (affiliation === 'member') await services.rooms.addMember(by, live.room.id, target.id);
  // Outcast removes a guest like none (it can be invited again); TeamChat has no bans for accounts of the organisation.
  else if (affiliation === 'outcast' && target.kind !== 'guest') throw new AppError('not-allowed', 'Only guests can be made outcast (removed from the room); other affiliations follow TeamChat rights');
  else await services.rooms.removeMember(by, live.room.id, target.id);
}
