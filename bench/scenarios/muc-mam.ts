// The archive phase of the muc scenario: Q room MAM queries, closed loop with C in
// flight. Each worker asks its room for the last page (RSM `<before/>`, max N), then
// for the page before it (`<before>` the page's first id), and so on in pairs.
// XEP-0313 §5 (room archives), XEP-0059 §2.5 (paging backwards) — https://xmpp.org/extensions/xep-0313.html
import { runBounded } from '../load/bounded.js';
import { LatencyRecorder } from '../load/latency.js';
import { finFirstId, mamPageIq } from '../load/muc-text.js';
import type { MucClient } from './muc-client.js';
import type { BenchRoom } from './muc-rooms.js';
import type { ScenarioContext } from './types.js';

export interface MamOptions {
  queries: number;
  concurrency: number;
  pageSize: number;
}

export interface MamResult {
  done: number;
  failed: number;
  firstFailure: string | undefined;
  /** Archived messages returned per query, on average. */
  resultsPerQuery: number;
  queriesPerSecond: number;
  p50: number;
  p99: number;
  serverCpuSeconds: number;
}

const TIMEOUT_MS = 30_000;

/** One page: latency from the iq to its result (every result message comes before it). */
async function page(client: MucClient, roomJid: string, max: number, before: string | undefined, latency: LatencyRecorder): Promise<{ first: string | undefined; results: number }> {
  const t0 = performance.now();
  client.mamResults = 0;
  const fin = await client.iq((id) => {
    client.mamQueryId = id;
    return mamPageIq(client.ns, roomJid, id, max, before);
  }, TIMEOUT_MS);
  latency.add(performance.now() - t0);
  const results = client.mamResults;
  client.mamQueryId = undefined;
  return { first: finFirstId(fin), results };
}

export async function runMam(ctx: ScenarioContext, rooms: readonly BenchRoom[], o: MamOptions): Promise<MamResult> {
  // Worker w queries room w mod R as that room's occupant ⌊w / R⌋: one query in flight per client.
  const workers = Math.max(1, Math.min(o.concurrency, o.queries));
  const latency = new LatencyRecorder();
  let issued = 0;
  let failed = 0;
  let results = 0;
  let firstFailure: string | undefined;
  const before = ctx.sample();
  const t0 = performance.now();
  await runBounded(workers, workers, async (w) => {
    const room = rooms[w % rooms.length]!;
    const client = room.occupants[Math.floor(w / rooms.length) % room.occupants.length]!;
    let back: string | undefined;
    while (issued < o.queries) {
      issued += 1;
      try {
        const r = await page(client, room.jid, o.pageSize, back, latency);
        results += r.results;
        // Pairs: last page, then one page back, then the last page again.
        back = back === undefined ? r.first : undefined;
      } catch (err) {
        failed += 1;
        firstFailure ??= err instanceof Error ? err.message : String(err);
        back = undefined;
      }
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const after = ctx.sample();
  const done = latency.count;
  const [p50, p99] = latency.percentiles([50, 99]);
  return {
    done,
    failed,
    firstFailure,
    resultsPerQuery: done > 0 ? results / done : Number.NaN,
    queriesPerSecond: done / seconds,
    p50: p50 ?? Number.NaN,
    p99: p99 ?? Number.NaN,
    serverCpuSeconds: after.cpuSeconds - before.cpuSeconds,
  };
}
