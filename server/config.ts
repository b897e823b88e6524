// Configuration: one JSON file plus environment variables, validated into
// one typed object at start-up. A wrong or missing value stops the node
// with a message naming the key and what is wrong (ConfigError).
// docs/CONFIGURATION.md lists every key.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDatabaseUrl } from './store/db.js';
import type { DatabaseConfig } from './store/db.js';
import type { LogLevel } from './core/logger.js';

export interface NodeConfig {
  domain: string;
  guestDomain: string;
  conferenceDomain: string;
  uploadDomain: string;
  dataDir: string;
  database: DatabaseConfig;
  listen: {
    host: string;
    c2sPort: number;
    directTlsPort: number;
    httpsPort: number;
    adminPort: number;
  };
  /** Public base URL of the node's HTTPS listener, as clients reach it. */
  publicUrl: string;
  /** Base URL of the video conference service; meeting links are `<conferenceUrl>/<random room name>`. */
  conferenceUrl: string;
  tls: { certFile: string | null; keyFile: string | null; caFile: string | null };
  limits: {
    maxStanzaBytes: number;
    maxDepth: number;
    maxOutgoingBytes: number;
    maxSaslFailures: number;
    authTimeoutSeconds: number;
    idleSeconds: number;
    pingTimeoutSeconds: number;
    maxConnectionsPerIp: number;
    connectionRatePerIp: number;
    messageRate: number;
    messageBurst: number;
    smMaxUnacked: number;
    smResumeSeconds: number;
    offlineMaxPerAccount: number;
    maxUploadBytes: number;
    defaultQuotaBytes: number;
  };
  mail: { smtpUrl: string | null; from: string };
  /** Guest invitations (docs/GUESTS.md): link lifetime and rate limits (per rolling hour). */
  guests: { invitationTtlDays: number; invitationsPerInviterPerHour: number; invitationsPerRoomPerHour: number };
  log: { level: LogLevel };
  /** How often the node reads the events table for changes made by other processes (ms). */
  eventPollMs: number;
}

export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, problem: string) {
    super(`Configuration error: ${key} ${problem}`);
    this.name = 'ConfigError';
    this.key = key;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Environment variables and the configuration key each one sets. */
export const ENVIRONMENT: Record<string, string> = {
  CAUSERIE_DOMAIN: 'domain',
  CAUSERIE_GUEST_DOMAIN: 'guestDomain',
  CAUSERIE_DATA_DIR: 'dataDir',
  CAUSERIE_DATABASE_URL: 'database',
  CAUSERIE_LISTEN_HOST: 'listen.host',
  CAUSERIE_C2S_PORT: 'listen.c2sPort',
  CAUSERIE_DIRECT_TLS_PORT: 'listen.directTlsPort',
  CAUSERIE_HTTPS_PORT: 'listen.httpsPort',
  CAUSERIE_ADMIN_PORT: 'listen.adminPort',
  CAUSERIE_PUBLIC_URL: 'publicUrl',
  CAUSERIE_CONFERENCE_URL: 'conferenceUrl',
  CAUSERIE_TLS_CERT: 'tls.certFile',
  CAUSERIE_TLS_KEY: 'tls.keyFile',
  CAUSERIE_TLS_CA: 'tls.caFile',
  CAUSERIE_SMTP_URL: 'mail.smtpUrl',
  CAUSERIE_MAIL_FROM: 'mail.from',
  CAUSERIE_LOG_LEVEL: 'log.level',
};

const LIMIT_DEFAULTS: NodeConfig['limits'] = {
  maxStanzaBytes: 256 * 1024,
  maxDepth: 32,
  maxOutgoingBytes: 4 * 1024 * 1024,
  maxSaslFailures: 5,
  authTimeoutSeconds: 30,
  idleSeconds: 300,
  pingTimeoutSeconds: 60,
  maxConnectionsPerIp: 64,
  connectionRatePerIp: 20,
  messageRate: 200,
  messageBurst: 1000,
  smMaxUnacked: 2000,
  smResumeSeconds: 300,
  offlineMaxPerAccount: 10_000,
  maxUploadBytes: 100 * 1024 * 1024,
  defaultQuotaBytes: 150 * 1024 * 1024,
};

/** Reads the file (if any), applies the environment, validates. */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: JsonObject } = {}): NodeConfig {
  const env = options.env ?? process.env;
  let raw: JsonObject = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch {
      throw new ConfigError(options.file, 'cannot be read');
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed)) throw new ConfigError(options.file, 'must hold a JSON object');
      raw = parsed;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(options.file, `is not valid JSON (${(error as Error).message})`);
    }
  }
  for (const [variable, key] of Object.entries(ENVIRONMENT)) {
    const value = env[variable];
    if (value !== undefined && value !== '') setPath(raw, key, value);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) setPath(raw, key, value);
  return validate(raw);
}

