// SQL for population aggregates. Every query takes a scope path: cells are summed over the grids under it only.
import type { ElderMetric } from '../../contract/population.js';
import type { Queryable } from '../db/index.js';
import { type Discloser, discloser, disclosureKey } from './disclosure.js';

const METRIC_COLUMN: Record<ElderMetric, string> = { e60: 'e60', e80: 'e80', alone: 'alone' };
const METRIC_FILTER: Record<ElderMetric, string> = {
  e60: 'r.age >= 60',
  e80: 'r.age >= 80',
  alone: 'r.flags & 16 <> 0',
};

export interface CellCount {
  h3: string;
  lon: number;
  lat: number;
  value: number;
}

export interface CellQuery {
  res: number;
  metric: ElderMetric;
  path: string;
  bbox?: [number, number, number, number];
  minCount: number;
}

const bboxArgs = (b?: [number, number, number, number]) => (b ? b : [null, null, null, null]);

/**
 * Precomputed: O(cells × grids a cell straddles) under the path. Returns kept cells and the number suppressed; a kept
 * cell's value is its count as published (disclosure.ts), keyed by the cell, the metric and the grids summed into it,
 * so the same people asked for through another scope that holds the same grids come back the same.
 */
export async function elderCells(q: Queryable, c: CellQuery): Promise<{ cells: CellCount[]; suppressed: number }> {
  const col = METRIC_COLUMN[c.metric];
  const [r, disclose] = await Promise.all([
    q.query<{ h3: string; lon: number; lat: number; n: number; grids: number[] }>(
      /* sql */ `SELECT cell AS h3, min(lon) AS lon, min(lat) AS lat, sum(${col})::int AS n,
          array_agg(grid_id ORDER BY grid_id) FILTER (WHERE ${col} > 0) AS grids
        FROM elder_cells
        WHERE res = $1 AND path LIKE $2 || '%'
          AND ($3::float8 IS NULL OR (lon BETWEEN $3 AND $5 AND lat BETWEEN $4 AND $6))
        GROUP BY cell HAVING sum(${col}) > 0
        ORDER BY cell`,
      [c.res, c.path, ...bboxArgs(c.bbox)],
    ),
    disclosureOf(q),
  ]);
  const cells: CellCount[] = [];
  let suppressed = 0;
  for (const row of r.rows) {
    const value = row.n >= c.minCount ? disclose.count(row.n, disclosureKey.cell(c.metric, row.h3, row.grids)) : null;
    if (value) cells.push({ h3: row.h3, lon: row.lon, lat: row.lat, value });
    else suppressed++;
  }
  return { cells, suppressed };
}

/** The same answer computed from residents on every request (for comparison in bench/elder-density.ts). */
export async function elderCellsLive(q: Queryable, c: CellQuery): Promise<{ cells: CellCount[]; suppressed: number }> {
  const cellCol = `h3_${c.res}`;
  const r = await q.query<CellCount & { kept: boolean }>(
    /* sql */ `SELECT h.${cellCol} AS h3, min(x.lon) AS lon, min(x.lat) AS lat,
        CASE WHEN count(*) >= $7 THEN count(*)::int END AS value, count(*) >= $7 AS kept
      FROM residents r JOIN building_h3 h ON h.building_id = r.building_id JOIN h3_cells x ON x.cell = h.${cellCol}
      WHERE ${METRIC_FILTER[c.metric]} AND ($1::int IS NOT NULL)
        AND r.grid_id IN (SELECT id FROM areas WHERE path LIKE $2 || '%')
        AND ($3::float8 IS NULL OR (x.lon BETWEEN $3 AND $5 AND x.lat BETWEEN $4 AND $6))
      GROUP BY h.${cellCol}
      ORDER BY 1`,
    [c.res, c.path, ...bboxArgs(c.bbox), c.minCount],
  );
  const cells: CellCount[] = [];
  let suppressed = 0;
  for (const row of r.rows) {
    if (row.kept) cells.push({ h3: row.h3, lon: row.lon, lat: row.lat, value: row.value });
    else suppressed++;
  }
  return { cells, suppressed };
}

const disclosers = new WeakMap<object, Promise<Discloser>>();

/** The database's disclosure control (its secret read once per connection pool; see disclosure.ts). */
export function disclosureOf(q: Queryable): Promise<Discloser> {
  let d = disclosers.get(q);
  if (!d) {
    d = q.query<{ secret: string }>(/* sql */ `SELECT secret FROM disclosure_secret`).then((r) => {
      if (!r.rows[0]) throw new Error('disclosure_secret is empty: migration 0023 did not run');
      return discloser(r.rows[0].secret);
    });
    d.catch(() => disclosers.delete(q));
    disclosers.set(q, d);
  }
  return d;
}
