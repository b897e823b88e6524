// Proves the slixmpp interop driver against a real server. Causerie's server does not
// exist yet, so Debian's Prosody stands in (test/helpers/prosody-fixture.ts).
// RFC 6120 §6 (SASL), §7 (bind), RFC 6121 §2 (roster), §5 (messages); XEP-0030, XEP-0199.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody } from './prosody-fixture.js';
import type { ProsodyServer } from './prosody-fixture.js';
import { AgentCommandError, startSlixmppAgent } from './slixmpp-agent.js';
import type { SlixmppAgent } from './slixmpp-agent.js';

const ALICE = { username: 'alice', password: 'alice-secret' };
const BOB = { username: 'bob', password: 'bob-secret' };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('slixmpp agent against Prosody', { timeout: 30_000 }, () => {
  let server: ProsodyServer;
  let alice: SlixmppAgent;
  let bob: SlixmppAgent;
  let aliceJid: string;
  let bobJid: string;

  beforeAll(async () => {
    server = await startProsody({ users: [ALICE, BOB] });
    [alice, bob] = await Promise.all([startSlixmppAgent(), startSlixmppAgent()]);
  }, 60_000);

  afterAll(async () => {
    // Safety net when a test failed half-way; each call is a no-op once done.
    await Promise.all([alice?.close(), bob?.close()]);
    await server?.stop();
  }, 30_000);

  it('answers ok:false not-authorized for a wrong password instead of hanging', async () => {
    const attempt = alice.call('connect', {
      jid: `alice@${server.host}`, password: 'not-the-password', port: server.c2sPort, ca_file: server.caFile,
    });
    await expect(attempt).rejects.toBeInstanceOf(AgentCommandError);
    await expect(attempt).rejects.toMatchObject({ condition: 'not-authorized' });
  });

  it('refuses a server certificate that the given CA file does not vouch for', async () => {
    const otherCa = join(server.dir, 'other-ca.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${server.host}`, '-keyout', join(server.dir, 'other-key.pem'), '-out', otherCa,
    ]);
    const attempt = bob.call('connect', {
      jid: `bob@${server.host}`, password: BOB.password, port: server.directTlsPort, mode: 'direct_tls', ca_file: otherCa,
    });
    await expect(attempt).rejects.toThrow(/certificate-invalid/);
  });

  it('connects both agents with a verified certificate, over STARTTLS and direct TLS', async () => {
    const a = await alice.call('connect', {
      jid: `alice@${server.host}`, password: ALICE.password, port: server.c2sPort,
      ca_file: server.caFile, mechanism: 'SCRAM-SHA-1', resource: 'interop',
    });
    const b = await bob.call('connect', {
      jid: `bob@${server.host}`, password: BOB.password, port: server.directTlsPort,
      mode: 'direct_tls', ca_file: server.caFile, mechanism: 'PLAIN',
    });
    expect(a).toEqual({ jid: `alice@${server.host}/interop`, mechanism: 'SCRAM-SHA-1' });
    expect(b.mechanism).toBe('PLAIN');
    expect(b.jid.startsWith(`bob@${server.host}/`)).toBe(true);
    aliceJid = a.jid;
    bobJid = b.jid;
    await expect(alice.call('connect', { jid: `alice@${server.host}`, password: ALICE.password, port: server.c2sPort }))
      .rejects.toMatchObject({ condition: 'already-connected' });
  });

  it('sets a roster item, reads it back and sees the roster push', async () => {
    // Pushes go only to "interested resources", i.e. those that fetched the roster (RFC 6121 §2.1.6).
    expect((await alice.call('roster_get')).items).toEqual([]);
    await alice.call('roster_set', { jid: `bob@${server.host}`, name: 'Bob', groups: ['Friends', 'Work'] });
    const push = await alice.waitFor('roster_push', (e) => e.items.some((i) => i.jid === `bob@${server.host}`));
    expect(push.items[0]?.name).toBe('Bob');
    const roster = await alice.call('roster_get');
    expect(roster.items).toEqual([
      { jid: `bob@${server.host}`, name: 'Bob', subscription: 'none', ask: null, groups: ['Friends', 'Work'] },
    ]);
    await alice.call('roster_remove', { jid: `bob@${server.host}` });
    expect((await alice.call('roster_get')).items).toEqual([]);
  });

  it('delivers a chat message from A to B as a message event, and archives it', async () => {
    await bob.call('send_presence', { status: 'here' });
    const sent = await alice.call('send_message', { to: bobJid, body: 'hello from slixmpp', id: 'interop-1' });
    expect(sent.message_id).toBe('interop-1');
    const received = await bob.waitFor('message', (m) => m.id === 'interop-1');
    expect(received).toMatchObject({ from: aliceJid, body: 'hello from slixmpp', type: 'chat', carbon: null });
    const archive = await alice.call('mam_query', { with: bobJid.split('/')[0], max: 10 });
    expect(archive.messages.map((m) => m.body)).toContain('hello from slixmpp');
    expect(archive.complete).toBe(true);
  });

  it('reports presence from another resource and carbons of sent and received messages', async () => {
    const second = await startSlixmppAgent();
    try {
      await second.call('connect', {
        jid: `alice@${server.host}`, password: ALICE.password, port: server.c2sPort, ca_file: server.caFile, resource: 'second',
      });
      await second.call('enable_carbons');
      await alice.call('send_presence', {});
      await second.call('send_presence', { show: 'away', status: 'elsewhere' });
      const seen = await alice.waitFor('presence', (p) => p.from === `alice@${server.host}/second`);
      expect(seen).toMatchObject({ type: 'available', show: 'away', status: 'elsewhere' });

      await alice.call('send_message', { to: bobJid, body: 'copy me', id: 'carbon-sent-1' });
      const sentCopy = await second.waitFor('message', (m) => m.id === 'carbon-sent-1');
      expect(sentCopy).toMatchObject({ carbon: 'sent', from: aliceJid, to: bobJid, body: 'copy me' });

      await bob.call('send_message', { to: aliceJid, body: 'reply', id: 'carbon-received-1' });
      const direct = await alice.waitFor('message', (m) => m.id === 'carbon-received-1');
      expect(direct.carbon).toBeNull();
      const receivedCopy = await second.waitFor('message', (m) => m.id === 'carbon-received-1');
      expect(receivedCopy).toMatchObject({ carbon: 'received', from: bobJid, to: aliceJid, body: 'reply' });
    } finally {
      await second.close();
    }
  });

  it('runs a subscription handshake: subscribe, presence event, subscribed, roster push', async () => {
    const bobBare = `bob@${server.host}`;
    const aliceBare = `alice@${server.host}`;
    await alice.call('subscribe', { jid: bobBare });
    const request = await bob.waitFor('presence', (p) => p.type === 'subscribe');
    expect(request.from).toBe(aliceBare);
    await bob.call('subscribed', { jid: aliceBare });
    const push = await alice.waitFor('roster_push', (e) => e.items.some((i) => i.jid === bobBare && i.subscription === 'to'));
    expect(push.items[0]?.ask).toBeNull();
  });

  it('pages through the archive and reads vCard and software version', async () => {
    const bobBare = bobJid.split('/')[0] ?? '';
    for (const n of [1, 2, 3]) await alice.call('send_message', { to: bobBare, body: `page ${n}`, id: `page-${n}` });
    await bob.waitFor('message', (m) => m.id === 'page-3');
    const last = await alice.call('mam_query', { with: bobBare, max: 2, before: '' });
    expect(last.messages.map((m) => m.body)).toEqual(['page 2', 'page 3']);
    expect(last.messages[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    const previous = await alice.call('mam_query', { with: bobBare, max: 1, before: last.first ?? '' });
    expect(previous.messages.map((m) => m.body)).toEqual(['page 1']);

    await alice.call('vcard_set', { fn: 'Alice Interop', nickname: 'ali' });
    expect(await alice.call('vcard_get', { jid: `alice@${server.host}` })).toMatchObject({ fn: 'Alice Interop', nickname: 'ali' });
    expect((await bob.call('version', { jid: server.host })).name).toBe('Prosody');
  });

  it('lists the server features through disco#info and pings the server', async () => {
    const info = await alice.call('disco_info', { jid: server.host });
    expect(info.identities).toContainEqual(expect.objectContaining({ category: 'server', type: 'im' }));
    expect(info.features).toEqual(expect.arrayContaining(['urn:xmpp:ping', 'jabber:iq:roster', 'urn:xmpp:carbons:2']));
    await alice.call('ping', { jid: server.host });
    const raw = await alice.call('iq_raw', { xml: `<iq type='get' to='${server.host}'><query xmlns='urn:example:none'/></iq>` });
    expect(raw.type).toBe('error');
    expect(raw.xml).toContain('service-unavailable');
  });

  it('stops everything cleanly', async () => {
    await alice.call('disconnect');
    await alice.waitFor('disconnected');
    await expect(alice.call('ping')).rejects.toMatchObject({ condition: 'not-connected' });
    await Promise.all([alice.close(), bob.close()]);
    expect(isRunning(alice.pid)).toBe(false);
    expect(isRunning(bob.pid)).toBe(false);
    await server.stop();
    await expect(startSlixmppAgent().then(async (probe) => {
      try {
        return await probe.call('connect', { jid: `alice@${server.host}`, password: ALICE.password, port: server.c2sPort });
      } finally {
        await probe.close();
      }
    })).rejects.toThrow(/connection-failed/);
  });
});
