// Shared set-up for the room message feature tests (corrections, retraction,
// moderation, replies and threads, reactions, pins): one node, a group room
// "Crew" with anna and bob (Authors by default), carl (Administrator) and
// dora (Reader), and small helpers to talk to it over real sockets.

import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { ADMINISTRATOR, READER } from '../../server/domain/rights-model.js';
import type { DatabaseConfig } from '../../server/store/db.js';
import type { Room } from '../../server/store/teamchat-types.js';
import { startTestNode, TEST_DOMAIN } from './start-node.js';
import type { TestNode } from './start-node.js';
import { connectClient, xml } from './xmpp-client.js';
import type { TestClient } from './xmpp-client.js';

export { xml };
export type Element = TestClient['received'][number];

export const SERVICE = `conference.${TEST_DOMAIN}`;
const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS = {
  sid: 'urn:xmpp:sid:0',
  correct: 'urn:xmpp:message-correct:0',
  retract: 'urn:xmpp:message-retract:1',
  moderate: 'urn:xmpp:message-moderate:1',
  reactions: 'urn:xmpp:reactions:0',
  reply: 'urn:xmpp:reply:0',
  pins: 'urn:causerie:pins:0',
  mam: 'urn:xmpp:mam:2',
  forward: 'urn:xmpp:forward:0',
  occupantId: 'urn:xmpp:occupant-id:0',
} as const;

export type Name = 'anna' | 'bob' | 'carl' | 'dora';
export const NICKS: Record<Name, string> = { anna: 'Anna', bob: 'Bob', carl: 'Carl', dora: 'Dora' };

export function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text')?.name;
}

/** The next stanza matching, ignoring those already received. */
export function next(client: TestClient, predicate: (s: Element) => boolean, label: string): Promise<Element> {
  const start = client.received.length;
  return client.waitFor((s) => client.received.indexOf(s) >= start && predicate(s), 15_000, label);
}

/** Sends an iq and returns its answer, result or error. */
export async function ask(client: TestClient, iq: Element): Promise<Element> {
  const wait = next(client, (s) => s.name === 'iq' && s.attrs.id === iq.attrs.id && (s.attrs.type === 'result' || s.attrs.type === 'error'), `iq ${iq.attrs.id}`);
  await client.send(iq);
  return wait;
}

export function stanzaIdOf(message: Element, room: string): string {
  const id = message.getChildren('stanza-id').find((s) => s.attrs.xmlns === NS.sid && s.attrs.by === room)?.attrs.id;
  if (typeof id !== 'string') throw new Error('message without a room stanza-id');
  return id;
}

let counter = 0;
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export interface MamItem {
  id: string;
  message: Element;
}

export class FeatureRoom {
  node!: TestNode;
  room!: Room;
  address = '';
  readonly clients: TestClient[] = [];
  private readonly accounts = new Map<Name, { username: string; password: string }>();

