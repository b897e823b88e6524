// XEP-0363 HTTP File Upload over real sockets: slot requests with
// @xmpp/client, PUT and GET with Node's fetch over HTTPS (the test CA is
// trusted through NODE_EXTRA_CA_CERTS); size limit, quota, single-use and
// expiring slots, the WebDAV policy, and account deletion freeing files.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';
import { startSlixmppAgent } from '../helpers/slixmpp-agent.js';

const UPLOAD = `upload.${TEST_DOMAIN}`;
const NS = 'urn:xmpp:http:upload:0';
const FILES = 'urn:causerie:files:0';
const MAX = 1000;
const QUOTA = 2500;
type Element = TestClient['received'][number];

function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildElements().find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text')?.name;
}

let counter = 0;
/** Sends an iq and returns its answer, result or error (iqCaller rejects on errors). */
async function ask(client: TestClient, iq: Element): Promise<Element> {
  counter += 1;
  iq.attrs.id = `up${counter}`;
  const answer = client.waitFor((s) => s.name === 'iq' && s.attrs.id === iq.attrs.id && (s.attrs.type === 'result' || s.attrs.type === 'error'), 10_000, `iq ${iq.attrs.id}`);
  await client.send(iq);
  return answer;
}

function requestSlot(client: TestClient, filename: string, size: number, contentType?: string): Promise<Element> {
  return ask(client, xml('iq', { type: 'get', to: UPLOAD }, xml('request', { xmlns: NS, filename, size: String(size), ...(contentType ? { 'content-type': contentType } : {}) })));
}

function urls(answer: Element): { put: string; get: string } {
  const slot = answer.getChild('slot', NS);
  const put = slot?.getChild('put')?.attrs.url as string | undefined;
  const get = slot?.getChild('get')?.attrs.url as string | undefined;
  if (answer.attrs.type !== 'result' || !put || !get) throw new Error(`no slot: ${answer.toString()}`);
  return { put, get };
}

function put(url: string, body: Uint8Array, contentType?: string): Promise<Response> {
  return fetch(url, { method: 'PUT', body, headers: contentType ? { 'content-type': contentType } : {} });
}

function bytes(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 256);
}

