// SmartDiscover (DESIGN.md "Discovery"): the public host name, service hosts
// (SMTP, POP3, IMAP, XMPP, SIP with their mode) and service URLs. A URL is
// stored only when the injected checker accepts it (https, explicit path,
// a certificate that verifies); the refusal carries the checker's reason.

import { AppError } from '../core/errors.js';
import type { Repositories } from '../store/types.js';
import type { NewServiceHost, ServiceHost, ServiceUrl } from '../store/discovery-repo.js';
import type { Actor } from './actor.js';
import { requireServerAdmin } from './authorization.js';
import type { AuditTrail } from './audit.js';

export const SERVICE_HOST_KINDS = ['smtp', 'pop3', 'imap', 'xmpp', 'sip'] as const;
export const SERVICE_HOST_MODES = ['plain', 'starttls', 'tls'] as const;
export const SERVICE_URL_NAMES = [
  'webclient', 'webadmin', 'webdav', 'freebusy', 'calendar', 'teamchat-api', 'collaboration-api', 'conference-api', 'client-downloads',
] as const;
export type ServiceUrlName = (typeof SERVICE_URL_NAMES)[number];

const PUBLIC_HOST_KEY = 'discovery.public-host';
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** What a URL checker answers (certs/url-check.ts implements it with a TLS handshake). */
export type UrlCheckResult = { ok: true; url: string } | { ok: false; url: string; reason: string; detail: string };
export type UrlChecker = (url: string) => Promise<UrlCheckResult>;

export interface DiscoverySnapshot {
  publicHost: string | null;
  hosts: ServiceHost[];
  urls: ServiceUrl[];
}

function hostName(value: string, field: string): string {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  if (!DNS_NAME.test(host)) throw new AppError('bad-request', `"${value}" is not a host name; write it like chat.example.org`, { details: { field } });
  return host;
}

function validateHost(input: NewServiceHost): NewServiceHost {
  if (!(SERVICE_HOST_KINDS as readonly string[]).includes(input.service)) {
    throw new AppError('bad-request', `Unknown service "${input.service}": use ${SERVICE_HOST_KINDS.join(', ')}`, { details: { field: 'service' } });
  }
  if (!(SERVICE_HOST_MODES as readonly string[]).includes(input.mode)) {
    throw new AppError('bad-request', `Unknown mode "${input.mode}": use plain, starttls or tls`, { details: { field: 'mode' } });
  }
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
    throw new AppError('bad-request', 'The port must be a whole number from 1 to 65535', { details: { field: 'port' } });
  }
  return { service: input.service, host: hostName(input.host, 'host'), port: input.port, mode: input.mode };
}

export function isServiceUrlName(name: string): name is ServiceUrlName {
  return (SERVICE_URL_NAMES as readonly string[]).includes(name);
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;

export function createDiscoveryService(deps: { repos: Repositories; audit: AuditTrail; checkUrl: UrlChecker }) {
  const { repos, audit, checkUrl } = deps;
  return {
    async get(): Promise<DiscoverySnapshot> {
      const [publicHost, hosts, urls] = await Promise.all([repos.settings.get(PUBLIC_HOST_KEY), repos.discovery.hosts(), repos.discovery.urls()]);
      return { publicHost: publicHost ?? null, hosts, urls };
    },

    async setPublicHost(actor: Actor, value: string): Promise<string> {
      requireServerAdmin(actor);
      const host = hostName(value, 'host');
      await repos.settings.put(PUBLIC_HOST_KEY, host);
      await audit(actor, 'discovery.public-host', { type: 'discovery', id: 'public-host' }, { host });
      return host;
    },

    async addHost(actor: Actor, input: NewServiceHost): Promise<ServiceHost> {
      requireServerAdmin(actor);
      const host = await repos.discovery.insertHost(validateHost(input));
      await audit(actor, 'discovery.host.add', { type: 'service-host', id: host.id }, { ...host });
      return host;
    },

    async updateHost(actor: Actor, id: number, input: NewServiceHost): Promise<ServiceHost> {
      requireServerAdmin(actor);
      const host = await repos.discovery.updateHost(id, validateHost(input));
      if (!host) throw new AppError('item-not-found', 'No such service host');
      await audit(actor, 'discovery.host.update', { type: 'service-host', id }, { ...host });
      return host;
    },

    async deleteHost(actor: Actor, id: number): Promise<void> {
      requireServerAdmin(actor);
      if (!(await repos.discovery.deleteHost(id))) throw new AppError('item-not-found', 'No such service host');
      await audit(actor, 'discovery.host.delete', { type: 'service-host', id });
    },

    checkUrl,

    /** Stores a URL the checker accepts; otherwise not-acceptable with the checker's reason as appCondition. */
    async setUrl(actor: Actor, name: string, url: string): Promise<ServiceUrl> {
      requireServerAdmin(actor);
      if (!isServiceUrlName(name)) throw new AppError('item-not-found', `Unknown service URL "${name}": use ${SERVICE_URL_NAMES.join(', ')}`);
      const result = await checkUrl(url);
      if (!result.ok) throw new AppError('not-acceptable', result.detail, { appCondition: result.reason, details: { field: 'url' } });
      const saved = await repos.discovery.putUrl(name, result.url);
      await audit(actor, 'discovery.url.set', { type: 'service-url', id: name }, { url: result.url });
      return saved;
    },

    async deleteUrl(actor: Actor, name: string): Promise<void> {
      requireServerAdmin(actor);
      if (!(await repos.discovery.deleteUrl(name))) throw new AppError('item-not-found', `No URL is set for ${name}`);
      await audit(actor, 'discovery.url.delete', { type: 'service-url', id: name });
    },
  };
}
