// Scenario "chat": P pairs online, senders offer R one-to-one chat messages/s in total
// for T seconds; delivered/s, latency percentiles, loss, server CPU per message.
import { sleep } from '../load/bounded.js';
import type { ChatPair } from './chat-load.js';
import { ReceiverHub, runChatPhase } from './chat-load.js';
import { closeMany, connectMany } from './connect-many.js';
import type { Scenario, ScenarioContext, ScenarioOptions } from './types.js';
import { metric, opt } from './types.js';

/** Logs senders (first half of the accounts) and receivers (second half) in, pairs them. */
export async function connectPairs(ctx: ScenarioContext, o: ScenarioOptions): Promise<{ pairs: ChatPair[]; notes: string[] }> {
  const p = opt(o, 'pairs');
  const presence = opt(o, 'presence') === 1;
  const senders = await connectMany(ctx, ctx.users.slice(0, p), 20, 'send', presence);
  const receivers = await connectMany(ctx, ctx.users.slice(p, 2 * p), 20, 'recv', presence);
  const pairs: ChatPair[] = [];
  for (let i = 0; i < Math.min(senders.clients.length, receivers.clients.length); i += 1) {
    pairs.push({ sender: senders.clients[i]!, receiver: receivers.clients[i]! });
  }
  const notes = [...senders.failures, ...receivers.failures];
  if (pairs.length < p) notes.push(`only ${pairs.length} of ${p} pairs logged in`);
  return { pairs, notes };
}

export async function closePairs(pairs: readonly ChatPair[]): Promise<void> {
  await closeMany(pairs.flatMap((pair) => [pair.sender, pair.receiver]));
}

export const chatOptions = [
  { name: 'pairs', default: 20, help: 'sender→receiver pairs online' },
  { name: 'presence', default: 1, help: '1: every client sends initial presence' },
  { name: 'padding', default: 0, help: 'extra body characters per message' },
  { name: 'drain', default: 5, help: 'seconds to wait for late deliveries' },
  { name: 'nostore', default: 0, help: "1: each message carries XEP-0334 <no-store/> (Causerie then skips its archive commit)" },
] as const;

export const chatScenario: Scenario = {
  name: 'chat',
  summary: 'P pairs exchanging 1:1 chat at a fixed offered rate R for T s; delivered/s, p50/p99 latency, loss, CPU',
  options: [
    ...chatOptions,
    { name: 'rate', default: 2000, help: 'offered messages/s, all senders together' },
    { name: 'duration', default: 20, help: 'seconds of sending' },
  ],
  usersNeeded: (o) => 2 * opt(o, 'pairs'),

  async run(ctx, o) {
    const { pairs, notes } = await connectPairs(ctx, o);
    if (pairs.length === 0) throw new Error(`no pair could log in: ${notes.join('; ')}`);
    const hub = new ReceiverHub(pairs);
    await sleep(1000);
    ctx.log(`chat: ${pairs.length} pairs, ${opt(o, 'rate')} msg/s for ${opt(o, 'duration')} s`);
    const r = await runChatPhase(ctx, pairs, hub, {
      phase: 'c',
      rate: opt(o, 'rate'),
      durationSeconds: opt(o, 'duration'),
      drainSeconds: opt(o, 'drain'),
      padding: 'x'.repeat(opt(o, 'padding')),
      noStore: opt(o, 'nostore') === 1,
    });
    await closePairs(pairs);
    if (hub.firstBounce) notes.push(`first bounce: ${hub.firstBounce}`);
    return {
      metrics: [
        metric('pairs', 'pairs', pairs.length, '', 0),
        metric('offeredRate', 'offered rate', r.offeredRate, 'msg/s', 0),
        metric('sent', 'messages sent', r.sent, '', 0),
        metric('deliveredPerSecond', 'delivered/s', r.deliveredPerSecond, 'msg/s', 0),
        metric('lost', 'lost (after drain)', r.lost, '', 0),
        metric('bounced', 'bounced (error replies)', r.bounced, '', 0),
        metric('p50Ms', 'latency p50', r.p50, 'ms', 2),
        metric('p90Ms', 'latency p90', r.p90, 'ms', 2),
        metric('p99Ms', 'latency p99', r.p99, 'ms', 2),
        metric('maxMs', 'latency max', r.max, 'ms', 1),
        metric('serverCpuSeconds', 'server CPU', r.serverCpuSeconds, 's', 2),
        metric('msgsPerCpuSecond', 'messages per server CPU-s', r.serverCpuSeconds > 0 ? r.received / r.serverCpuSeconds : Number.NaN, '', 0),
        metric('clientCpuSeconds', 'load generator CPU', r.clientCpuSeconds, 's', 2),
      ],
      notes,
    };
  },
};