for (const db of testDatabaseConfigs()) {
  describe(`HTTP file upload (XEP-0363) on ${db.name}`, () => {
    let node: TestNode;
    const clients: Record<string, TestClient> = {};
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make(), limits: { maxUploadBytes: MAX, defaultQuotaBytes: QUOTA } });
      for (const name of ['anna', 'bob', 'carl', 'dora']) {
        const user = await node.createUser(name);
        const account = await node.services.repos.accounts.getByAddress(name, TEST_DOMAIN);
        if (!account) throw new Error(`no account ${name}`);
        ids[name] = account.id;
        clients[name] = await connectClient(node, user, { resource: 'upload' });
      }
    }, 60_000);

    afterAll(async () => {
      await Promise.all(Object.values(clients).map((c) => c.stop()));
      await node?.close();
    });

    it('is listed in the server disco items and announces its maximum file size', async () => {
      const anna = clients.anna as TestClient;
      const items = await ask(anna, xml('iq', { type: 'get', to: TEST_DOMAIN }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect(items.getChild('query')?.getChildren('item').map((i) => i.attrs.jid)).toContain(UPLOAD);
      const info = await ask(anna, xml('iq', { type: 'get', to: UPLOAD }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const query = info.getChild('query');
      expect(query?.getChild('identity')?.attrs).toMatchObject({ category: 'store', type: 'file' });
      expect(query?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS);
      const fields = query?.getChild('x', 'jabber:x:data')?.getChildren('field') ?? [];
      expect(fields.find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value')).toBe(NS);
      expect(fields.find((f) => f.attrs.var === 'max-file-size')?.getChildText('value')).toBe(String(MAX));
    });

    it('gives a slot, takes the PUT, serves the file to another account with safe headers and ranges', async () => {
      const body = bytes(600, 1);
      const answer = await requestSlot(clients.anna as TestClient, 'photo été/../x.png', body.length, 'image/png');
      const { put: putUrl, get: getUrl } = urls(answer);
      expect(putUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/upload\/[A-Za-z0-9_-]{24}\/x\.png$/);
      expect(getUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/files\/[A-Za-z0-9_-]{24}\/x\.png$/);
      expect((await fetch(getUrl)).status).toBe(404);

      const uploaded = await put(putUrl, body, 'image/png');
      expect(uploaded.status).toBe(201);

      const token = getUrl.split('/')[4] as string;
      const stored = join(node.dataDir, 'files', String(ids.anna), token);
      expect(new Uint8Array(readFileSync(stored))).toEqual(body);

      // Bob only knows the URL (as when Anna shares it in a room).
      const got = await fetch(getUrl);
      expect(got.status).toBe(200);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(body);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('content-disposition')).toBe(`inline; filename="x.png"; filename*=UTF-8''x.png`);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toContain('sandbox');
      expect(got.headers.get('cache-control')).toContain('max-age=');

      const range = await fetch(getUrl, { headers: { range: 'bytes=10-19' } });
      expect(range.status).toBe(206);
      expect(new Uint8Array(await range.arrayBuffer())).toEqual(body.slice(10, 20));

      const guessed = getUrl.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
      expect((await fetch(guessed)).status).toBe(404);
    });

    it('serves non-images as attachments with a UTF-8 file name, and refuses a second PUT on a used slot', async () => {
      const body = new TextEncoder().encode('<script>alert(1)</script>');
      const { put: putUrl, get: getUrl } = urls(await requestSlot(clients.bob as TestClient, 'Compte rendu é.html', body.length, 'text/html'));
      expect((await put(putUrl, body, 'text/html; charset=utf-8')).status).toBe(201);
      const got = await fetch(getUrl);
      expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Compte rendu _.html"; filename*=UTF-8''Compte%20rendu%20%C3%A9.html`);
      expect(got.headers.get('content-type')).toBe('text/html');

      const again = await put(putUrl, body, 'text/html');
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(((await again.json()) as { detail: string }).detail).toContain('already used');
    });

    it('refuses a PUT whose size or content type differs from the slot, and keeps the slot usable', async () => {
      const body = bytes(100, 2);
      const { put: putUrl, get: getUrl } = urls(await requestSlot(clients.bob as TestClient, 'notes.txt', body.length, 'text/plain'));
      const shorter = await put(putUrl, body.slice(0, 99), 'text/plain');
      expect(shorter.status).toBe(400);
      expect(((await shorter.json()) as { detail: string }).detail).toContain('Content-Length must be 100');
      const wrongType = await put(putUrl, body, 'application/pdf');
      expect(wrongType.status).toBe(400);
      expect(((await wrongType.json()) as { detail: string }).detail).toContain('Content-Type must be text/plain');
      expect((await fetch(getUrl)).status).toBe(404);
      expect((await put(putUrl, body, 'text/plain')).status).toBe(201);
      expect(new Uint8Array(await (await fetch(getUrl)).arrayBuffer())).toEqual(body);
    });

    it('cuts off a streamed body longer than announced, and takes the right one', async () => {
      const { put: putUrl, get: getUrl } = urls(await requestSlot(clients.bob as TestClient, 'stream.bin', 10));
      const streamed = (chunks: Uint8Array[]) =>
        fetch(putUrl, {
          method: 'PUT',
          // A stream body has no Content-Length: the server counts while it writes.
          body: new ReadableStream<Uint8Array>({ start(controller) { for (const chunk of chunks) controller.enqueue(chunk); controller.close(); } }),
          duplex: 'half',
        } as RequestInit);
      const tooLong = await streamed([bytes(6, 7), bytes(6, 8)]);
      expect(tooLong.status).toBe(400);
      expect(((await tooLong.json()) as { detail: string }).detail).toContain('larger than the 10 bytes');
      const tooShort = await streamed([bytes(4, 7)]);
      expect(tooShort.status).toBe(400);
      expect((await fetch(getUrl)).status).toBe(404);
      expect((await streamed([bytes(4, 7), bytes(6, 8)])).status).toBe(201);
      expect(new Uint8Array(await (await fetch(getUrl)).arrayBuffer())).toEqual(Uint8Array.from([...bytes(4, 7), ...bytes(6, 8)]));
    });

    it('refuses an expired slot with 410', async () => {
      const token = 'expiredSlotToken12345678';
      await node.services.repos.files.insert({ ownerAccountId: ids.bob as number, token, filename: 'old.txt', contentType: null, size: 3, storagePath: `${ids.bob}/${token}`, createdAt: new Date(Date.now() - 6 * 60 * 1000) });
      const response = await put(`${node.config.publicUrl}/upload/${token}/old.txt`, bytes(3, 3));
      expect(response.status).toBe(410);
      expect(((await response.json()) as { detail: string }).detail).toContain('expired');
    });

    it('answers file-too-large with the maximum size, and refuses bad requests', async () => {
      const anna = clients.anna as TestClient;
      const tooLarge = await requestSlot(anna, 'big.bin', MAX + 1);
      expect(tooLarge.attrs.type).toBe('error');
      expect(errorCondition(tooLarge)).toBe('not-acceptable');
      expect(tooLarge.getChild('error')?.getChild('file-too-large', NS)?.getChildText('max-size')).toBe(String(MAX));
      expect(tooLarge.getChild('error')?.getChildText('text')).toContain('too large');
      expect(errorCondition(await requestSlot(anna, 'zero.bin', 0))).toBe('bad-request');
      expect(errorCondition(await requestSlot(anna, 'x.bin', 10, 'not a type'))).toBe('bad-request');
    });

    it('counts complete files and pending slots against the quota and says how much is left', async () => {
      const dora = clients.dora as TestClient;
      const first = urls(await requestSlot(dora, 'a.bin', 900));
      expect((await put(first.put, bytes(900, 4))).status).toBe(201);
      urls(await requestSlot(dora, 'b.bin', 900)); // pending: reserves its size
      const over = await requestSlot(dora, 'c.bin', 800);
      expect(over.attrs.type).toBe('error');
      expect(errorCondition(over)).toBe('resource-constraint');
      expect(over.getChild('error')?.getChildText('text')).toContain('quota');
      expect(over.getChild('error')?.getChild('file-too-large', NS)?.getChildText('max-size')).toBe(String(QUOTA - 1800));
      expect(urls(await requestSlot(dora, 'd.bin', QUOTA - 1800)).put).toContain('/upload/');

      // An account's own quota replaces the default.
      await node.services.repos.accounts.update(ids.dora as number, { quotaBytes: 10_000 });
      expect(urls(await requestSlot(dora, 'e.bin', 800)).put).toContain('/upload/');
    });

    it('refuses slots and PUTs when WebDAV is off for the account, saying why', async () => {
      const carl = clients.carl as TestClient;
      const slot = urls(await requestSlot(carl, 'before.txt', 5));
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, ids.carl as number, { webdav: false });
      const refused = await requestSlot(carl, 'after.txt', 5);
      expect(errorCondition(refused)).toBe('not-allowed');
      expect(refused.getChild('error')?.getChildText('text')).toContain('WebDAV');
      const late = await put(slot.put, bytes(5, 5));
      expect(late.status).toBe(403);
      expect(((await late.json()) as { detail: string }).detail).toContain('WebDAV');
      await node.services.policies.setAccountPolicy(SYSTEM_ACTOR, ids.carl as number, { webdav: null });
      expect(urls(await requestSlot(carl, 'again.txt', 5)).put).toContain('/upload/');
    });

    it('lists an account\'s own files with its quota, and deletes one by its URL (owner only)', async () => {
      const anna = clients.anna as TestClient;
      const listFiles = () => ask(anna, xml('iq', { type: 'get', to: UPLOAD }, xml('list', { xmlns: FILES })));
      const before = (await listFiles()).getChild('files', FILES);
      expect(before?.attrs).toMatchObject({ used: '600', quota: String(QUOTA) });
      const files = before?.getChildren('file') ?? [];
      expect(files.map((f) => f.attrs)).toEqual([expect.objectContaining({ name: 'x.png', size: '600', type: 'image/png', url: expect.stringMatching(/\/files\/[A-Za-z0-9_-]{24}\/x\.png$/) })]);
      const url = files[0]?.attrs.url as string;

      const deleteBy = (client: TestClient, target: string) => ask(client, xml('iq', { type: 'set', to: UPLOAD }, xml('delete', { xmlns: FILES, url: target })));
      expect(errorCondition(await deleteBy(clients.dora as TestClient, url))).toBe('item-not-found');
      expect((await fetch(url)).status).toBe(200);
      expect((await deleteBy(anna, url)).attrs.type).toBe('result');
      expect((await fetch(url)).status).toBe(404);
      expect(existsSync(join(node.dataDir, 'files', String(ids.anna), url.split('/')[4] as string))).toBe(false);
      const after = (await listFiles()).getChild('files', FILES);
      expect(after?.attrs.used).toBe('0');
      expect(after?.getChildren('file')).toEqual([]);
      expect(errorCondition(await deleteBy(anna, url))).toBe('item-not-found');
      expect(errorCondition(await deleteBy(anna, 'not a url'))).toBe('item-not-found');
    });

    it('works with slixmpp\'s own XEP-0363 plugin (disco, slot, PUT with aiohttp)', async () => {
      await node.createUser('sli', 'slixmpp-password');
      const caFile = join(mkdtempSync(join(tmpdir(), 'causerie-ca-')), 'ca.pem');
      writeFileSync(caFile, node.caPem);
      const agent = await startSlixmppAgent();
      try {
        await agent.call('connect', { jid: `sli@${TEST_DOMAIN}`, password: 'slixmpp-password', host: '127.0.0.1', port: node.ports.c2s, ca_file: caFile, mechanism: 'SCRAM-SHA-256' });
        const body = Buffer.from('Bonjour depuis slixmpp ✓');
        const result = await agent.call('http_upload', { filename: 'bonjour.txt', data: body.toString('base64'), content_type: 'text/plain', ca_file: caFile });
        expect(result.max_file_size).toBe(MAX);
        const got = await fetch(result.url);
        expect(got.status).toBe(200);
        expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
        // slixmpp refuses, from the announced max-file-size, before asking for a slot.
        await expect(agent.call('http_upload', { filename: 'big.bin', data: Buffer.alloc(MAX + 1).toString('base64'), ca_file: caFile })).rejects.toThrow(/file-too-large/);
      } finally {
        await agent.close();
      }
    });

    it('frees the files of a deleted account', async () => {
      const bob = clients.bob as TestClient;
      const body = bytes(50, 6);
      const { put: putUrl, get: getUrl } = urls(await requestSlot(bob, 'bye.bin', body.length));
      expect((await put(putUrl, body)).status).toBe(201);
      const folder = join(node.dataDir, 'files', String(ids.bob));
      expect(existsSync(folder)).toBe(true);
      await node.services.accounts.delete(`bob@${TEST_DOMAIN}`);
      await eventually(() => expect(existsSync(folder)).toBe(false));
      expect((await fetch(getUrl)).status).toBe(404);
    });
  });
}
