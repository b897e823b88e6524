// The dashboard's live checks against real sockets: a listening and a
// closed TCP port, a real SMTP server (smtp-server) and a closed one, a
// writable outbox folder and one that cannot be created.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMail, probeTcp, reachableHost } from './live-checks.js';

async function listen(server: Server | SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = (server instanceof SMTPServer ? (server as unknown as { server: Server }).server : server).address() as AddressInfo;
  return address.port;
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('dashboard live checks', () => {
  let tcp: Server;
  let smtp: SMTPServer;
  let tcpPort: number;
  let smtpPort: number;
  let dir: string;

  beforeAll(async () => {
    tcp = createServer((socket) => socket.end());
    tcpPort = await listen(tcp);
    smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    smtpPort = await listen(smtp);
    dir = mkdtempSync(join(tmpdir(), 'causerie-live-checks-'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees a listening port up and a closed one down, with the reason', async () => {
    expect(await probeTcp('127.0.0.1', tcpPort)).toEqual({ up: true });
    expect(await probeTcp('0.0.0.0', tcpPort)).toEqual({ up: true });
    expect(await probeTcp('127.0.0.1', await closedPort())).toEqual({ up: false, error: 'ECONNREFUSED' });
    expect((await probeTcp('127.0.0.1', 0)).up).toBe(false);
    expect(reachableHost('::')).toBe('::1');
  });

  it('checks SMTP with EHLO: up, and down with the reason, within the time-out', async () => {
    expect(await checkMail(`smtp://127.0.0.1:${smtpPort}`, join(dir, 'unused'))).toEqual({ ok: true, checked: 'smtp' });
    const started = Date.now();
    const down = await checkMail(`smtp://127.0.0.1:${await closedPort()}`, join(dir, 'unused'), 1000);
    expect(down).toMatchObject({ ok: false, checked: 'smtp', error: expect.stringContaining('ECONNREFUSED') });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('without SMTP, checks that the outbox folder can be written', async () => {
    expect(await checkMail(null, join(dir, 'outbox'))).toEqual({ ok: true, checked: 'outbox' });
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    expect(await checkMail(null, join(dir, 'a-file', 'outbox'))).toMatchObject({ ok: false, checked: 'outbox', error: expect.stringContaining('ENOTDIR') });
  });
});
