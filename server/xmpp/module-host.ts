// Loads modules in dependency order, gives each its context, records what
// each registered, and undoes it all on unload.

import type { ModuleContext, ModuleDefinition, DiscoRegistry } from '../core/module.js';
import type { Express } from 'express';
import type { Element } from './stanza.js';
import type { ClientSession } from './stream/client-session.js';
import type { XmppNode } from './node.js';
import { NS_DISCO_INFO, NS_DISCO_ITEMS } from './namespaces.js';

type Identity = { category: string; type: string; name?: string };

class Disco implements DiscoRegistry {
  private readonly server = new Set<string>([NS_DISCO_INFO, NS_DISCO_ITEMS]);
  private readonly account = new Set<string>([NS_DISCO_INFO, NS_DISCO_ITEMS]);
  private readonly identities: Identity[] = [{ category: 'server', type: 'im', name: 'Causerie' }];
  private readonly accountIdentityList: Identity[] = [];
  addServerFeature(feature: string): void {
    this.server.add(feature);
  }
  addAccountFeature(feature: string): void {
    this.account.add(feature);
  }
  addServerIdentity(identity: Identity): void {
    this.identities.push(identity);
  }
  addAccountIdentity(identity: Identity): void {
    this.accountIdentityList.push(identity);
  }
  accountIdentities(): Identity[] {
    return [...this.accountIdentityList];
  }
  serverFeatures(): string[] {
    return [...this.server].sort();
  }
  accountFeatures(): string[] {
    return [...this.account].sort();
  }
  serverIdentities(): Identity[] {
    return [...this.identities];
  }
}

export class ModuleHost {
  readonly disco = new Disco();
  private readonly node: XmppNode;
  private readonly definitions: ModuleDefinition[];
  private readonly undo: Array<() => void | Promise<void>> = [];
  private readonly features: Array<(session: ClientSession) => string> = [];
  private readonly nonzaHandlers: Array<(session: ClientSession, element: Element) => boolean> = [];
  private readonly loaded = new Set<string>();
  private readonly httpMounts: Array<(app: Express) => void> = [];

  constructor(node: XmppNode, definitions: ModuleDefinition[]) {
    this.node = node;
    this.definitions = definitions;
  }

  async load(): Promise<void> {
    const byName = new Map(this.definitions.map((d) => [d.name, d]));
    const visiting = new Set<string>();
    const visit = async (definition: ModuleDefinition): Promise<void> => {
      if (this.loaded.has(definition.name)) return;
      if (visiting.has(definition.name)) throw new Error(`module dependency cycle at ${definition.name}`);
      visiting.add(definition.name);
      for (const dependency of definition.dependsOn ?? []) {
        const target = byName.get(dependency);
        if (!target) throw new Error(`module ${definition.name} needs ${dependency}, which is not loaded`);
        await visit(target);
      }
      await definition.setup(this.contextFor(definition.name));
      this.loaded.add(definition.name);
    };
    for (const definition of this.definitions) await visit(definition);
  }

  async unload(): Promise<void> {
    while (this.undo.length > 0) await this.undo.pop()?.();
    this.loaded.clear();
  }

  streamFeatures(session: ClientSession): string {
    return this.features.map((render) => render(session)).join('');
  }

  /** Mounts every module's HTTP routes on the node's HTTPS app. */
  mountHttp(app: Express): void {
    for (const mount of this.httpMounts) mount(app);
  }

  nonza(session: ClientSession, element: Element): boolean {
    return this.nonzaHandlers.some((handler) => handler(session, element));
  }

  private contextFor(name: string): ModuleContext {
    const node = this.node;
    return {
      name,
      config: node.config,
      log: node.log.child(name),
      services: node.services,
      router: node.router,
      sessions: node.sessions,
      disco: this.disco,
      durable: node.durable,
      events: node.events,
      hook: (event, handler, priority) => {
        this.undo.push(node.events.hook(event, handler, priority));
      },
      addStreamFeature: (render) => {
        this.features.push(render);
      },
      addNonzaHandler: (handler) => {
        this.nonzaHandlers.push(handler);
      },
      addHttpRoutes: (mount) => {
        this.httpMounts.push(mount);
      },
      onStop: (cleanup) => {
        this.undo.push(cleanup);
      },
    };
  }
}
