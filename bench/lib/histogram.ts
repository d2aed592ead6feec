// Latencies as counts in logarithmic buckets (2 % wide, 0.05 ms to 10 min): a soak records millions of
// receipts, which a worker thread adds up and posts as one small array per window, merged by addition.
const MIN_MS = 0.05;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
export const BUCKETS = Math.ceil(Math.log(600_000 / MIN_MS) / LOG_GROWTH) + 1;

export class Histogram {
  readonly counts: Float64Array;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Float64Array(BUCKETS);
    if (counts) this.counts.set(counts);
  }

  add(ms: number): void {
    const i = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH) + 1);
    this.counts[i]++;
  }

  merge(other: { counts: ArrayLike<number> }): this {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    return this;
  }

  get n(): number {
    let n = 0;
    for (let i = 0; i < BUCKETS; i++) n += this.counts[i];
    return n;
  }

  /** The upper edge of the bucket holding the p-th percentile (NaN when empty). */
  percentile(p: number): number {
    const n = this.n;
    if (!n) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return MIN_MS * GROWTH ** i;
    }
    return MIN_MS * GROWTH ** (BUCKETS - 1);
  }

  reset(): void {
    this.counts.fill(0);
  }
}
