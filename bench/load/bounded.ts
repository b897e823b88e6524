// Runs many async tasks with at most `concurrency` in flight (logins, user creation).

/** Calls `task(i)` for i in [0, count) with bounded concurrency; never rejects. */
export async function runBounded<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array<PromiseSettledResult<T>>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      try {
        results[i] = { status: 'fulfilled', value: await task(i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.max(1, Math.min(concurrency, count)); w += 1) workers.push(worker());
  await Promise.all(workers);
  return results;
}

/** First few distinct rejection messages, to explain failures in a report. */
export function failureSummary(results: readonly PromiseSettledResult<unknown>[], max = 3): string[] {
  const seen = new Map<string, number>();
  for (const r of results) {
    if (r.status !== 'rejected') continue;
    const msg = r.reason instanceof Error ? r.reason.message : String(r.reason);
    seen.set(msg, (seen.get(msg) ?? 0) + 1);
  }
  return [...seen.entries()].slice(0, max).map(([msg, n]) => `${n}× ${msg.slice(0, 200)}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
