// Which accounts administer which domains.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import type { Row } from './sql-values.js';

export interface DomainAdminsRepo {
  domainsOf(accountId: number): Promise<number[]>;
  adminsOf(domainId: number): Promise<number[]>;
  add(domainId: number, accountId: number): Promise<void>;
  remove(domainId: number, accountId: number): Promise<boolean>;
}

export function createDomainAdminsRepo(knex: Knex): DomainAdminsRepo {
  return {
    async domainsOf(accountId) {
      return ((await knex('domain_admins').where({ account_id: accountId })) as Row[]).map((row) => Number(row.domain_id));
    },
    async adminsOf(domainId) {
      return ((await knex('domain_admins').where({ domain_id: domainId }).orderBy('account_id')) as Row[]).map((row) => Number(row.account_id));
    },
    async add(domainId, accountId) {
      await withDbErrors('Domain administrator', () => knex('domain_admins').insert({ domain_id: domainId, account_id: accountId, created_at: new Date() }));
    },
    async remove(domainId, accountId) {
      return (await knex('domain_admins').where({ domain_id: domainId, account_id: accountId }).delete()) > 0;
    },
  };
}
