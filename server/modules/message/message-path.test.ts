// MessagePath with fake sessions and a controllable durable writer: what is
// archived, that delivery waits for the commit, what a failed commit or an
// offline refusal does, and that order per sender holds meanwhile.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { EventBus } from '../../core/events.js';
import type { HookPayloads, StanzaEvent } from '../../core/hooks.js';
import { parseJid } from '../../core/jid.js';
import { createLogger } from '../../core/logger.js';
import type { ModuleContext } from '../../core/module.js';
import type { DurableWrite } from '../../domain/durable-writer.js';
import { NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import type { AccountDirectory } from './account-directory.js';
import { MessagePath } from './message-path.js';
import { SenderOrder } from './sender-order.js';

const log = createLogger('error', 'test', () => undefined);
const ACCOUNTS: Record<string, number> = { 'alice@x.test': 1, 'bob@x.test': 2 };

type FakeSession = ClientSession & { sent: Element[] };

function session(full: string, options: { available?: boolean; priority?: number } = {}): FakeSession {
  const jid = parseJid(full);
  const sent: Element[] = [];
  const fake = {
    sent,
    jid,
    account: { id: ACCOUNTS[jid.bare], disabled: false },
    presence: options.available === false ? undefined : el('presence'),
    priority: options.priority ?? 0,
    carbons: false,
    get isAvailable() {
      return this.presence !== undefined;
    },
    send: (s: Element) => void sent.push(s),
    sendSerialized: (_xml: string, s: Element) => void sent.push(s),
  };
  return fake as unknown as FakeSession;
}

function harness(sessions: FakeSession[]) {
  const writes: DurableWrite[] = [];
  const commits: Array<{ resolve(): void; reject(e: unknown): void }> = [];
  const replies: Array<{ stanza: Element; error: AppError }> = [];
  const events = new EventBus<HookPayloads>();
  const byBare = (bare: string) => sessions.filter((s) => s.jid?.bare === bare);
  const ctx = {
    log,
    events,
    durable: {
      write: (op: DurableWrite) => {
        writes.push(op);
        return new Promise<void>((resolve, reject) => commits.push({ resolve, reject }));
      },
    },
    router: { reply: (_origin: unknown, stanza: Element, error: AppError) => void replies.push({ stanza, error }) },
    sessions: {
      get: (bare: string, resource: string) => byBare(bare).find((s) => s.jid?.resource === resource),
      sessionsOf: byBare,
      availableOf: (bare: string) => byBare(bare).filter((s) => s.isAvailable),
    },
  } as unknown as ModuleContext;
  const directory = {
    find: async (jid: { bare: string }) => (ACCOUNTS[jid.bare] === undefined ? undefined : { id: ACCOUNTS[jid.bare], bare: jid.bare }),
  } as unknown as AccountDirectory;
  const path = new MessagePath(ctx, directory, new SenderOrder(log));
  const acks: Promise<unknown>[] = [];
  const event = (origin: FakeSession, stanza: Element): StanzaEvent => {
    stanza.attrs.from = origin.jid?.full ?? '';
    return { stanza, origin, from: origin.jid ?? parseJid('x.test'), to: parseJid(stanza.attrs.to ?? origin.jid?.bare ?? ''), durable: (p) => void acks.push(p) };
  };
  return { path, writes, commits, replies, events, event, acks };
}

const tick = () => new Promise((r) => setImmediate(r));
const chat = (to: string, id: string, body?: string) => el('message', { to, id, type: 'chat' }, body === undefined ? el('active', { xmlns: 'http://jabber.org/protocol/chatstates' }) : el('body', null, body));

describe('MessagePath', () => {
  it('archives one copy per side, each with its own stanza-id, and delivers only after the commit', async () => {
    const alice = session('alice@x.test/desk');
    const bob = session('bob@x.test/phone');
    const h = harness([alice, bob]);
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'm1', 'hi')));
    expect(h.acks).toHaveLength(1);
    const rows = h.writes[0]?.archive ?? [];
    expect(rows.map((r) => [r.owner, r.withJid, r.senderAccountId])).toEqual([
      [{ kind: 'user', accountId: 2 }, 'alice@x.test', 1],
      [{ kind: 'user', accountId: 1 }, 'bob@x.test', 1],
    ]);
    expect(rows[0]?.stanza).toContain(`by="bob@x.test" id="${rows[0]?.stanzaId}"`);
    expect(rows[1]?.stanza).toContain(`by="alice@x.test" id="${rows[1]?.stanzaId}"`);
    await tick();
    expect(bob.sent).toHaveLength(0);
    h.commits[0]?.resolve();
    await tick();
    expect(bob.sent).toHaveLength(1);
    expect(bob.sent[0]?.getChild('stanza-id', NS_SID)?.attrs).toMatchObject({ by: 'bob@x.test', id: rows[0]?.stanzaId });
  });

  it('keeps a later chat state behind a message waiting for its commit', async () => {
    const alice = session('alice@x.test/desk');
    const bob = session('bob@x.test/phone');
    const h = harness([alice, bob]);
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'm1', 'hi')));
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'state')));
    expect(h.writes).toHaveLength(1);
    await tick();
    expect(bob.sent).toHaveLength(0);
    h.commits[0]?.resolve();
    await tick();
    expect(bob.sent.map((s) => s.attrs.id)).toEqual(['m1', 'state']);
  });

  it('answers internal-server-error and delivers nothing when the commit fails', async () => {
    const alice = session('alice@x.test/desk');
    const bob = session('bob@x.test/phone');
    const h = harness([alice, bob]);
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'm1', 'hi')));
    h.commits[0]?.reject(new Error('disk full'));
    await tick();
    expect(bob.sent).toHaveLength(0);
    expect(h.replies.map((r) => [r.stanza.attrs.id, r.error.condition])).toEqual([['m1', 'internal-server-error']]);
    expect(h.replies[0]?.error.text).not.toContain('disk full');
  });

  it('hands messages for an absent account to offline storage, and passes its refusal to the sender without archiving', async () => {
    const alice = session('alice@x.test/desk');
    const h = harness([alice]);
    const offered: Element[] = [];
    h.events.hook('message-offline', ({ stanza, durable }) => {
      offered.push(stanza);
      if (offered.length === 2) throw new AppError('resource-constraint', 'full');
      durable(Promise.resolve());
      return true;
    });
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'm1', 'stored')));
    expect(offered[0]?.getChild('stanza-id', NS_SID)?.attrs.by).toBe('bob@x.test');
    expect(h.writes).toHaveLength(1);
    await h.path.toBare(h.event(alice, chat('bob@x.test', 'm2', 'refused')));
    expect(h.writes).toHaveLength(1);
    expect(h.replies.map((r) => [r.stanza.attrs.id, r.error.condition, r.error.text])).toEqual([['m2', 'resource-constraint', 'full']]);
  });

  it('archives a note to self once and delivers it to every available resource', async () => {
    const phone = session('alice@x.test/phone');
    const laptop = session('alice@x.test/laptop', { priority: 3 });
    const hidden = session('alice@x.test/hidden', { priority: -1 });
    const h = harness([phone, laptop, hidden]);
    await h.path.toBare(h.event(phone, chat('alice@x.test', 'n1', 'note')));
    expect(h.writes[0]?.archive?.map((r) => [r.owner, r.withJid])).toEqual([[{ kind: 'user', accountId: 1 }, 'alice@x.test']]);
    h.commits[0]?.resolve();
    await tick();
    expect([phone, laptop, hidden].map((s) => s.sent.length)).toEqual([1, 1, 0]);
  });

  it('delivers an error to a bound full JID but drops errors to a bare JID', async () => {
    const alice = session('alice@x.test/desk');
    const bob = session('bob@x.test/phone', { available: false });
    const h = harness([alice, bob]);
    const error = (to: string) => el('message', { type: 'error', id: 'e1', to }, el('error', { type: 'cancel' }));
    await h.path.toBare(h.event(alice, error('bob@x.test')));
    await h.path.toFull(h.event(alice, error('bob@x.test/phone')));
    await tick();
    expect(bob.sent.map((s) => s.attrs.to)).toEqual(['bob@x.test/phone']);
    expect(h.writes).toHaveLength(0);
    expect(h.replies).toHaveLength(0);
  });
});
