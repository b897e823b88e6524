// Configuration: defaults, file, environment and overrides, and one
// ConfigError naming the key for each kind of wrong value.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ENVIRONMENT, loadConfig, validate } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'causerie-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string): string {
  fileCount += 1;
  const path = join(dir, `config-${fileCount}.json`);
  writeFileSync(path, content);
  return path;
}

/** The ConfigError thrown by `load`, checked to name `key` in its message. */
function errorOf(load: () => unknown, key: string): ConfigError {
  let caught: unknown;
  try {
    load();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ConfigError for ${key}`).toBeInstanceOf(ConfigError);
  const error = caught as ConfigError;
  expect(error.key).toBe(key);
  expect(error.message.startsWith(`Configuration error: ${key} `)).toBe(true);
  return error;
}

describe('loadConfig defaults', () => {
  it('needs nothing to start', () => {
    const config = loadConfig({ env: {} });
    expect(config.domain).toBe('localhost');
    expect(config.guestDomain).toBe('guests.localhost');
    expect(config.conferenceDomain).toBe('conference.localhost');
    expect(config.uploadDomain).toBe('upload.localhost');
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.database).toEqual({ client: 'sqlite', filename: resolve('./data', 'causerie.db') });
    expect(config.listen).toEqual({ host: '0.0.0.0', c2sPort: 5222, directTlsPort: 5223, httpsPort: 5443, adminPort: 9443 });
    expect(config.publicUrl).toBe('https://localhost:5443');
    expect(config.tls).toEqual({ certFile: null, keyFile: null, caFile: null });
    expect(config.mail).toEqual({ smtpUrl: null, from: 'Causerie <no-reply@localhost>' });
    expect(config.log.level).toBe('info');
    expect(config.limits.maxStanzaBytes).toBe(262_144);
    expect(config.limits.maxDepth).toBe(32);
    expect(config.limits.maxSaslFailures).toBe(5);
    expect(config.limits.maxUploadBytes).toBe(100 * 1024 * 1024);
    expect(config.limits.defaultQuotaBytes).toBe(150 * 1024 * 1024);
    expect(config.conferenceUrl).toBe('https://meet.jit.si');
  });

  it('derives service domains, mail sender and public URL from the domain and listener', () => {
    const config = loadConfig({ env: {}, overrides: { domain: 'Chat.Example.ORG', listen: { httpsPort: 443 } } });
    expect(config.domain).toBe('chat.example.org');
    expect(config.guestDomain).toBe('guests.chat.example.org');
    expect(config.conferenceDomain).toBe('conference.chat.example.org');
    expect(config.mail.from).toBe('Causerie <no-reply@chat.example.org>');
    expect(config.publicUrl).toBe('https://chat.example.org');
    const bound = loadConfig({ env: {}, overrides: { listen: { host: '127.0.0.1' } } });
    expect(bound.publicUrl).toBe('https://127.0.0.1:5443');
  });
});

describe('loadConfig sources', () => {
  it('reads the JSON file', () => {
    const path = file(JSON.stringify({
      domain: 'example.org',
      dataDir: dir,
      database: 'mysql://causerie:s%40cret@db.example.org:3307/causerie',
      listen: { c2sPort: 15222, host: '::' },
      tls: { certFile: '/etc/cert.pem', keyFile: '/etc/key.pem' },
      limits: { messageRate: 100 },
      mail: { smtpUrl: 'smtp://mail.example.org:587', from: 'Chat <chat@example.org>' },
      log: { level: 'warn' },
      publicUrl: 'https://chat.example.org',
    }));
    const config = loadConfig({ file: path, env: {} });
    expect(config.domain).toBe('example.org');
    expect(config.dataDir).toBe(dir);
    expect(config.database).toEqual({ client: 'mysql', host: 'db.example.org', port: 3307, user: 'causerie', password: 's@cret', database: 'causerie' });
    expect(config.listen.c2sPort).toBe(15222);
    expect(config.listen.host).toBe('::');
    expect(config.tls).toEqual({ certFile: '/etc/cert.pem', keyFile: '/etc/key.pem', caFile: null });
    expect(config.limits.messageRate).toBe(100);
    expect(config.limits.messageBurst).toBe(1000);
    expect(config.mail).toEqual({ smtpUrl: 'smtp://mail.example.org:587', from: 'Chat <chat@example.org>' });
    expect(config.log.level).toBe('warn');
    expect(config.publicUrl).toBe('https://chat.example.org');
  });

  it('lets environment variables override the file, and overrides win over both', () => {
    const path = file(JSON.stringify({ domain: 'file.example.org', listen: { c2sPort: 1, directTlsPort: 2 } }));
    const env = {
      CAUSERIE_DOMAIN: 'env.example.org',
      CAUSERIE_C2S_PORT: '6222',
      CAUSERIE_HTTPS_PORT: '0',
      CAUSERIE_DATABASE_URL: 'sqlite:/var/lib/causerie/c.db',
      CAUSERIE_LOG_LEVEL: 'debug',
      CAUSERIE_GUEST_DOMAIN: 'visitors.example.org',
      CAUSERIE_TLS_CA: '/etc/ca.pem',
      CAUSERIE_PUBLIC_URL: 'https://env.example.org:8443',
    };
    const config = loadConfig({ file: path, env, overrides: { 'listen.adminPort': 19443 } });
    expect(config.domain).toBe('env.example.org');
    expect(config.guestDomain).toBe('visitors.example.org');
    expect(config.listen.c2sPort).toBe(6222);
    expect(config.listen.directTlsPort).toBe(2); // from the file
    expect(config.listen.httpsPort).toBe(0);
    expect(config.listen.adminPort).toBe(19443);
    expect(config.database).toEqual({ client: 'sqlite', filename: '/var/lib/causerie/c.db' });
    expect(config.log.level).toBe('debug');
    expect(config.tls.caFile).toBe('/etc/ca.pem');
    expect(config.publicUrl).toBe('https://env.example.org:8443');
  });

  it('ignores empty environment variables and unrelated ones', () => {
    const config = loadConfig({ env: { CAUSERIE_DOMAIN: '', CAUSERIE_C2S_PORT: '', HOME: '/root', CAUSERIE_UNKNOWN: 'x' } });
    expect(config.domain).toBe('localhost');
    expect(config.listen.c2sPort).toBe(5222);
  });

  it('maps every documented environment variable to a known key', () => {
    for (const [variable, key] of Object.entries(ENVIRONMENT)) {
      expect(variable).toMatch(/^CAUSERIE_[A-Z0-9_]+$/);
      // Setting it to a plausible value must not be refused as an unknown key.
      const value = key.endsWith('Port') ? '1234' : key === 'database' ? 'sqlite:/tmp/x.db' : key === 'publicUrl' || key === 'conferenceUrl' ? 'https://x.example' : key === 'log.level' ? 'warn' : key.toLowerCase().includes('domain') ? 'x.example' : 'value';
      expect(() => loadConfig({ env: { [variable]: value } }), variable).not.toThrow();
    }
  });
});

describe('validation errors name their key', () => {
  it('bad ports', () => {
    for (const value of [70000, -1, 1.5, 'abc', '99999', ' ', true]) {
      errorOf(() => validate({ listen: { c2sPort: value } }), 'listen.c2sPort');
    }
    errorOf(() => loadConfig({ env: { CAUSERIE_ADMIN_PORT: 'http' } }), 'listen.adminPort');
    expect(errorOf(() => loadConfig({ env: { CAUSERIE_C2S_PORT: '99999' } }), 'listen.c2sPort').message).toBe(
      'Configuration error: listen.c2sPort must be a port number from 0 to 65535 (got "99999")',
    );
  });

  it('bad domains', () => {
    for (const value of ['not a domain', '-bad.example.org', 'bad-.example.org', 'a..b', 'exa_mple.org', 'example.org.', '']) {
      errorOf(() => validate({ domain: value }), 'domain');
    }
    errorOf(() => validate({ guestDomain: 'guests here' }), 'guestDomain');
    errorOf(() => validate({ conferenceDomain: 5 }), 'conferenceDomain');
    errorOf(() => loadConfig({ env: { CAUSERIE_DOMAIN: 'bad domain' } }), 'domain');
  });

  it('unknown keys, at the top and inside sections', () => {
    errorOf(() => validate({ domian: 'example.org' }), 'domian');
    errorOf(() => validate({ listen: { c2sport: 5222 } }), 'listen.c2sport');
    errorOf(() => validate({ tls: { cert: '/x.pem' } }), 'tls.cert');
    errorOf(() => validate({ mail: { smtp: 'smtp://x' } }), 'mail.smtp');
    errorOf(() => validate({ log: { levle: 'debug' } }), 'log.levle');
  });

  it('unknown or non-positive limits', () => {
    errorOf(() => validate({ limits: { maxStanzaSize: 1000 } }), 'limits.maxStanzaSize');
    for (const value of [0, -5, 'many', null, Number.NaN]) {
      errorOf(() => validate({ limits: { maxDepth: value } }), 'limits.maxDepth');
    }
    expect(validate({ limits: { maxDepth: '12' } }).limits.maxDepth).toBe(12);
  });

  it('guest invitations: 7 days and 20/50 an hour by default, each configurable, positive whole numbers only', () => {
    expect(loadConfig({ env: {} }).guests).toEqual({ invitationTtlDays: 7, invitationsPerInviterPerHour: 20, invitationsPerRoomPerHour: 50 });
    const path = file(JSON.stringify({ guests: { invitationTtlDays: 3, invitationsPerRoomPerHour: 10 } }));
    expect(loadConfig({ env: {}, file: path }).guests).toEqual({ invitationTtlDays: 3, invitationsPerInviterPerHour: 20, invitationsPerRoomPerHour: 10 });
    for (const value of [0, -1, 'week', 1.5]) errorOf(() => validate({ guests: { invitationTtlDays: value } }), 'guests.invitationTtlDays');
    errorOf(() => validate({ guests: { ttlDays: 3 } }), 'guests.ttlDays');
  });

  it('a publicUrl that is not https', () => {
    for (const value of ['http://chat.example.org', 'ftp://chat.example.org', 'chat.example.org', 'not a url']) {
      errorOf(() => validate({ publicUrl: value }), 'publicUrl');
    }
  });

  it('a conferenceUrl that is not https; a good one loses its trailing slash', () => {
    for (const value of ['http://meet.example.org', 'meet.example.org', 'https://meet.example.org/?room=1']) {
      errorOf(() => validate({ conferenceUrl: value }), 'conferenceUrl');
    }
    expect(validate({ conferenceUrl: 'https://meet.example.org/visio/' }).conferenceUrl).toBe('https://meet.example.org/visio');
  });

  it('bad database URLs', () => {
    for (const value of ['postgres://u:p@h/db', 'mysql://u:p@h', 'mysql://u:p@h/a/b', 'sqlite:', 'nonsense', 5, { client: 'sqlite' }]) {
      errorOf(() => validate({ database: value }), 'database');
    }
  });

  it('other wrong values', () => {
    errorOf(() => validate({ log: { level: 'verbose' } }), 'log.level');
    errorOf(() => validate({ listen: 5222 }), 'listen');
    errorOf(() => validate({ limits: [] }), 'limits');
    errorOf(() => validate({ mail: { from: 42 } }), 'mail.from');
    errorOf(() => validate({ mail: { smtpUrl: 25 } }), 'mail.smtpUrl');
    errorOf(() => validate({ dataDir: '   ' }), 'dataDir');
  });

  it('an unreadable, non-JSON or non-object file, named by its path', () => {
    const missing = join(dir, 'missing.json');
    expect(errorOf(() => loadConfig({ file: missing, env: {} }), missing).message).toContain('cannot be read');
    errorOf(() => loadConfig({ file: dir, env: {} }), dir);
    const broken = file('{ "domain": "example.org", }');
    expect(errorOf(() => loadConfig({ file: broken, env: {} }), broken).message).toContain('is not valid JSON');
    const list = file('["domain"]');
    expect(errorOf(() => loadConfig({ file: list, env: {} }), list).message).toContain('must hold a JSON object');
    const scalar = file('42');
    errorOf(() => loadConfig({ file: scalar, env: {} }), scalar);
  });
});
