// The XMPP node: accepts transports, runs their sessions, hosts the feature
// modules and owns the shared timer that enforces time-outs (one sweep for
// all connections rather than a timer per connection).

import { randomBytes } from 'node:crypto';
import { EventBus } from '../core/events.js';
import type { HookPayloads } from '../core/hooks.js';
import type { Logger } from '../core/logger.js';
import type { ErrorCondition } from '../core/errors.js';
import { AppError } from '../core/errors.js';
import type { Services } from '../domain/index.js';
import type { DurableWriter } from '../domain/durable-writer.js';
import type { NodeConfig } from '../config.js';
import type { Account } from '../store/types.js';
import { Jid } from '../core/jid.js';
import { AuthThrottle } from './sasl/auth-throttle.js';
import { SaslNegotiator } from './sasl/sasl-negotiator.js';
import type { SaslConnection } from './sasl/sasl-negotiator.js';
import { ClientSession } from './stream/client-session.js';
import type { SessionEnvironment, SessionLimits } from './stream/session-environment.js';
import type { Transport } from './stream/transport.js';
import { SessionRegistry } from './sessions.js';
import { Router } from './router.js';
import { el } from './stanza.js';
import type { Element } from './stanza.js';
import { NS_PING, NS_SM } from './namespaces.js';
import { ModuleHost } from './module-host.js';
import type { ModuleDefinition } from '../core/module.js';
import { ConnectionGate } from './connection-gate.js';
import { storeUnackedOffline } from './unacked-offline.js';
import { followDomainEvents } from '../domain/event-follower.js';
import type { EventFollower } from '../domain/event-follower.js';

export interface XmppNodeOptions {
  config: NodeConfig;
  services: Services;
  durable: DurableWriter;
  log: Logger;
  modules: ModuleDefinition[];
}

/** Quiet time after which a bound session's XML parser is released (memory per idle connection). */
const PARSER_RELEASE_MS = 5_000;

export class XmppNode implements SessionEnvironment {
  readonly log: Logger;
  readonly limits: SessionLimits;
  readonly defaultDomain: string;
  readonly events = new EventBus<HookPayloads>();
  readonly sessions = new SessionRegistry();
  readonly router: Router;
  readonly host: ModuleHost;
  readonly config: NodeConfig;
  readonly services: Services;
  readonly durable: DurableWriter;
  private readonly connections = new Set<ClientSession>();
  private readonly localDomains = new Set<string>();
  private readonly throttle = new AuthThrottle();
  private readonly secret = randomBytes(32);
  private readonly gate: ConnectionGate;
  private sweeper: NodeJS.Timeout | undefined;
  private follower: EventFollower | undefined;
  /** Session-end work still running (presence broadcasts…): stop() waits for it before the database closes. */
  private readonly endings = new Set<Promise<void>>();

  constructor(options: XmppNodeOptions) {
    this.config = options.config;
    this.services = options.services;
    this.durable = options.durable;
    this.log = options.log;
    this.defaultDomain = options.config.domain;
    const l = options.config.limits;
    this.limits = {
      maxStanzaBytes: l.maxStanzaBytes,
      maxDepth: l.maxDepth,
      maxOutgoingBytes: l.maxOutgoingBytes,
      maxSaslFailures: l.maxSaslFailures,
      smMaxUnacked: l.smMaxUnacked,
      stanzaRate: l.messageRate,
      stanzaBurst: l.messageBurst,
    };
    this.gate = new ConnectionGate(l.maxConnectionsPerIp, l.connectionRatePerIp);
    this.router = new Router(this.events, this.sessions, (d) => this.localDomains.has(d), this.log.child('router'));
    this.host = new ModuleHost(this, options.modules);
  }

  async start(): Promise<void> {
    await this.refreshDomains();
    this.services.events.hook('domain-changed', () => this.refreshDomains());
    // Wherever an account was deleted or disabled (this process, the CLI, the WebAdmin), its sessions end now.
    this.services.events.hook('account-deleted', ({ jid }) => this.sessions.disconnect(jid, 'your account was deleted'));
    this.services.events.hook('account-disabled', ({ jid }) => this.sessions.disconnect(jid, 'your account was disabled'));
    this.services.setSessionGateway(this.sessions);
    this.follower = await followDomainEvents(this.services.repos.events, this.services.events, this.log.child('events'), this.config.eventPollMs);
    await this.host.load();
    this.sweeper = setInterval(() => this.sweep(), 1000);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.follower?.stop();
    for (const session of [...this.connections]) session.close('system-shutdown', 'the server is shutting down');
    await Promise.allSettled([...this.endings]);
    await this.durable.drain();
    await this.host.unload();
  }

