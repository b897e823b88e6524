// Memory per idle TLS connection of a bare Node.js TLS server (tls-server.mjs),
// measured like the `idle` scenario: RSS of the server process before and after
// N connections that completed a handshake and sent a few bytes. It tells how
// much of Causerie's figure is Node's own TLS socket rather than the XMPP session.
//   npx tsx bench/probes/tls-floor.ts [connections=1000] [starttls|direct] [rsa2048|ec256]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect as connectTcp } from 'node:net';
import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { makeSelfSignedCert } from '../servers/tls-cert.js';
import type { KeyType } from '../servers/tls-cert.js';
import { sampleProcesses } from '../load/proc-stats.js';
import { runBounded } from '../load/bounded.js';

const connections = Number(process.argv[2] ?? 1000);
const mode = process.argv[3] === 'direct' ? 'direct' : 'starttls';
const keyType = (process.argv[4] ?? 'rsa2048') as KeyType;
const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const dir = await mkdtemp(path.join(tmpdir(), 'tls-floor-'));
const cert = await makeSelfSignedCert(dir, 'localhost', keyType);
const server = spawn(process.execPath, [path.join(here, 'tls-server.mjs'), mode, cert.certPath, cert.keyPath], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    server.once('exit', () => reject(new Error('the TLS server exited')));
  });
  const pid = server.pid ?? 0;
  await sleep(2000);
  const before = sampleProcesses([pid]);
  const sockets: TLSSocket[] = [];
  const handshake = (raw?: import('node:net').Socket): Promise<void> => new Promise<void>((resolve, reject) => {
    const target = raw ? { socket: raw } : { host: '127.0.0.1', port };
    const socket = connect({ ...target, rejectUnauthorized: false }, () => {
      socket.write('<presence/>');
      sockets.push(socket);
      resolve();
    });
    socket.once('error', reject);
  });
  const starttls = (): Promise<void> => new Promise<void>((resolve, reject) => {
    const raw = connectTcp(port, '127.0.0.1', () => raw.write('<starttls/>\n'));
    raw.once('data', () => handshake(raw).then(resolve, reject));
    raw.once('error', reject);
  });
  await runBounded(connections, 50, () => (mode === 'starttls' ? starttls() : handshake()));
  await sleep(5000);
  const after = sampleProcesses([pid]);
  const perConnection = (after.rssKiB - before.rssKiB) / sockets.length;
  console.log(`bare Node.js ${process.version} TLS server, ${mode}, ${keyType}: ${sockets.length} connections, RSS ${(before.rssKiB / 1024).toFixed(1)} → ${(after.rssKiB / 1024).toFixed(1)} MiB, ${perConnection.toFixed(1)} KiB per connection`);
  for (const socket of sockets) socket.destroy();
} finally {
  server.kill();
  await rm(dir, { recursive: true, force: true });
}
