// SmartDiscover storage: service hosts (service_hosts) and service URLs
// (service_urls). Validation and certificate checks live in
// server/domain/discovery.ts; this file only reads and writes rows.

import type { Knex } from 'knex';
import { withDbErrors } from './errors.js';
import { insertedId, toDate, toNumber, type Row } from './sql-values.js';

export interface ServiceHost {
  id: number;
  service: string;
  host: string;
  port: number;
  mode: string;
}

export type NewServiceHost = Omit<ServiceHost, 'id'>;

export interface ServiceUrl {
  name: string;
  url: string;
  updatedAt: Date;
}

export interface DiscoveryRepo {
  /** Ordered by service, then host and port. */
  hosts(): Promise<ServiceHost[]>;
  getHost(id: number): Promise<ServiceHost | undefined>;
  /** Throws conflict when the same service, host and port exist. */
  insertHost(host: NewServiceHost): Promise<ServiceHost>;
  updateHost(id: number, host: NewServiceHost): Promise<ServiceHost | undefined>;
  deleteHost(id: number): Promise<boolean>;
  /** Ordered by name. */
  urls(): Promise<ServiceUrl[]>;
  /** Inserts or replaces the URL called `name`. */
  putUrl(name: string, url: string): Promise<ServiceUrl>;
  deleteUrl(name: string): Promise<boolean>;
}

function toHost(row: Row): ServiceHost {
  return { id: toNumber(row.id), service: String(row.service), host: String(row.host), port: toNumber(row.port), mode: String(row.mode) };
}

export function createDiscoveryRepo(knex: Knex): DiscoveryRepo {
  async function getHost(id: number): Promise<ServiceHost | undefined> {
    const row = (await knex('service_hosts').where({ id }).first()) as Row | undefined;
    return row ? toHost(row) : undefined;
  }

  return {
    async hosts() {
      return ((await knex('service_hosts').orderBy(['service', 'host', 'port'])) as Row[]).map(toHost);
    },

    getHost,

    async insertHost(host) {
      const now = new Date();
      const result = await withDbErrors('This service host', () =>
        knex('service_hosts').insert({ service: host.service, host: host.host, port: host.port, mode: host.mode, created_at: now, updated_at: now }),
      );
      return { id: insertedId(result), ...host };
    },

    async updateHost(id, host) {
      const count = await withDbErrors('This service host', () =>
        knex('service_hosts').where({ id }).update({ service: host.service, host: host.host, port: host.port, mode: host.mode, updated_at: new Date() }),
      );
      return count > 0 ? getHost(id) : undefined;
    },

    async deleteHost(id) {
      return (await knex('service_hosts').where({ id }).delete()) > 0;
    },

    async urls() {
      return ((await knex('service_urls').orderBy('name')) as Row[]).map((row) => ({ name: String(row.name), url: String(row.url), updatedAt: toDate(row.updated_at) }));
    },

    async putUrl(name, url) {
      const now = new Date();
      await withDbErrors('Service URL', () =>
        knex('service_urls').insert({ name, url, created_at: now, updated_at: now }).onConflict('name').merge(['url', 'updated_at']),
      );
      return { name, url, updatedAt: now };
    },

    async deleteUrl(name) {
      return (await knex('service_urls').where({ name }).delete()) > 0;
    },
  };
}
