// The module interface: a feature is a folder whose index.ts exports a
// module built with defineModule(). Everything it registers goes through
// its context, so the host can list and undo it (Prosody's module API,
// ejabberd's registrations-as-data).

import type { EventBus, Handler } from './events.js';
import type { HookPayloads } from './hooks.js';
import type { Logger } from './logger.js';
import type { Element } from 'ltx';
import type { Express } from 'express';
import type { Services } from '../domain/index.js';
import type { Router } from '../xmpp/router.js';
import type { SessionRegistry } from '../xmpp/sessions.js';
import type { ClientSession } from '../xmpp/stream/client-session.js';
import type { NodeConfig } from '../config.js';
import type { DurableWriter } from '../domain/durable-writer.js';

export interface XepReference {
  xep: number;
  version: string;
}

export interface DiscoRegistry {
  /** Features of the server itself (disco#info to the domain). */
  addServerFeature(feature: string): void;
  /** Features every account's bare JID answers (disco#info to user@domain), e.g. PEP. */
  addAccountFeature(feature: string): void;
  addServerIdentity(identity: { category: string; type: string; name?: string }): void;
  /** Identities every account's bare JID shows beside account/registered, e.g. pubsub/pep. */
  addAccountIdentity(identity: { category: string; type: string; name?: string }): void;
  accountIdentities(): Array<{ category: string; type: string; name?: string }>;
  serverFeatures(): string[];
  accountFeatures(): string[];
  serverIdentities(): Array<{ category: string; type: string; name?: string }>;
}

export interface ModuleContext {
  readonly name: string;
  readonly config: NodeConfig;
  readonly log: Logger;
  readonly services: Services;
  readonly router: Router;
  readonly sessions: SessionRegistry;
  readonly disco: DiscoRegistry;
  readonly durable: DurableWriter;
  readonly events: EventBus<HookPayloads>;
  hook<K extends keyof HookPayloads & string>(name: K, handler: Handler<HookPayloads[K]>, priority?: number): void;
  /** Adds stream features offered to authenticated sessions. */
  addStreamFeature(render: (session: ClientSession) => string): void;
  /** Handles a top-level non-stanza element on a bound stream; return true when handled. */
  addNonzaHandler(handler: (session: ClientSession, element: Element) => boolean): void;
  /**
   * Mounts routes on the node's HTTPS listener (uploads, guest registration,
   * the web client), before its 404 handler. Called once when the listener starts.
   */
  addHttpRoutes(mount: (app: Express) => void): void;
  /** Runs when the node stops. */
  onStop(cleanup: () => void | Promise<void>): void;
}

export interface ModuleDefinition {
  name: string;
  xeps?: XepReference[];
  dependsOn?: string[];
  setup(ctx: ModuleContext): void | Promise<void>;
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition;
}