  async start(database: DatabaseConfig): Promise<void> {
    this.node = await startTestNode({ database });
    const ids = new Map<Name, number>();
    for (const name of Object.keys(NICKS) as Name[]) {
      this.accounts.set(name, await this.node.createUser(name));
      const account = await this.node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
      if (!account) throw new Error(`no account ${name}`);
      ids.set(name, account.id);
    }
    const domain = (await this.node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
    if (!domain) throw new Error('no test domain');
    await this.node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
    const group = await this.node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Crew', alias: 'crew' });
    for (const id of ids.values()) await this.node.services.groups.addMember(SYSTEM_ACTOR, group.id, { type: 'account', accountId: id });
    const rooms = await this.node.services.rooms.setGroupTeamChat(SYSTEM_ACTOR, group.id, true);
    this.room = rooms[0] as Room;
    this.address = `${this.room.localpart}@${SERVICE}`;
    const scope = { kind: 'room' as const, roomId: this.room.id };
    await this.node.services.rights.grant(SYSTEM_ACTOR, scope, { type: 'account', accountId: ids.get('carl') as number }, ADMINISTRATOR);
    await this.node.services.rights.grant(SYSTEM_ACTOR, scope, { type: 'account', accountId: ids.get('dora') as number }, READER);
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.stop().catch(() => undefined)));
    await this.node?.close();
  }

  /** Connects and joins the room; resolves once the subject (end of the join) arrived. */
  async joined(name: Name, resource: string, maxstanzas = 0): Promise<TestClient> {
    const client = await connectClient(this.node, this.accounts.get(name) as { username: string; password: string }, { resource });
    this.clients.push(client);
    await client.send(xml('presence'));
    const to = `${this.address}/${NICKS[name]}`;
    const subject = next(client, (s) => s.name === 'message' && s.attrs.from?.startsWith(this.address) === true && s.getChild('subject') !== undefined && !s.getChild('body'), `subject for ${name}`);
    await client.send(xml('presence', { to }, xml('x', { xmlns: MUC }, xml('history', { maxstanzas: String(maxstanzas) }))));
    await subject;
    const self = client.received.find((s) => s.name === 'presence' && s.attrs.from === to && (s.getChild('x', MUC_USER)?.getChildren('status') ?? []).some((st) => st.attrs.code === '110'));
    if (!self) throw new Error(`${name} could not join`);
    return client;
  }

  /** Sends a groupchat message and resolves with the copies `watchers` receive (matched by id). */
  async post(from: TestClient, watchers: TestClient[], id: string, ...children: Element[]): Promise<Element[]> {
    const waits = watchers.map((w) => next(w, (s) => s.name === 'message' && s.attrs.type === 'groupchat' && s.attrs.id === id, `groupchat ${id}`));
    await from.send(xml('message', { to: this.address, type: 'groupchat', id }, ...children));
    return Promise.all(waits);
  }

  /** Sends a groupchat message that must be refused; resolves with the error's condition. */
  async refused(from: TestClient, id: string, ...children: Element[]): Promise<string | undefined> {
    const wait = next(from, (s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === id, `error ${id}`);
    await from.send(xml('message', { to: this.address, type: 'groupchat', id }, ...children));
    return errorCondition(await wait);
  }

  /**
   * Proves nothing from `since` on reached `bystander` except what `allowed`
   * accepts: a marker message is posted and, as rooms deliver in order, all
   * before it has arrived once it does.
   */
  async quietSince(poster: TestClient, bystander: TestClient, since: number, allowed: (s: Element) => boolean = () => false): Promise<Element[]> {
    const marker = uid('marker');
    await this.post(poster, [bystander], marker, xml('body', {}, marker));
    const between = bystander.received.slice(since).filter((s) => !(s.name === 'message' && s.attrs.id === marker));
    return between.filter((s) => !allowed(s));
  }

  /** A MAM query on the room archive; `fields` are extra form fields. */
  async mam(client: TestClient, fields: Record<string, string> = {}): Promise<{ iq: Element; items: MamItem[] }> {
    const queryid = uid('q');
    const form = xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam)), ...Object.entries(fields).map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))));
    const iq = await ask(client, xml('iq', { type: 'set', to: this.address, id: queryid }, xml('query', { xmlns: NS.mam, queryid }, form, xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('max', {}, '250')))));
    const items: MamItem[] = [];
    for (const s of client.received) {
      const result = s.name === 'message' ? s.getChild('result', NS.mam) : undefined;
      const message = result?.getChild('forwarded', NS.forward)?.getChild('message');
      if (result?.attrs.queryid === queryid && message) items.push({ id: result.attrs.id as string, message });
    }
    return { iq, items };
  }

  async search(client: TestClient, text: string): Promise<MamItem[]> {
    return (await this.mam(client, { '{urn:xmpp:fulltext:0}fulltext': text })).items;
  }
}
