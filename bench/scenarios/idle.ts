// Scenario "idle": N authenticated connections that stay idle; server memory per connection.
// DESIGN.md "Memory per idle connection is measured in bench/ and kept small".
import { sleep } from '../load/bounded.js';
import { closeMany, connectMany } from './connect-many.js';
import type { Scenario } from './types.js';
import { metric, opt } from './types.js';

export const idleScenario: Scenario = {
  name: 'idle',
  summary: 'N authenticated idle connections; server RSS before/after, KiB per connection',
  options: [
    { name: 'connections', default: 1000, help: 'idle connections to open' },
    { name: 'concurrency', default: 50, help: 'logins in flight while opening them' },
    { name: 'settle', default: 5, help: 'seconds to wait before each RSS sample' },
    { name: 'presence', default: 1, help: '1: each connection sends initial presence' },
  ],
  usersNeeded: (o) => opt(o, 'connections'),

  async run(ctx, o) {
    const settleMs = opt(o, 'settle') * 1000;
    // A few logins before the first sample, so one-time allocations (lazily loaded
    // modules, TLS contexts, tables created on first use) do not count per connection.
    const warm = await connectMany(ctx, ctx.users.slice(0, 10), 10, 'warm', false);
    await closeMany(warm.clients);
    await sleep(settleMs);
    const before = ctx.sample();
    const cpu0 = process.cpuUsage();
    ctx.log(`idle: server RSS before ${(before.rssKiB / 1024).toFixed(1)} MiB; opening ${ctx.users.length} connections`);
    const conn = await connectMany(ctx, ctx.users, opt(o, 'concurrency'), 'idle', opt(o, 'presence') === 1);
    const opened = ctx.sample();
    const cpu = process.cpuUsage(cpu0);
    await sleep(settleMs);
    const after = ctx.sample();
    const alive = conn.clients.filter((c) => !c.closed).length;
    ctx.log(`idle: ${alive} alive, RSS after ${(after.rssKiB / 1024).toFixed(1)} MiB; closing`);
    await closeMany(conn.clients);
    const perConn = alive > 0 ? (after.rssKiB - before.rssKiB) / alive : Number.NaN;
    return {
      metrics: [
        metric('connections', 'connections alive', alive, '', 0),
        metric('failed', 'logins failed', conn.failed, '', 0),
        metric('rssBeforeMiB', 'server RSS before', before.rssKiB / 1024, 'MiB'),
        metric('rssAfterMiB', 'server RSS after', after.rssKiB / 1024, 'MiB'),
        metric('kibPerConnection', 'RSS per connection', perConn, 'KiB'),
        metric('openSeconds', 'time to open all', conn.seconds, 's', 2),
        metric('openCpuSeconds', 'server CPU while opening', opened.cpuSeconds - before.cpuSeconds, 's', 2),
        metric('clientCpuSeconds', 'load generator CPU while opening', (cpu.user + cpu.system) / 1e6, 's', 2),
      ],
      notes: [...warm.failures.map((f) => `warm-up: ${f}`), ...conn.failures],
    };
  },
};
