// The wire format of urn:causerie:groups:0 (docs/XMPP.md "Groups"): one
// <group/> element per group, and the group address a request names.

import { AppError } from '../../core/errors.js';
import { tryParseJid } from '../../core/jid.js';
import type { GroupMembership } from '../../domain/groups.js';
import type { Group } from '../../store/teamchat-types.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

export const NS_GROUPS = 'urn:causerie:groups:0';

export function groupAddress(group: Pick<Group, 'alias' | 'domain'>): string {
  return `${group.alias}@${group.domain}`;
}

export function groupElement(group: Group, membership: GroupMembership): Element {
  return el(
    'group',
    { xmlns: NS_GROUPS, jid: groupAddress(group), name: group.name, access: group.access, membership },
    group.description ? el('description', null, group.description) : null,
  );
}

/** The group address a join or leave names (`group` attribute); bad-request when missing or malformed. */
export function requestedAddress(payload: Element): string {
  const jid = tryParseJid(payload.attrs.group);
  if (!jid?.local || jid.resource) throw new AppError('bad-request', `<${payload.name}/> needs the group's address in its group attribute, like group='team@example.org'`);
  return jid.bare.toLowerCase();
}

/** The optional note of a join request (<message/>), at most 1000 characters. */
export function requestNote(payload: Element): string | null {
  const text = payload.getChildText('message')?.trim();
  if (!text) return null;
  if (text.length > 1000) throw new AppError('bad-request', 'The message of a join request is limited to 1000 characters');
  return text;
}