export function validate(raw: JsonObject): NodeConfig {
  const known = new Set(['domain', 'guestDomain', 'conferenceDomain', 'uploadDomain', 'dataDir', 'database', 'listen', 'publicUrl', 'conferenceUrl', 'tls', 'limits', 'mail', 'guests', 'log']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new ConfigError(key, 'is not a known setting');
  const domain = domainName(raw, 'domain', 'localhost');
  const dataDir = resolve(str(raw, 'dataDir', './data'));
  const listen = section(raw, 'listen', ['host', 'c2sPort', 'directTlsPort', 'httpsPort', 'adminPort']);
  const httpsPort = port(listen, 'listen.httpsPort', 5443);
  const host = str(listen, 'listen.host', '0.0.0.0');
  const tls = section(raw, 'tls', ['certFile', 'keyFile', 'caFile']);
  const limits = section(raw, 'limits');
  const mail = section(raw, 'mail', ['smtpUrl', 'from']);
  const guests = section(raw, 'guests', ['invitationTtlDays', 'invitationsPerInviterPerHour', 'invitationsPerRoomPerHour']);
  const log = section(raw, 'log', ['level']);
  const level = str(log, 'log.level', 'info');
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError('log.level', 'must be one of debug, info, warn, error');
  const resolvedLimits = { ...LIMIT_DEFAULTS };
  for (const key of Object.keys(limits)) {
    if (!(key in LIMIT_DEFAULTS)) throw new ConfigError(`limits.${key}`, 'is not a known limit');
    const value = limits[key];
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) throw new ConfigError(`limits.${key}`, 'must be a positive number');
    resolvedLimits[key as keyof NodeConfig['limits']] = number;
  }
  const databaseValue = raw.database;
  let database: DatabaseConfig;
  if (databaseValue === undefined || databaseValue === null) database = { client: 'sqlite', filename: resolve(dataDir, 'causerie.db') };
  else if (typeof databaseValue === 'string') {
    try {
      database = parseDatabaseUrl(databaseValue);
    } catch (error) {
      throw new ConfigError('database', `is not a valid database URL (${(error as Error).message}); use sqlite:/path/file.db or mysql://user:password@host:port/database`);
    }
  } else throw new ConfigError('database', 'must be a URL string');
  const publicHost = host === '0.0.0.0' || host === '::' ? domain : host;
  return {
    domain,
    guestDomain: domainName(raw, 'guestDomain', `guests.${domain}`),
    conferenceDomain: domainName(raw, 'conferenceDomain', `conference.${domain}`),
    uploadDomain: domainName(raw, 'uploadDomain', `upload.${domain}`),
    dataDir,
    database,
    listen: {
      host,
      c2sPort: port(listen, 'listen.c2sPort', 5222),
      directTlsPort: port(listen, 'listen.directTlsPort', 5223),
      httpsPort,
      adminPort: port(listen, 'listen.adminPort', 9443),
    },
    publicUrl: httpsUrl(raw, 'publicUrl', `https://${publicHost}:${httpsPort}`),
    conferenceUrl: httpsUrl(raw, 'conferenceUrl', 'https://meet.jit.si'),
    tls: { certFile: optionalStr(tls, 'tls.certFile'), keyFile: optionalStr(tls, 'tls.keyFile'), caFile: optionalStr(tls, 'tls.caFile') },
    limits: resolvedLimits,
    mail: { smtpUrl: optionalStr(mail, 'mail.smtpUrl'), from: str(mail, 'mail.from', `Causerie <no-reply@${domain}>`) },
    guests: {
      invitationTtlDays: positiveInt(guests, 'guests.invitationTtlDays', 7),
      invitationsPerInviterPerHour: positiveInt(guests, 'guests.invitationsPerInviterPerHour', 20),
      invitationsPerRoomPerHour: positiveInt(guests, 'guests.invitationsPerRoomPerHour', 50),
    },
    log: { level: level as LogLevel },
    eventPollMs: 500,
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: JsonObject, path: string, value: Json): void {
  const parts = path.split('.');
  let cursor = target;
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part];
    if (!isObject(next)) cursor[part] = {};
    cursor = cursor[part] as JsonObject;
  }
  cursor[parts[parts.length - 1] as string] = value;
}

function leaf(key: string): string {
  return key.split('.').pop() as string;
}

/** A nested object; with `keys`, any other key in it is refused (a typo must not be silently ignored). */
function section(raw: JsonObject, key: string, keys?: string[]): JsonObject {
  const value = raw[key];
  if (value === undefined) return {};
  if (!isObject(value)) throw new ConfigError(key, 'must be an object');
  for (const name of Object.keys(value)) {
    if (keys && !keys.includes(name)) throw new ConfigError(`${key}.${name}`, 'is not a known setting');
  }
  return value;
}

function str(obj: JsonObject, key: string, fallback: string): string {
  const value = obj[leaf(key)];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(key, 'must be a non-empty string');
  return value.trim();
}

function optionalStr(obj: JsonObject, key: string): string | null {
  const value = obj[leaf(key)];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ConfigError(key, 'must be a string');
  return value;
}

function port(obj: JsonObject, key: string, fallback: number): number {
  const value = obj[leaf(key)];
  if (value === undefined || value === null) return fallback;
  // Strings must be plain digits: Number(' ') is 0 and Number('0x50') is 80.
  const number = typeof value === 'string' ? (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > 65535) {
    throw new ConfigError(key, `must be a port number from 0 to 65535 (got ${JSON.stringify(value)})`);
  }
  return number;
}

function positiveInt(obj: JsonObject, key: string, fallback: number): number {
  const value = obj[leaf(key)];
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' ? (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw new ConfigError(key, `must be a whole number of at least 1 (got ${JSON.stringify(value)})`);
  return number;
}

function domainName(obj: JsonObject, key: string, fallback: string): string {
  const value = str(obj, key, fallback).toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(value)) {
    throw new ConfigError(key, `must be a domain name like chat.example.org (got "${value}")`);
  }
  return value;
}

function httpsUrl(obj: JsonObject, key: string, fallback: string): string {
  const value = str(obj, key, fallback);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(key, `must be a URL (got "${value}")`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(key, 'must be an https:// URL');
  if (url.search || url.hash) throw new ConfigError(key, 'must not have a query or a fragment');
  // A path is kept (a reverse proxy may serve the node under a prefix); no trailing slash.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
