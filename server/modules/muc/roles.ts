// XEP-0045 roles and affiliations derived from TeamChat rights (DESIGN.md):
// admin → owner, delete → admin and moderator, write → participant, read
// only (or an archived room) → visitor; other members are "member".
// https://xmpp.org/extensions/xep-0045.html#roles

import type { Rights } from '../../store/teamchat-types.js';
import type { MucAffiliation, MucRole } from './muc-api.js';

export function roleOf(rights: Rights, archived: boolean): MucRole {
  if (!rights.read) return 'none';
  if (rights.delete || rights.admin) return 'moderator';
  if (rights.write && !archived) return 'participant';
  return 'visitor';
}

export function affiliationOf(rights: Rights, member: boolean): MucAffiliation {
  if (rights.admin) return 'owner';
  if (rights.delete) return 'admin';
  if (member || rights.read) return 'member';
  return 'none';
}
