// Process and port helpers shared by the server adapters: free loopback ports,
// spawning a server with its output in a log file, waiting for a listener, and
// stopping exactly the process we started (SIGTERM, then SIGKILL after a grace period).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago (the OS picked it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Several distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export interface SpawnedServer {
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<string>;
}

/** Spawns `command` with stdout and stderr appended to `logPath`. */
export function spawnLogged(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logPath: string },
): SpawnedServer {
  const fd = openSync(options.logPath, 'a');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd] });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
  });
  return { child, exited };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Waits until every port accepts TCP connections; fails early if the process exits. */
export async function waitForPorts(
  server: SpawnedServer,
  host: string,
  ports: readonly number[],
  timeoutMs: number,
  logPath: string,
): Promise<void> {
  let exitedWith: string | undefined;
  void server.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    for (;;) {
      if (exitedWith !== undefined) throw new Error(`server exited (${exitedWith}) before listening; see ${logPath}`);
      if (await canConnect(host, port)) break;
      if (Date.now() > deadline) throw new Error(`port ${port} not listening after ${timeoutMs} ms; see ${logPath}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** SIGTERM our own child, SIGKILL it after `graceMs`, resolve once it has exited. */
export async function stopChild(server: SpawnedServer, graceMs = 10_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}
