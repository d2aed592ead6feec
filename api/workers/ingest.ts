// Position ingest: one batch of one worker's fixes → validated, put in device-time order among what is
// stored, exact duplicates dropped, speed jumps and points outside the district flagged (kept), written
// with one multi-row INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING, then offered to the live feed.
import { m } from '../../contract/messages/index.js';
import { POSITION_FLAGS, type IngestResult, type PositionPoint } from '../../contract/workers.js';
import type { Db } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { DAY_MS, cstDay } from './cst.js';
import type { WorkerDirectory, WorkerInfo } from './directory.js';
import type { LiveFeed } from './live.js';
import type { Partitions } from './partitions.js';
import { type Fix, type Incoming, flagSpeedJumps } from './track.js';

/** A device clock this far ahead of the server is wrong, not early. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** The predecessor used for the speed check is looked for this far back. */
const PREDECESSOR_WINDOW = '1 hour';

export interface IngestDeps {
  db: Db;
  /**
   * The newest accepted point (not a speed jump) of each worker that this process wrote. A batch that
   * starts after it — a phone streaming in order, the common case — needs no read before its write:
   * that point is its predecessor. (Behind a load balancer another node may have written in between;
   * then the speed check measures from an older point, which can only miss a jump, and duplicates are
   * still dropped by the primary key.)
   */
  recent?: Map<number, Fix>;
  directory: WorkerDirectory;
  partitions: Partitions;
  live: LiveFeed | null;
  retentionDays: number;
  now: () => Date;
}

export async function ingestPositions(
  deps: IngestDeps,
  worker: WorkerInfo,
  points: readonly PositionPoint[],
): Promise<IngestResult> {
  const now = deps.now().getTime();
  const oldest = now - deps.retentionDays * DAY_MS;
  const district = await deps.directory.districtShape();
  const incoming: (Incoming & { accuracy: number | null; speed: number | null })[] = points.map((p, index) => {
    const t = Date.parse(p.t);
    if (t > now + MAX_FUTURE_MS) throw new Invalid(m('workers.pointInFuture', { index, t: p.t }));
    if (t < oldest) throw new Invalid(m('workers.pointTooOld', { index, days: deps.retentionDays, t: p.t }));
    const flags = district.contains(p.lon, p.lat) ? 0 : POSITION_FLAGS.outsideDistrict;
    return { index, t, lon: p.lon, lat: p.lat, flags, accuracy: p.accuracy ?? null, speed: p.speed ?? null };
  });
  let min = Infinity,
    max = -Infinity;
  for (const p of incoming) {
    if (p.t < min) min = p.t;
    if (p.t > max) max = p.t;
  }
  await deps.partitions.ensure(incoming.map((p) => cstDay(p.t)));

  const cached = deps.recent?.get(worker.id);
  const stored =
    cached && cached.t < min
      ? { rows: [cached] }
      : await deps.db.query<Fix>(
          /* sql */ `SELECT (extract(epoch FROM t) * 1000)::float8 AS t, lon, lat, flags FROM (
        (SELECT t, lon, lat, flags FROM worker_positions
          WHERE worker_id = $1 AND t < $2 AND t >= $2::timestamptz - interval '${PREDECESSOR_WINDOW}' AND flags & ${POSITION_FLAGS.speedJump} = 0
          ORDER BY t DESC LIMIT 1)
        UNION ALL
        (SELECT t, lon, lat, flags FROM worker_positions WHERE worker_id = $1 AND t >= $2 AND t <= $3)
      ) s`,
          [worker.id, new Date(min).toISOString(), new Date(max).toISOString()],
        );
  const { points: fresh, duplicates } = flagSpeedJumps(stored.rows, incoming);
  const byIndex = new Map(incoming.map((p) => [p.index, p]));
  let accepted = 0;
  let flagged = 0;
  if (fresh.length) {
    const r = await deps.db.query<{ flags: number }>(
      /* sql */ `INSERT INTO worker_positions (worker_id, t, lon, lat, accuracy, speed, flags)
        SELECT $1, t, lon, lat, acc, spd, fl FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::smallint[]) AS u(t, lon, lat, acc, spd, fl)
        ON CONFLICT (worker_id, t) DO NOTHING
        RETURNING flags`,
      [
        worker.id,
        fresh.map((p) => new Date(p.t).toISOString()),
        fresh.map((p) => p.lon),
        fresh.map((p) => p.lat),
        fresh.map((p) => byIndex.get(p.index)!.accuracy),
        fresh.map((p) => byIndex.get(p.index)!.speed),
        fresh.map((p) => p.flags),
      ],
    );
    accepted = r.rowCount;
    flagged = r.rows.filter((x) => x.flags !== 0).length;
  }
  // Coverage of a completed day was stored once; a late point for it makes those rows stale.
  const today = cstDay(now);
  const pastDays = [...new Set(fresh.map((p) => cstDay(p.t)))].filter((d) => d < today);
  if (accepted && pastDays.length && worker.grids.length) {
    await deps.db.query(
      /* sql */ `DELETE FROM patrol_coverage_daily WHERE day = ANY($1::date[]) AND grid_id = ANY($2::int[])`,
      [pastDays, worker.grids.map((g) => g.id)],
    );
  }
  const newest = fresh.filter((p) => !(p.flags & POSITION_FLAGS.speedJump)).at(-1);
  if (accepted && newest && deps.recent && newest.t > (cached?.t ?? -Infinity)) {
    deps.recent.set(worker.id, { t: newest.t, lon: newest.lon, lat: newest.lat, flags: newest.flags });
  }
  if (accepted && newest && deps.live) deps.live.offer(worker, newest);
  return { accepted, duplicates: duplicates + (fresh.length - accepted), flagged };
}
