// Latency samples kept in a growable Float64Array, summarised by nearest-rank percentiles.

export class LatencyRecorder {
  private data = new Float64Array(1024);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n] = ms;
    this.n += 1;
  }

  get count(): number {
    return this.n;
  }

  /** Nearest-rank percentile (0 < p ≤ 100) in ms, NaN when empty. */
  percentiles(ps: readonly number[]): number[] {
    if (this.n === 0) return ps.map(() => Number.NaN);
    const sorted = this.data.slice(0, this.n).sort();
    return ps.map((p) => sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))] ?? Number.NaN);
  }

  mean(): number {
    if (this.n === 0) return Number.NaN;
    let sum = 0;
    for (let i = 0; i < this.n; i += 1) sum += this.data[i] ?? 0;
    return sum / this.n;
  }
}
