// RosterState over a real (in-memory SQLite) store and a registry of fake
// sessions: writes, version bumps, pushes, hidden pending-only rows, locking.
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../domain/index.js';
import { createRepositories, migrateToLatest, openDatabase } from '../../store/index.js';
import type { Repositories } from '../../store/types.js';
import { Jid } from '../../core/jid.js';
import { SessionRegistry } from '../../xmpp/sessions.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { blankItem } from './roster-items.js';
import { RosterState } from './roster-state.js';
import type { RosterOwner } from './roster-state.js';

interface FakeSession {
  jid: Jid;
  rosterRequested: boolean;
  sent: Element[];
  send(stanza: Element): void;
}

function fakeSession(registry: SessionRegistry, resource: string, rosterRequested: boolean): FakeSession {
  const session: FakeSession = {
    jid: new Jid('alice', 'example.org', resource),
    rosterRequested,
    sent: [],
    send(stanza) {
      this.sent.push(stanza);
    },
  };
  registry.bind(session as unknown as ClientSession, 'alice@example.org', resource);
  return session;
}

describe('RosterState', () => {
  let knex: Knex;
  let repos: Repositories;
  let registry: SessionRegistry;
  let state: RosterState;
  let owner: RosterOwner;

  beforeEach(async () => {
    knex = await openDatabase({ client: 'sqlite', filename: ':memory:' });
    await migrateToLatest(knex);
    repos = createRepositories(knex);
    const services = createServices({ repos, scramIterations: 4096 });
    await services.domains.create('example.org');
    const account = await services.accounts.create({ jid: 'alice@example.org', password: 'a-long-enough-password' });
    owner = { accountId: account.id, bare: 'alice@example.org' };
    registry = new SessionRegistry();
    state = new RosterState(repos, registry);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const pushedItems = (session: FakeSession): string[] =>
    session.sent.map((iq) => {
      const query = iq.getChild('query');
      const item = query?.getChild('item');
      return `${iq.attrs.type} ver=${query?.attrs.ver} ${item?.attrs.jid} ${item?.attrs.subscription}${item?.attrs.ask ? ` ask=${item.attrs.ask}` : ''}`;
    });

  it('writes a new item, bumps the version and pushes it to interested sessions only', async () => {
    const interested = fakeSession(registry, 'phone', true);
    const other = fakeSession(registry, 'laptop', false);
    const change = await state.modify(owner, 'bob@example.org', () => ({ ...blankItem('bob@example.org'), askOut: true }));
    expect(change.before).toBeUndefined();
    expect(change.after?.askOut).toBe(true);
    expect(await repos.roster.get(owner.accountId, 'bob@example.org')).toMatchObject({ askOut: true, subscription: 'none' });
    expect(await state.version(owner.accountId)).toBe(1);
    expect(pushedItems(interested)).toEqual(['set ver=1 bob@example.org none ask=subscribe']);
    expect(interested.sent[0]?.attrs).toMatchObject({ from: 'alice@example.org', to: 'alice@example.org/phone' });
    expect(other.sent).toEqual([]);
  });

  it('does nothing, not even a version bump, when the item does not change', async () => {
    await state.modify(owner, 'bob@example.org', () => blankItem('bob@example.org'));
    const session = fakeSession(registry, 'phone', true);
    await state.modify(owner, 'bob@example.org', (item) => (item ? { ...item } : item));
    expect(await state.version(owner.accountId)).toBe(1);
    expect(session.sent).toEqual([]);
  });

  it('keeps a pending-only row without pushing it, and pushes it once it becomes a contact', async () => {
    const session = fakeSession(registry, 'phone', true);
    await state.modify(owner, 'bob@example.org', () => ({ ...blankItem('bob@example.org'), pendingIn: true }));
    expect(await repos.roster.get(owner.accountId, 'bob@example.org')).toMatchObject({ pendingIn: true });
    expect(await state.version(owner.accountId)).toBe(0);
    expect(session.sent).toEqual([]);
    await state.modify(owner, 'bob@example.org', (item) => (item ? { ...item, pendingIn: false, subscription: 'from' } : item));
    expect(pushedItems(session)).toEqual(['set ver=1 bob@example.org from']);
  });

  it('deletes a pending-only row once the request is answered with nothing left to keep', async () => {
    const session = fakeSession(registry, 'phone', true);
    await state.modify(owner, 'bob@example.org', () => ({ ...blankItem('bob@example.org'), pendingIn: true }));
    await state.modify(owner, 'bob@example.org', (item) => (item ? { ...item, pendingIn: false } : item));
    expect(await repos.roster.get(owner.accountId, 'bob@example.org')).toBeUndefined();
    expect(session.sent).toEqual([]);
  });

  it('keeps an empty row the user added, and pushes subscription=remove when deleting a visible one', async () => {
    await state.modify(owner, 'bob@example.org', () => blankItem('bob@example.org'));
    await state.modify(owner, 'bob@example.org', (item) => (item ? { ...item } : item));
    expect(await repos.roster.get(owner.accountId, 'bob@example.org')).toBeDefined();
    const session = fakeSession(registry, 'phone', true);
    await state.modify(owner, 'bob@example.org', () => undefined);
    expect(await repos.roster.get(owner.accountId, 'bob@example.org')).toBeUndefined();
    expect(pushedItems(session)).toEqual(['set ver=2 bob@example.org remove']);
  });

  it('serialises concurrent changes of one account: no update is lost, versions are pushed in order', async () => {
    const session = fakeSession(registry, 'phone', true);
    await state.modify(owner, 'bob@example.org', () => blankItem('bob@example.org'));
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        state.modify(owner, 'bob@example.org', (item) => (item ? { ...item, groups: [...item.groups, `g${i}`] } : item)),
      ),
    );
    expect((await repos.roster.get(owner.accountId, 'bob@example.org'))?.groups).toHaveLength(8);
    const versions = session.sent.map((iq) => Number(iq.getChild('query')?.attrs.ver));
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
