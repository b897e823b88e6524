import { describe, expect, it } from 'vitest';
import { failureSummary, runBounded } from './bounded.js';
import { LatencyRecorder } from './latency.js';

describe('LatencyRecorder', () => {
  it('gives nearest-rank percentiles beyond its initial capacity', () => {
    const r = new LatencyRecorder();
    for (let i = 3000; i >= 1; i -= 1) r.add(i);
    expect(r.count).toBe(3000);
    expect(r.percentiles([50, 99, 100])).toEqual([1500, 2970, 3000]);
    expect(r.mean()).toBe(1500.5);
  });

  it('returns NaN when empty', () => {
    expect(new LatencyRecorder().percentiles([50])[0]).toBeNaN();
  });
});

describe('runBounded', () => {
  it('never exceeds the concurrency and keeps results in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await runBounded(20, 3, async (i) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
      if (i === 5) throw new Error('boom');
      return i * 2;
    });
    expect(peak).toBe(3);
    expect(results[4]).toEqual({ status: 'fulfilled', value: 8 });
    expect(results[5]?.status).toBe('rejected');
    expect(failureSummary(results)).toEqual(['1× boom']);
  });
});
