// SQL of the grid-worker features: latest positions, trails, coverage inputs, alarm state, visits,
// compliance and ranking inputs. Every list is bounded by worker ids or area paths the caller resolved
// from their scope.
import type { Queryable } from '../db/index.js';

const EPOCH_MS = /* sql */ `(extract(epoch FROM p.t) * 1000)::float8`;

export interface LatestRow {
  workerId: number;
  t: number;
  lon: number;
  lat: number;
  flags: number;
}

/** The latest position (not a speed jump) of each worker in [from, to]. */
export async function latestPositions(
  q: Queryable,
  workerIds: readonly number[],
  from: Date,
  to: Date,
): Promise<LatestRow[]> {
  if (!workerIds.length) return [];
  const r = await q.query<LatestRow>(
    /* sql */ `SELECT w.id AS "workerId", l.t, l.lon, l.lat, l.flags
      FROM unnest($1::int[]) AS w(id)
      JOIN LATERAL (SELECT ${EPOCH_MS} AS t, p.lon, p.lat, p.flags FROM worker_positions p
                    WHERE p.worker_id = w.id AND p.t >= $2 AND p.t <= $3 AND p.flags & 1 = 0
                    ORDER BY p.t DESC LIMIT 1) l ON true`,
    [workerIds, from.toISOString(), to.toISOString()],
  );
  return r.rows;
}

export interface PointRow {
  workerId: number;
  t: number;
  lon: number;
  lat: number;
  flags: number;
}

/** Every position of these workers in [from, to), in device-time order per worker. */
export async function positions(q: Queryable, workerIds: readonly number[], from: Date, to: Date): Promise<PointRow[]> {
  if (!workerIds.length) return [];
  const r = await q.query<PointRow>(
    /* sql */ `SELECT p.worker_id AS "workerId", ${EPOCH_MS} AS t, p.lon, p.lat, p.flags FROM worker_positions p
      WHERE p.worker_id = ANY($1::int[]) AND p.t >= $2 AND p.t < $3 ORDER BY p.worker_id, p.t`,
    [workerIds, from.toISOString(), to.toISOString()],
  );
  return r.rows;
}

/**
 * For each (worker, before): up to `limit` unflagged positions in [from, before), newest first — a worker's
 * track read backwards a page at a time (the primary key (worker_id, t) serves it).
 */
export async function positionsBefore(
  q: Queryable,
  pages: readonly { workerId: number; before: Date }[],
  from: Date,
  limit: number,
): Promise<PointRow[]> {
  if (!pages.length) return [];
  const r = await q.query<PointRow>(
    /* sql */ `SELECT w.id AS "workerId", l.t, l.lon, l.lat, l.flags
      FROM unnest($1::int[], $2::timestamptz[]) AS w(id, before)
      JOIN LATERAL (SELECT ${EPOCH_MS} AS t, p.lon, p.lat, p.flags FROM worker_positions p
                    WHERE p.worker_id = w.id AND p.t >= $3 AND p.t < w.before AND p.flags = 0
                    ORDER BY p.t DESC LIMIT $4) l ON true`,
    [pages.map((x) => x.workerId), pages.map((x) => x.before.toISOString()), from.toISOString(), limit],
  );
  return r.rows;
}

/** Distinct unflagged positions (snapped to ~5 m) of each grid's own workers in [from, to). */
export async function gridPoints(
  q: Queryable,
  gridIds: readonly number[],
  from: Date,
  to: Date,
): Promise<{ gridId: number; lon: number; lat: number }[]> {
  if (!gridIds.length) return [];
  const r = await q.query<{ gridId: number; lon: number; lat: number }>(
    /* sql */ `SELECT wg.grid_id AS "gridId", round(p.lon * 20000) / 20000 AS lon, round(p.lat * 20000) / 20000 AS lat
      FROM worker_grids wg JOIN worker_positions p ON p.worker_id = wg.worker_id
      WHERE wg.grid_id = ANY($1::int[]) AND p.t >= $2 AND p.t < $3 AND p.flags = 0
      GROUP BY 1, 2, 3`,
    [gridIds, from.toISOString(), to.toISOString()],
  );
  return r.rows.map((x) => ({ gridId: x.gridId, lon: Number(x.lon), lat: Number(x.lat) }));
}

