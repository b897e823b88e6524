// Scenario "muc": R rooms of M occupants on conference.<domain>; occupants post
// groupchat messages at an offered rate S for T s (fan-out: M deliveries each), then
// Q room-archive (MAM) queries. Deliveries/s, latency, loss, server CPU per delivery
// and per posted message, RSS, MAM queries per server CPU-second.
import { sleep } from '../load/bounded.js';
import { runFanout } from './muc-load.js';
import { runMam } from './muc-mam.js';
import { closeRooms, setupRooms } from './muc-rooms.js';
import type { Scenario } from './types.js';
import { metric, opt } from './types.js';

const perCpu = (n: number, cpu: number): number => (cpu > 0 ? n / cpu : Number.NaN);

export const mucScenario: Scenario = {
  name: 'muc',
  summary: 'R rooms × M occupants posting groupchat at S msg/s for T s, then Q room MAM queries; deliveries/s, latency, CPU',
  needsRooms: true,
  options: [
    { name: 'rooms', default: 5, help: 'rooms (R)' },
    { name: 'occupants', default: 20, help: 'occupants per room (M), the first one creates it' },
    { name: 'rate', default: 200, help: 'offered groupchat messages/s, all rooms together (S)' },
    { name: 'duration', default: 10, help: 'seconds of posting (T)' },
    { name: 'padding', default: 0, help: 'extra body characters per message' },
    { name: 'drain', default: 5, help: 'seconds to wait for late deliveries' },
    { name: 'queries', default: 200, help: 'room MAM queries after the posting (Q; 0 skips the phase)' },
    { name: 'mamConcurrency', default: 4, help: 'MAM queries in flight' },
    { name: 'pageSize', default: 50, help: 'RSM <max> of each MAM query' },
  ],
  usersNeeded: (o) => opt(o, 'rooms') * opt(o, 'occupants'),

  async run(ctx, o) {
    const setup = await setupRooms(ctx, opt(o, 'rooms'), opt(o, 'occupants'));
    const notes = [...setup.notes];
    try {
      const occupants = setup.rooms.reduce((n, r) => n + r.occupants.length, 0);
      if (occupants === 0) throw new Error(`no room could be filled: ${notes.join('; ')}`);
      ctx.log(`muc: ${setup.rooms.length} rooms, ${occupants} occupants in ${setup.seconds.toFixed(1)} s; ${opt(o, 'rate')} msg/s for ${opt(o, 'duration')} s`);
      await sleep(1000);
      const f = await runFanout(ctx, setup.rooms, {
        phase: 'm',
        rate: opt(o, 'rate'),
        durationSeconds: opt(o, 'duration'),
        drainSeconds: opt(o, 'drain'),
        padding: 'x'.repeat(opt(o, 'padding')),
      });
      if (f.firstBounce) notes.push(`first bounce: ${f.firstBounce}`);
      const metrics = [
        metric('rooms', 'rooms filled', setup.rooms.length, '', 0),
        metric('occupants', 'occupants joined (all rooms)', occupants, '', 0),
        metric('setupSeconds', 'log in, create, grant, join', setup.seconds, 's', 1),
        metric('grantP50Ms', 'member grant round trip p50', setup.grantLatency.percentiles([50])[0] ?? Number.NaN, 'ms', 1),
        metric('joinP50Ms', 'join round trip p50', setup.joinLatency.percentiles([50])[0] ?? Number.NaN, 'ms', 1),
        metric('offeredRate', 'offered rate', opt(o, 'rate'), 'msg/s', 0),
        metric('sent', 'messages posted', f.sent, '', 0),
        metric('expected', 'deliveries owed (posted × M)', f.expected, '', 0),
        metric('deliveriesPerSecond', 'deliveries/s', f.deliveriesPerSecond, '/s', 0),
        metric('lost', 'deliveries lost (after drain)', f.lost, '', 0),
        metric('bounced', 'bounced (error replies)', f.bounced, '', 0),
        metric('p50Ms', 'delivery latency p50', f.p50, 'ms', 2),
        metric('p90Ms', 'delivery latency p90', f.p90, 'ms', 2),
        metric('p99Ms', 'delivery latency p99', f.p99, 'ms', 2),
        metric('maxMs', 'delivery latency max', f.max, 'ms', 1),
        metric('serverCpuSeconds', 'server CPU (posting + drain)', f.serverCpuSeconds, 's', 2),
        metric('deliveriesPerCpuSecond', 'deliveries per server CPU-s', perCpu(f.delivered, f.serverCpuSeconds), '', 0),
        // Deliveries ÷ fan-out, so that messages still queued at the end (lost) do not count.
        metric('postsPerCpuSecond', 'messages fanned out per server CPU-s', perCpu(f.expected > 0 ? (f.delivered * f.sent) / f.expected : 0, f.serverCpuSeconds), '', 0),
        metric('cpuPerDeliveryUs', 'server CPU per delivery', f.delivered > 0 ? (f.serverCpuSeconds * 1e6) / f.delivered : Number.NaN, 'µs', 1),
        metric('rssBeforeMiB', 'server RSS with the rooms full', f.rssBeforeKiB / 1024, 'MiB', 1),
        metric('rssAfterMiB', 'server RSS after posting', f.rssAfterKiB / 1024, 'MiB', 1),
        metric('clientCpuSeconds', 'load generator CPU (posting)', f.clientCpuSeconds, 's', 2),
      ];
      if (opt(o, 'queries') > 0) {
        await sleep(1000);
        const m = await runMam(ctx, setup.rooms, { queries: opt(o, 'queries'), concurrency: opt(o, 'mamConcurrency'), pageSize: opt(o, 'pageSize') });
        if (m.firstFailure) notes.push(`first MAM failure: ${m.firstFailure}`);
        metrics.push(
          metric('mamQueries', 'MAM queries answered', m.done, '', 0),
          metric('mamFailed', 'MAM queries failed', m.failed, '', 0),
          metric('mamResultsPerQuery', 'archived messages per answer', m.resultsPerQuery, '', 1),
          metric('mamQueriesPerSecond', 'MAM queries/s', m.queriesPerSecond, '/s', 0),
          metric('mamP50Ms', 'MAM latency p50', m.p50, 'ms', 2),
          metric('mamP99Ms', 'MAM latency p99', m.p99, 'ms', 2),
          metric('mamServerCpuSeconds', 'server CPU (MAM)', m.serverCpuSeconds, 's', 2),
          metric('mamQueriesPerCpuSecond', 'MAM queries per server CPU-s', perCpu(m.done, m.serverCpuSeconds), '', 0),
        );
      }
      return { metrics, notes };
    } finally {
      await closeRooms(setup);
    }
  },
};
