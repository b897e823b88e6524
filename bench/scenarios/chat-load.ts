// The measuring core of the chat scenarios: P sender→receiver pairs, an open-loop
// offered rate spread round-robin over the senders, latency from the send time
// carried in the body, loss counted after a drain period.
// RFC 6121 §5 (one-to-one chat messages to a full JID) — https://www.rfc-editor.org/rfc/rfc6121#section-5
import { sleep } from '../load/bounded.js';
import { LatencyRecorder } from '../load/latency.js';
import type { XmppClient } from '../load/xmpp-client.js';
import { NS_CLIENT } from '../load/xmpp-client.js';
import { escapeXml, rootAttr } from '../load/xml-text.js';
import type { ScenarioContext } from './types.js';

export interface ChatPair {
  sender: XmppClient;
  receiver: XmppClient;
}

export interface ChatPhaseResult {
  offeredRate: number;
  sent: number;
  received: number;
  lost: number;
  /** Error replies the senders got back during the phase. */
  bounced: number;
  /** received / (time of the last delivery − start), msgs/s. */
  deliveredPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
}

const TICK_MS = 5;

/** Body: "<send time ms> <phase>:<seq>"; the phase tag keeps stragglers of a previous step out. */
function parseBody(xml: string): { sentAt: number; phase: string } | undefined {
  const open = xml.indexOf('<body>');
  if (open < 0) return undefined;
  const close = xml.indexOf('</body>', open);
  const text = xml.slice(open + 6, close);
  const space = text.indexOf(' ');
  const colon = text.indexOf(':', space);
  if (space < 0 || colon < 0) return undefined;
  return { sentAt: Number(text.slice(0, space)), phase: text.slice(space + 1, colon) };
}

export type DeliveryHandler = (sentAt: number, phase: string) => void;

/** Routes every receiver's messages to the handler of the phase running now, and counts bounces. */
export class ReceiverHub {
  handler: DeliveryHandler | undefined;
  /** Messages of type="error" that came back to the senders. */
  bounced = 0;
  firstBounce: string | undefined;

  constructor(pairs: readonly ChatPair[]) {
    for (const { sender } of pairs) {
      sender.onStanza = (xml) => {
        if (!xml.startsWith('<message') || rootAttr(xml, 'type') !== 'error') return;
        this.bounced += 1;
        this.firstBounce ??= xml.slice(0, 300);
      };
    }
    for (const { receiver } of pairs) {
      receiver.onStanza = (xml) => {
        if (!xml.startsWith('<message')) return;
        const body = parseBody(xml);
        if (body) this.handler?.(body.sentAt, body.phase);
      };
    }
  }
}

export interface ChatPhaseOptions {
  phase: string;
  rate: number;
  durationSeconds: number;
  drainSeconds: number;
  /** Extra characters appended to each body to reach a realistic size. */
  padding: string;
  /** Adds the XEP-0334 <no-store/> hint, so servers that archive by default (Causerie) skip it. */
  noStore?: boolean;
}

/** Runs one phase at a fixed offered rate, open loop: senders never wait for deliveries. */
export async function runChatPhase(
  ctx: ScenarioContext,
  pairs: readonly ChatPair[],
  hub: ReceiverHub,
  o: ChatPhaseOptions,
): Promise<ChatPhaseResult> {
  const latency = new LatencyRecorder();
  let lastDelivery = 0;
  hub.handler = (sentAt, phase) => {
    if (phase !== o.phase) return;
    const now = performance.now();
    latency.add(now - sentAt);
    lastDelivery = now;
  };
  const targets = pairs.map((p) => escapeXml(p.receiver.jid));
  // RFC 7395 §3.3.3: a WebSocket frame must be fully qualified; on TCP the stream's default namespace does it.
  const ns = ctx.common.transport === 'ws' ? ` xmlns='${NS_CLIENT}'` : '';
  const hint = o.noStore === true ? "<no-store xmlns='urn:xmpp:hints'/>" : '';
  const bouncedBefore = hub.bounced;
  const before = ctx.sample();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + o.durationSeconds * 1000;
  const total = Math.round(o.rate * o.durationSeconds);
  let sent = 0;
  let next = 0;
  for (;;) {
    const now = performance.now();
    // The last tick sends exactly rate × duration, whatever the float rounding.
    const due = now >= end ? total : Math.floor(((now - start) / 1000) * o.rate);
    while (sent < due) {
      const i = next;
      next = (next + 1) % pairs.length;
      const pair = pairs[i] as ChatPair;
      const t = performance.now().toFixed(3);
      pair.sender.send(
        `<message${ns} to='${targets[i]}' type='chat' id='${o.phase}-${sent}'><body>${t} ${o.phase}:${sent}${o.padding}</body>${hint}</message>`,
      );
      sent += 1;
    }
    if (now >= end) break;
    await sleep(TICK_MS);
  }
  const drainUntil = performance.now() + o.drainSeconds * 1000;
  while (latency.count < sent && performance.now() < drainUntil) await sleep(50);
  const after = ctx.sample();
  const cpu = process.cpuUsage(cpu0);
  hub.handler = undefined;
  const [p50, p90, p99, max] = latency.percentiles([50, 90, 99, 100]);
  const received = latency.count;
  const window = lastDelivery > start ? (lastDelivery - start) / 1000 : o.durationSeconds;
  return {
    offeredRate: o.rate,
    sent,
    received,
    lost: sent - received,
    bounced: hub.bounced - bouncedBefore,
    deliveredPerSecond: received / Math.max(window, o.durationSeconds),
    p50: p50 ?? Number.NaN,
    p90: p90 ?? Number.NaN,
    p99: p99 ?? Number.NaN,
    max: max ?? Number.NaN,
    serverCpuSeconds: after.cpuSeconds - before.cpuSeconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
