// SQL for population aggregates. Every query takes a scope path: cells are summed over the grids under it only.
import type { ElderMetric } from '../../contract/population.js';
import type { Queryable } from '../db/index.js';

const METRIC_COLUMN: Record<ElderMetric, string> = { e60: 'e60', e80: 'e80', alone: 'alone' };
const METRIC_FILTER: Record<ElderMetric, string> = { e60: 'r.age >= 60', e80: 'r.age >= 80', alone: 'r.flags & 16 <> 0' };

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

/** Precomputed: O(cells × grids a cell straddles) under the path. Returns kept cells and the number suppressed. */
export async function elderCells(q: Queryable, c: CellQuery): Promise<{ cells: CellCount[]; suppressed: number }> {
  const col = METRIC_COLUMN[c.metric];
  const r = await q.query<CellCount & { kept: boolean }>(
    /* sql */ `SELECT cell AS h3, min(lon) AS lon, min(lat) AS lat,
        CASE WHEN sum(${col}) >= $7 THEN sum(${col})::int END AS value, sum(${col}) >= $7 AS kept
      FROM elder_cells
      WHERE res = $1 AND path LIKE $2 || '%'
        AND ($3::float8 IS NULL OR (lon BETWEEN $3 AND $5 AND lat BETWEEN $4 AND $6))
      GROUP BY cell HAVING sum(${col}) > 0
      ORDER BY cell`,
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
