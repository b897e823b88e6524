// Principals (an account, a whole domain, or a group) are stored as a type
// column plus one foreign-key column per type, so the database keeps them
// referentially whole. These helpers convert both ways.

import type { Principal } from './teamchat-types.js';
import type { Row } from './sql-values.js';

export function principalColumns(prefix: string, typeColumn: string, principal: Principal): Row {
  return {
    [typeColumn]: principal.type,
    [`${prefix}account_id`]: principal.type === 'account' ? principal.accountId : null,
    [`${prefix}domain_id`]: principal.type === 'domain' ? principal.domainId : null,
    [`${prefix}group_id`]: principal.type === 'group' ? principal.groupId : null,
  };
}

/** The WHERE clause matching one principal (only its own column). */
export function principalWhere(prefix: string, principal: Principal): Row {
  if (principal.type === 'account') return { [`${prefix}account_id`]: principal.accountId };
  if (principal.type === 'domain') return { [`${prefix}domain_id`]: principal.domainId };
  return { [`${prefix}group_id`]: principal.groupId };
}

export function toPrincipal(row: Row, prefix: string, typeColumn: string): Principal {
  const type = row[typeColumn];
  if (type === 'account') return { type, accountId: Number(row[`${prefix}account_id`]) };
  if (type === 'domain') return { type, domainId: Number(row[`${prefix}domain_id`]) };
  return { type: 'group', groupId: Number(row[`${prefix}group_id`]) };
}
