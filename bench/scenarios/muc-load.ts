// The fan-out phase of the muc scenario: occupants post groupchat messages at an
// offered total rate, open loop, round-robin over rooms and occupants; every
// delivery (each message reaches all M occupants, the sender's reflection included)
// is timed from the send time carried in the body.
// XEP-0045 §7.4 (sending a message to all occupants) — https://xmpp.org/extensions/xep-0045.html#message
import { sleep } from '../load/bounded.js';
import { expectedDeliveries, senderOrder } from '../load/fanout-plan.js';
import { LatencyRecorder } from '../load/latency.js';
import { groupchatMessage } from '../load/muc-text.js';
import { escapeXml } from '../load/xml-text.js';
import type { MucClient } from './muc-client.js';
import type { BenchRoom } from './muc-rooms.js';
import type { ScenarioContext } from './types.js';

export interface FanoutOptions {
  phase: string;
  rate: number;
  durationSeconds: number;
  drainSeconds: number;
  padding: string;
}

export interface FanoutResult {
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  bounced: number;
  firstBounce: string | undefined;
  /** delivered / (time of the last delivery − start), at least over the sending time. */
  deliveriesPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
}

const TICK_MS = 5;

export async function runFanout(ctx: ScenarioContext, rooms: readonly BenchRoom[], o: FanoutOptions): Promise<FanoutResult> {
  const sizes = rooms.map((r) => r.occupants.length);
  const order = senderOrder(sizes);
  const targets = rooms.map((r) => escapeXml(r.jid));
  const everyone: MucClient[] = rooms.flatMap((r) => r.occupants);
  const latency = new LatencyRecorder();
  let lastDelivery = 0;
  const handler = (sentAt: number, phase: string): void => {
    if (phase !== o.phase) return;
    const now = performance.now();
    latency.add(now - sentAt);
    lastDelivery = now;
  };
  for (const c of everyone) c.onDelivery = handler;
  const bouncedBefore = everyone.reduce((n, c) => n + c.bounced, 0);
  const sentPerRoom = sizes.map(() => 0);
  const before = ctx.sample();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + o.durationSeconds * 1000;
  const total = Math.round(o.rate * o.durationSeconds);
  let sent = 0;
  for (;;) {
    const now = performance.now();
    const due = now >= end ? total : Math.floor(((now - start) / 1000) * o.rate);
    while (sent < due) {
      const s = order[sent % order.length]!;
      const sender = rooms[s.room]!.occupants[s.occupant]!;
      const t = performance.now().toFixed(3);
      sender.client.send(groupchatMessage(sender.ns, targets[s.room]!, `${o.phase}-${sent}`, t, o.phase, sent, o.padding));
      sentPerRoom[s.room] = (sentPerRoom[s.room] ?? 0) + 1;
      sent += 1;
    }
    if (now >= end) break;
    await sleep(TICK_MS);
  }
  const expected = expectedDeliveries(sentPerRoom, sizes);
  const drainUntil = performance.now() + o.drainSeconds * 1000;
  while (latency.count < expected && performance.now() < drainUntil) await sleep(50);
  const after = ctx.sample();
  const cpu = process.cpuUsage(cpu0);
  for (const c of everyone) c.onDelivery = undefined;
  const [p50, p90, p99, max] = latency.percentiles([50, 90, 99, 100]);
  const delivered = latency.count;
  const window = lastDelivery > start ? (lastDelivery - start) / 1000 : o.durationSeconds;
  return {
    sent,
    expected,
    delivered,
    lost: expected - delivered,
    bounced: everyone.reduce((n, c) => n + c.bounced, 0) - bouncedBefore,
    firstBounce: everyone.find((c) => c.firstBounce)?.firstBounce,
    deliveriesPerSecond: delivered / Math.max(window, o.durationSeconds),
    p50: p50 ?? Number.NaN,
    p90: p90 ?? Number.NaN,
    p99: p99 ?? Number.NaN,
    max: max ?? Number.NaN,
    serverCpuSeconds: after.cpuSeconds - before.cpuSeconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssBeforeKiB: before.rssKiB,
    rssAfterKiB: after.rssKiB,
  };
}
