// Day partitions of worker_positions: created ahead (today, tomorrow, and any day a late batch needs)
// and dropped whole past the retention. Known partitions are remembered so a batch costs no DDL.
import type { Queryable } from '../db/index.js';
import { DAY_MS, cstDay } from './cst.js';

export class Partitions {
  private readonly known = new Set<string>();

  constructor(private readonly db: Queryable) {}

  /** Makes sure the partitions of these CST days ('YYYY-MM-DD') exist. */
  async ensure(days: Iterable<string>): Promise<void> {
    const missing = [...new Set(days)].filter((d) => !this.known.has(d));
    if (!missing.length) return;
    await this.db.query(/* sql */ `SELECT worker_positions_ensure_day(d) FROM unnest($1::date[]) AS d`, [missing]);
    for (const d of missing) this.known.add(d);
  }

  /** Today and tomorrow exist; days wholly older than `retentionDays` are dropped. Returns how many were dropped. */
  async upkeep(now: number, retentionDays: number): Promise<number> {
    await this.ensure([cstDay(now), cstDay(now + DAY_MS)]);
    const keepFrom = cstDay(now - retentionDays * DAY_MS);
    const r = await this.db.query<{ n: number }>(/* sql */ `SELECT worker_positions_drop_before($1::date) AS n`, [
      keepFrom,
    ]);
    for (const d of this.known) if (d < keepFrom) this.known.delete(d);
    return Number(r.rows[0]?.n ?? 0);
  }
}
