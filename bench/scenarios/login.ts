// Scenario "login": M full logins (connect, TLS, SCRAM, bind, close) with concurrency C;
// logins/s and server CPU per login.
// A warm-up pass logs each account in once first: the client then has its SCRAM keys
// cached (the server stores keys, so its own work per login does not change), which
// keeps the load generator's PBKDF2 off the two shared cores during the measurement.
import { failureSummary, runBounded, sleep } from '../load/bounded.js';
import { LatencyRecorder } from '../load/latency.js';
import { XmppClient } from '../load/xmpp-client.js';
import type { BenchUser } from '../servers/types.js';
import type { Scenario, ScenarioContext } from './types.js';
import { metric, opt } from './types.js';

// The client closes without waiting for the server's own closing tag: ejabberd sends
// it only after ~100 ms, which would make logins/s measure that pause, not the server.
async function loginOnce(ctx: ScenarioContext, user: BenchUser, resource: string, latency?: LatencyRecorder): Promise<void> {
  const t0 = performance.now();
  const client = new XmppClient(ctx.clientOptions(user, resource, false));
  await client.login();
  latency?.add(performance.now() - t0);
  client.closeNow();
}

export const loginScenario: Scenario = {
  name: 'login',
  summary: 'M logins (connect + TLS + SCRAM + bind + close) with concurrency C; logins/s and per server CPU-second',
  options: [
    { name: 'logins', default: 500, help: 'measured logins' },
    { name: 'concurrency', default: 20, help: 'logins in flight' },
    { name: 'users', default: 100, help: 'distinct accounts the logins cycle over' },
  ],
  usersNeeded: (o) => Math.min(opt(o, 'users'), opt(o, 'logins')),

  async run(ctx, o) {
    const logins = opt(o, 'logins');
    const concurrency = opt(o, 'concurrency');
    const users = ctx.users;
    ctx.log(`login: warm-up, ${users.length} accounts once each`);
    const warm = await runBounded(users.length, concurrency, (i) => loginOnce(ctx, users[i] as BenchUser, 'warm'));
    const warmFailures = failureSummary(warm);
    await sleep(1000);
    ctx.log(`login: ${logins} logins, concurrency ${concurrency}`);
    const latency = new LatencyRecorder();
    const before = ctx.sample();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await runBounded(logins, concurrency, (i) =>
      loginOnce(ctx, users[i % users.length] as BenchUser, `r${i}`, latency),
    );
    const seconds = (performance.now() - t0) / 1000;
    // Let the server finish the last teardowns so their CPU is counted.
    await sleep(1000);
    const after = ctx.sample();
    const cpu = process.cpuUsage(cpu0);
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const serverCpu = after.cpuSeconds - before.cpuSeconds;
    const [p50, p99] = latency.percentiles([50, 99]);
    return {
      metrics: [
        metric('logins', 'logins completed', ok, '', 0),
        metric('failed', 'logins failed', logins - ok, '', 0),
        metric('seconds', 'wall time', seconds, 's', 2),
        metric('loginsPerSecond', 'logins/s', ok / seconds, '/s'),
        metric('loginP50Ms', 'login latency p50', p50 ?? Number.NaN, 'ms'),
        metric('loginP99Ms', 'login latency p99', p99 ?? Number.NaN, 'ms'),
        metric('serverCpuSeconds', 'server CPU', serverCpu, 's', 2),
        metric('loginsPerCpuSecond', 'logins per server CPU-s', serverCpu > 0 ? ok / serverCpu : Number.NaN, '', 0),
        metric('clientCpuSeconds', 'load generator CPU', (cpu.user + cpu.system) / 1e6, 's', 2),
      ],
      notes: [
        ...warmFailures.map((f) => `warm-up: ${f}`),
        ...failureSummary(results),
      ],
    };
  },
};
