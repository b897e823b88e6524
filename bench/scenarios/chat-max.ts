// Scenario "chat-max": the chat load with the offered rate ramped step by step until the
// server stops keeping up (deliveries below 95% of offered, or p99 over a bound);
// reports the highest rate it sustained. Each step tags its messages so stragglers
// of the previous step do not count.
import { sleep } from '../load/bounded.js';
import type { ChatPhaseResult } from './chat-load.js';
import { ReceiverHub, runChatPhase } from './chat-load.js';
import { chatOptions, closePairs, connectPairs } from './chat.js';
import type { Scenario } from './types.js';
import { metric, opt } from './types.js';

export const chatMaxScenario: Scenario = {
  name: 'chat-max',
  summary: 'chat with the offered rate ramped until the server saturates; highest sustained msgs/s',
  options: [
    ...chatOptions,
    { name: 'start', default: 1000, help: 'first offered rate, msg/s' },
    { name: 'step', default: 1000, help: 'rate increase per step, msg/s' },
    { name: 'max', default: 20000, help: 'highest rate tried, msg/s' },
    { name: 'stepDuration', default: 5, help: 'seconds per step' },
    { name: 'p99Limit', default: 250, help: 'a step fails when p99 latency exceeds this, ms' },
  ],
  usersNeeded: (o) => 2 * opt(o, 'pairs'),

  async run(ctx, o) {
    const { pairs, notes } = await connectPairs(ctx, o);
    if (pairs.length === 0) throw new Error(`no pair could log in: ${notes.join('; ')}`);
    const hub = new ReceiverHub(pairs);
    await sleep(1000);
    let best: ChatPhaseResult | undefined;
    let failedAt: ChatPhaseResult | undefined;
    for (let rate = opt(o, 'start'), step = 0; rate <= opt(o, 'max'); rate += opt(o, 'step'), step += 1) {
      const r = await runChatPhase(ctx, pairs, hub, {
        phase: `s${step}`,
        rate,
        durationSeconds: opt(o, 'stepDuration'),
        drainSeconds: opt(o, 'drain'),
        padding: 'x'.repeat(opt(o, 'padding')),
        noStore: opt(o, 'nostore') === 1,
      });
      ctx.log(`chat-max: offered ${rate}/s → delivered ${r.deliveredPerSecond.toFixed(0)}/s, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}`);
      if (r.received < 0.95 * r.sent || !(r.p99 <= opt(o, 'p99Limit'))) {
        failedAt = r;
        break;
      }
      best = r;
    }
    await closePairs(pairs);
    if (hub.firstBounce) notes.push(`${hub.bounced} bounced; first: ${hub.firstBounce}`);
    return {
      metrics: [
        metric('pairs', 'pairs', pairs.length, '', 0),
        metric('sustainedRate', 'highest sustained offered rate', best?.offeredRate ?? 0, 'msg/s', 0),
        metric('sustainedDelivered', 'delivered/s at that rate', best?.deliveredPerSecond ?? 0, 'msg/s', 0),
        metric('sustainedP99Ms', 'p99 at that rate', best?.p99 ?? Number.NaN, 'ms', 2),
        metric('msgsPerCpuSecond', 'messages per server CPU-s at that rate',
          best && best.serverCpuSeconds > 0 ? best.received / best.serverCpuSeconds : Number.NaN, '', 0),
        metric('failedRate', 'first failing offered rate', failedAt?.offeredRate ?? Number.NaN, 'msg/s', 0),
        metric('failedDelivered', 'delivered/s at the failing rate', failedAt?.deliveredPerSecond ?? Number.NaN, 'msg/s', 0),
      ],
      notes: failedAt ? notes : [...notes, 'never saturated: raise --max'],
    };
  },
};
