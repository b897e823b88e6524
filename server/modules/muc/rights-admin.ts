// Rights grants managed from a client, Causerie's own namespace
// `urn:causerie:rights:0` on a room's bare JID (docs/XMPP.md "Rights"): list
// the grants that apply to the room (its own and its group's), grant a
// preset or a set of rights to an account, a group or a domain on this
// room, and revoke. Holders of the admin right (and group managers,
// administrators) only, as server/domain/rights.ts decides; occupants see
// the effect live through the rights-changed event (live-updates.ts).

import { AppError } from '../../core/errors.js';
import { tryParseJid } from '../../core/jid.js';
import { parseRights, presetOf, rightsList } from '../../domain/rights-model.js';
import type { PresetName } from '../../domain/rights-model.js';
import type { Account } from '../../store/types.js';
import type { Grant, GrantScope, Principal } from '../../store/teamchat-types.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { NS_RIGHTS } from './namespaces.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

type Services = MucState['ctx']['services'];

/** The grantee a <grant/> or <revoke/> names by type and address; item-not-found when it does not exist. */
async function granteeOf(services: Services, item: Element): Promise<Principal> {
  const { type } = item.attrs;
  const jid = tryParseJid(item.attrs.jid);
  if ((type !== 'account' && type !== 'group' && type !== 'domain') || !jid || jid.resource) {
    throw new AppError('bad-request', `<${item.name}/> needs type='account', 'group' or 'domain' and the grantee's address in jid`);
  }
  const { repos } = services;
  if (type === 'domain') {
    const domain = jid.local ? undefined : await repos.domains.getByName(jid.domain);
    if (!domain) throw new AppError('item-not-found', `No domain ${jid.bare}`);
    return { type, domainId: domain.id };
  }
  if (type === 'account') {
    const account = jid.local ? await repos.accounts.getByAddress(jid.local, jid.domain) : undefined;
    if (!account) throw new AppError('item-not-found', `No account ${jid.bare}`);
    return { type, accountId: account.id };
  }
  const domain = jid.local ? await repos.domains.getByName(jid.domain) : undefined;
  const group = domain && jid.local ? await repos.groups.getByAlias(domain.id, jid.local) : undefined;
  if (!group) throw new AppError('item-not-found', `No group ${jid.bare}`);
  return { type, groupId: group.id };
}

async function addressOf(services: Services, grantee: Principal): Promise<string | undefined> {
  const { repos } = services;
  if (grantee.type === 'account') {
    const account = await repos.accounts.get(grantee.accountId);
    return account && `${account.localpart}@${account.domain}`;
  }
  if (grantee.type === 'domain') return (await repos.domains.get(grantee.domainId))?.name;
  const group = await repos.groups.get(grantee.groupId);
  return group && `${group.alias}@${group.domain}`;
}

async function grantElement(services: Services, grant: Grant): Promise<Element | undefined> {
  const jid = await addressOf(services, grant.grantee);
  if (!jid) return undefined;
  return el('grant', { scope: grant.scope.kind, type: grant.grantee.type, jid, rights: rightsList(grant.rights).join(' '), preset: presetOf(grant.rights) });
}

/** A preset or a space-separated list of rights, exactly one of them. */
function requestedRights(item: Element) {
  const { preset, rights } = item.attrs;
  if ((preset === undefined) === (rights === undefined)) throw new AppError('bad-request', "<grant/> needs either preset='reader|author|administrator' or rights='read write …'");
  return preset !== undefined ? parseRights(preset as PresetName) : parseRights(rights?.split(/\s+/).filter(Boolean) ?? []);
}

/** Answers iqs in the rights namespace; false for other namespaces. */
export async function handleRightsIq(state: MucState, live: LiveRoom, origin: ClientSession, account: Account, stanza: Element, payload: Element): Promise<boolean> {
  if (payload.attrs.xmlns !== NS_RIGHTS) return false;
  const { services } = state.ctx;
  const type = stanza.attrs.type;
  const room: GrantScope = { kind: 'room', roomId: live.room.id };
  const known = (type === 'get' && payload.name === 'grants') || (type === 'set' && (payload.name === 'grant' || payload.name === 'revoke'));
  if (!known) throw new AppError('bad-request', 'Use iq get <grants/>, or iq set <grant/> or <revoke/>');
  // Refused before the request is read: those without the admin right learn nothing about grantees.
  const actor = await services.actorFor(account);
  await services.rights.requireManage(actor, room);
  if (payload.name === 'grants') {
    const grants = [...(await services.rights.list(room)), ...(live.room.groupId !== null ? await services.rights.list({ kind: 'group', groupId: live.room.groupId }) : [])];
    const answer = el('grants', { xmlns: NS_RIGHTS });
    for (const grant of grants) {
      const item = await grantElement(services, grant);
      if (item) answer.cnode(item);
    }
    origin.send(iqResult(stanza, answer));
  } else if (payload.name === 'grant') {
    const rights = requestedRights(payload);
    await services.rights.grant(actor, room, await granteeOf(services, payload), rights);
    origin.send(iqResult(stanza));
  } else {
    await services.rights.revoke(actor, room, await granteeOf(services, payload));
    origin.send(iqResult(stanza));
  }
  return true;
}
