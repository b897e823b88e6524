// Benchmark runner: one scenario against each chosen server in turn, with identical
// parameters, then a side-by-side table on stdout and a JSON file in bench/results/.
// Usage: npx tsx bench/run.ts <scenario> [--servers prosody,ejabberd] [options]  (--help)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './load/bounded.js';
import { sampleProcesses } from './load/proc-stats.js';
import type { ClientOptions } from './load/xmpp-client.js';
import type { RunArgs } from './runner/cli-args.js';
import { parseArgs, usage } from './runner/cli-args.js';
import { machineInfo } from './runner/machine.js';
import type { RunReport, ServerOutcome } from './runner/report.js';
import { renderTable, writeReport } from './runner/report.js';
import { findScenario, scenarios } from './scenarios/index.js';
import type { ScenarioContext } from './scenarios/types.js';
import { findServerAdapter } from './servers/index.js';
import { makeSelfSignedCert } from './servers/tls-cert.js';
import type { BenchUser, CertFiles, RunningServer, ServerAdapter } from './servers/types.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

function log(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function makeUsers(count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => {
    const username = `u${String(i + 1).padStart(6, '0')}`;
    return { username, password: `pw-${username}` };
  });
}

function contextFor(server: RunningServer, users: readonly BenchUser[], args: RunArgs): ScenarioContext {
  const ep = server.endpoints;
  return {
    server,
    users,
    common: { transport: args.transport, hash: args.hash, loginTimeoutMs: args.loginTimeoutMs },
    clientOptions: (user, resource, presence): ClientOptions => ({
      endpoint: { kind: args.transport, host: ep.host, port: ep.c2sPort, url: ep.websocketUrl, domain: ep.domain, tls: {} },
      username: user.username,
      password: user.password,
      resource,
      hash: args.hash,
      presence,
      timeoutMs: args.loginTimeoutMs,
    }),
    sample: () => sampleProcesses(server.pids()),
    log: (m) => log(`  ${m}`),
  };
}

async function runOne(adapter: ServerAdapter, args: RunArgs, cert: CertFiles): Promise<ServerOutcome> {
  const users = makeUsers(args.scenario.usersNeeded(args.options));
  const outcome: ServerOutcome = {
    server: adapter.name,
    version: await adapter.version(),
    userCount: users.length,
    userCreationSeconds: 0,
    metrics: [],
    notes: [],
  };
  const workDir = await mkdtemp(path.join(os.tmpdir(), `causerie-bench-${adapter.name}-`));
  log(`${outcome.version}: starting with ${users.length} accounts`);
  let server: RunningServer | undefined;
  try {
    server = await adapter.start({ workDir, domain: args.domain, cert, users, rooms: args.scenario.needsRooms === true, userArchive: args.archive === 'mam', log: (m) => log(`  ${m}`) });
    outcome.userCreationSeconds = server.userCreationSeconds;
    log(`  ${users.length} accounts in ${server.userCreationSeconds.toFixed(1)} s; running ${args.scenario.name}`);
    if (args.transport === 'ws' && !server.endpoints.websocketUrl) throw new Error('no WebSocket endpoint');
    const result = await args.scenario.run(contextFor(server, users, args), args.options);
    outcome.metrics = result.metrics;
    outcome.notes = result.notes;
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
    log(`  ${adapter.name} failed: ${outcome.error}${server ? ` (log: ${server.logPath})` : ''}`);
  } finally {
    await server?.stop();
    if (args.keep) log(`  kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
  return outcome;
}

function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage(scenarios)}\n`);
    return;
  }
  const args = parseArgs(argv, findScenario);
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const certDir = await mkdtemp(path.join(os.tmpdir(), 'causerie-bench-cert-'));
  const outcomes: ServerOutcome[] = [];
  const skipped: string[] = [];
  try {
    const cert = await makeSelfSignedCert(certDir, args.domain, args.keyType);
    for (const name of args.servers) {
      const adapter = findServerAdapter(name);
      const reason = adapter ? await adapter.unavailableReason() : `unknown server "${name}"`;
      if (!adapter || reason) {
        skipped.push(`${name}: ${reason}`);
        log(`skipping ${name}: ${reason}`);
        continue;
      }
      if (outcomes.length > 0) await sleep(2000);
      outcomes.push(await runOne(adapter, args, cert));
    }
  } finally {
    await rm(certDir, { recursive: true, force: true });
  }
  const report: RunReport = {
    scenario: args.scenario.name,
    options: args.options,
    common: { transport: args.transport, hash: args.hash, key: args.keyType, domain: args.domain, loginTimeoutMs: args.loginTimeoutMs },
    command: ['npx', 'tsx', 'bench/run.ts', ...argv].map(shellQuote).join(' '),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    loadAverageAtStart,
    results: outcomes,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const out = args.out ?? path.join(BENCH_DIR, 'results', `${stamp}-${args.scenario.name}.json`);
  await writeReport(report, out);
  const opts = Object.entries(args.options).map(([k, v]) => `${k}=${v}`).join(' ');
  process.stdout.write(`\n${args.scenario.name} (${opts}; ${args.transport}, SCRAM-${args.hash.toUpperCase()}${args.archive === 'mam' ? ', reference servers archive 1:1 (MAM)' : ''})\n`);
  const load = `load average ${loadAverageAtStart.join(' ')} at start, ${report.machine.loadAverage.join(' ')} at end`;
  process.stdout.write(`${report.machine.cpuModel}, ${report.machine.cores} cores, ${load}\n\n${renderTable(outcomes)}\n`);
  for (const s of skipped) process.stdout.write(`skipped ${s}\n`);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out)}\n`);
  if (outcomes.length === 0 || outcomes.some((o) => o.error)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${usage(scenarios)}\n`);
  process.exitCode = 2;
});