  async refreshDomains(): Promise<void> {
    const domains = await this.services.domains.list();
    this.localDomains.clear();
    for (const domain of domains) this.localDomains.add(domain.name);
  }

  /** A new connection; refused at once when its IP is over its limits. */
  accept(transport: Transport): ClientSession | undefined {
    if (!this.gate.admit(transport.remoteAddress)) {
      this.log.warn('connection refused: too many from this address', { ip: transport.remoteAddress });
      transport.destroy();
      return undefined;
    }
    const session = new ClientSession(transport, this);
    this.connections.add(session);
    return session;
  }

  isLocalDomain(domain: string): boolean {
    return this.localDomains.has(domain);
  }

  createSasl(connection: SaslConnection): SaslNegotiator {
    return new SaslNegotiator(this.services.accounts, this.throttle, this.secret, connection, this.services.scramIterations);
  }

  async loadAccount(localpart: string, domain: string): Promise<Account | undefined> {
    const account = await this.services.accounts.getByJid(localpart, domain);
    return account && !account.disabled ? account : undefined;
  }

  bind(session: ClientSession, requested: string | undefined): void {
    const account = session.account;
    if (!account) return;
    this.gate.authenticated(session.transport.remoteAddress);
    const bare = `${account.localpart}@${account.domain}`;
    const resource = this.sessions.bind(session, bare, requested);
    session.jid = new Jid(account.localpart, account.domain, resource);
    void this.services.accounts.recordLogin(account.id, session.transport.remoteAddress).catch((error: unknown) => this.log.warn('could not record login', { error }));
    void this.events.notify('session-bound', { session });
  }

  findResumable(previd: string, accountId: number): ClientSession | undefined {
    for (const session of this.connections) {
      if (session.sm?.id === previd && session.sm.resumable && session.account?.id === accountId && session.isBound) return session;
    }
    return undefined;
  }

  boundFeatures(session: ClientSession): string {
    return this.host.streamFeatures(session);
  }

  route(session: ClientSession, stanza: Element, durable: (write: Promise<unknown>) => void): void | Promise<void> {
    return this.router.fromClient(session, stanza, durable);
  }

  nonza(session: ClientSession, element: Element): boolean {
    return this.host.nonza(session, element);
  }

  rejectStanza(session: ClientSession, stanza: Element, condition: ErrorCondition, text: string): void {
    this.router.reply(session, stanza, new AppError(condition, text));
  }

  ended(session: ClientSession, how: { wasBound: boolean; clean: boolean }): void {
    this.connections.delete(session);
    if (!session.isAuthenticated || !session.jid) this.gate.released(session.transport.remoteAddress, session.isAuthenticated);
    else this.gate.released(session.transport.remoteAddress, true);
    const unacked = session.sm?.takeUnacked() ?? [];
    if (how.wasBound && session.jid) {
      this.sessions.remove(session);
      const ending = this.events
        .notify('session-ended', { session, clean: how.clean })
        .catch((error: unknown) => this.log.error('session-ended handler failed', { error }))
        .finally(() => this.endings.delete(ending));
      this.endings.add(ending);
    }
    if (unacked.length > 0 && session.account) storeUnackedOffline(this, session.account.id, unacked);
  }

  /** One pass over every connection: auth deadline, idle pings, dead peers, hibernation expiry. */
  private sweep(): void {
    const now = Date.now();
    const l = this.config.limits;
    for (const session of this.connections) {
      if (session.phase === 'hibernated') {
        if (now - session.hibernatedAt > l.smResumeSeconds * 1000) session.terminate(false);
        continue;
      }
      if (!session.isBound) {
        if (now - session.createdAt > l.authTimeoutSeconds * 1000) session.close('connection-timeout', 'authentication took too long');
        continue;
      }
      // An idle stream gives its XML parser back; the next byte rebuilds it.
      if (now - session.lastReceivedAt > PARSER_RELEASE_MS) session.parser.release();
      if (session.pingSentAt > 0) {
        if (now - session.pingSentAt > l.pingTimeoutSeconds * 1000) session.transport.destroy();
      } else if (now - session.lastReceivedAt > l.idleSeconds * 1000) {
        session.pingSentAt = now;
        if (session.sm) session.sendNonza(el('r', { xmlns: NS_SM }));
        else session.send(el('iq', { type: 'get', id: `idle-${now}`, from: session.jid?.domain, to: session.jid?.full }, el('ping', { xmlns: NS_PING })));
      }
    }
  }
}