/** The roads inside each grid, clipped to it, as GeoJSON line coordinates. */
export async function gridRoads(q: Queryable, gridIds: readonly number[]): Promise<{ gridId: number; geom: string }[]> {
  if (!gridIds.length) return [];
  const r = await q.query<{ gridId: number; geom: string }>(
    /* sql */ `SELECT g.id AS "gridId", ST_AsGeoJSON(ST_Transform(ST_CollectionExtract(ST_Intersection(r.geom_3857, g.geom_3857), 2), 4326)) AS geom
      FROM areas g JOIN roads r ON r.geom_3857 && g.geom_3857 AND ST_Intersects(r.geom_3857, g.geom_3857)
      WHERE g.id = ANY($1::int[])`,
    [gridIds],
  );
  return r.rows;
}

export interface GridRow {
  id: number;
  name: string;
  path: string;
  lat: number;
}

/** Grids at or under an area path. */
export async function gridsUnder(q: Queryable, path: string): Promise<GridRow[]> {
  const r = await q.query<GridRow>(
    /* sql */ `SELECT id, name, path, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path LIKE $1 || '%' ORDER BY code`,
    [path],
  );
  return r.rows;
}

export interface StoredCoverage {
  gridId: number;
  day: string;
  coverage: number;
  roadMetres: number;
  points: number;
}

export async function storedCoverage(
  q: Queryable,
  gridIds: readonly number[],
  days: readonly string[],
): Promise<StoredCoverage[]> {
  if (!gridIds.length || !days.length) return [];
  const r = await q.query<StoredCoverage>(
    /* sql */ `SELECT grid_id AS "gridId", to_char(day, 'YYYY-MM-DD') AS day, coverage, road_metres AS "roadMetres", points
      FROM patrol_coverage_daily WHERE grid_id = ANY($1::int[]) AND day = ANY($2::date[])`,
    [gridIds, days],
  );
  return r.rows;
}

export async function storeCoverage(q: Queryable, rows: readonly StoredCoverage[]): Promise<void> {
  if (!rows.length) return;
  await q.query(
    /* sql */ `INSERT INTO patrol_coverage_daily (grid_id, day, coverage, road_metres, points)
      SELECT * FROM unnest($1::int[], $2::date[], $3::real[], $4::real[], $5::int[])
      ON CONFLICT (day, grid_id) DO UPDATE SET coverage = EXCLUDED.coverage, road_metres = EXCLUDED.road_metres, points = EXCLUDED.points`,
    [
      rows.map((r) => r.gridId),
      rows.map((r) => r.day),
      rows.map((r) => r.coverage),
      rows.map((r) => r.roadMetres),
      rows.map((r) => r.points),
    ],
  );
}

export async function openAlarms(
  q: Queryable,
): Promise<{ workerId: number; kind: 'out_of_grid' | 'silent'; since: string }[]> {
  const r = await q.query<{ workerId: number; kind: 'out_of_grid' | 'silent'; since: string }>(
    /* sql */ `SELECT worker_id AS "workerId", kind, since FROM worker_alarm_open`,
  );
  return r.rows;
}

export async function openAlarm(
  q: Queryable,
  workerId: number,
  kind: string,
  since: Date,
  now: Date,
): Promise<boolean> {
  const r = await q.query(
    /* sql */ `INSERT INTO worker_alarm_open (worker_id, kind, since, raised_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [workerId, kind, since.toISOString(), now.toISOString()],
  );
  return r.rowCount > 0;
}

export async function closeAlarm(q: Queryable, workerId: number, kind: string): Promise<void> {
  await q.query(/* sql */ `DELETE FROM worker_alarm_open WHERE worker_id = $1 AND kind = $2`, [workerId, kind]);
}
