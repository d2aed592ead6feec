// Recomputes what is precomputed from residents: per-grid demographics and the counts on every area.
// Run after any change to residents; costs one pass over residents plus O(areas) (and O(new buildings) H3 look-ups).
import { cellToLatLng, getResolution, latLngToCell } from 'h3-js';
import type { Queryable } from '../db/index.js';

/** H3 resolutions kept for elder density: 7 (≈ 5 km² a cell), 8 (≈ 0.7 km²), 9 (≈ 0.1 km²). */
export const H3_RESOLUTIONS = [7, 8, 9] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

export async function refreshDemographics(q: Queryable): Promise<void> {
  await q.query(/* sql */ `DELETE FROM grid_demographics`);
  await q.query(/* sql */ `INSERT INTO grid_demographics (grid_id, band, sex, people, low_income, extreme_poverty, disabled, child_difficulty, elder_alone)
      SELECT grid_id, LEAST(age / 5, 18), sex, count(*),
        count(*) FILTER (WHERE flags & 1 <> 0), count(*) FILTER (WHERE flags & 2 <> 0),
        count(*) FILTER (WHERE flags & 4 <> 0), count(*) FILTER (WHERE flags & 8 <> 0),
        count(*) FILTER (WHERE flags & 16 <> 0)
      FROM residents GROUP BY 1, 2, 3`);
  await refreshElderDensity(q);
}

/** Gives every building without one its H3 cells (computed here: neither database build has the h3 extension). */
export async function indexBuildingCells(q: Queryable): Promise<number> {
  const missing = await q.query<{
    id: number;
    lon: number;
    lat: number;
  }>(/* sql */ `SELECT b.id, ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat FROM buildings b
      WHERE NOT EXISTS (SELECT 1 FROM building_h3 h WHERE h.building_id = b.id)`);
  if (!missing.rowCount) return 0;
  const ids: number[] = [];
  const byRes: string[][] = H3_RESOLUTIONS.map(() => []);
  const centres = new Map<string, [number, number]>();
  for (const b of missing.rows) {
    ids.push(b.id);
    H3_RESOLUTIONS.forEach((res, i) => {
      const cell = latLngToCell(b.lat, b.lon, res);
      byRes[i].push(cell);
      if (!centres.has(cell)) {
        const [lat, lon] = cellToLatLng(cell);
        centres.set(cell, [lon, lat]);
      }
    });
  }
  await q.query(
    /* sql */ `INSERT INTO building_h3 (building_id, h3_7, h3_8, h3_9) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
    [ids, ...byRes],
  );
  const cells = [...centres.keys()];
  await q.query(
    /* sql */ `INSERT INTO h3_cells (cell, res, lon, lat)
      SELECT c, h3_res, lon, lat FROM unnest($1::text[], $2::smallint[], $3::float8[], $4::float8[]) AS t(c, h3_res, lon, lat)
      ON CONFLICT (cell) DO NOTHING`,
    [
      cells,
      cells.map((c) => getResolution(c)),
      cells.map((c) => centres.get(c)![0]),
      cells.map((c) => centres.get(c)![1]),
    ],
  );
  return ids.length;
}

/**
 * Elder counts per (resolution, cell, grid) from residents: one pass over residents grouped by building,
 * then three cheap joins (one per resolution) over buildings. Call after any change to residents or buildings.
 */
export async function refreshElderDensity(q: Queryable): Promise<void> {
  await indexBuildingCells(q);
  await q.query(/* sql */ `DELETE FROM elder_cells`);
  await q.query(/* sql */ `WITH per_building AS (
        SELECT building_id, grid_id, count(*) AS people, count(*) FILTER (WHERE age >= 60) AS e60,
          count(*) FILTER (WHERE age >= 80) AS e80, count(*) FILTER (WHERE flags & 16 <> 0) AS alone
        FROM residents GROUP BY building_id, grid_id
      ), per_cell AS (
        SELECT v.res, v.cell, p.grid_id, sum(p.people) AS people, sum(p.e60) AS e60, sum(p.e80) AS e80, sum(p.alone) AS alone
        FROM per_building p JOIN building_h3 h ON h.building_id = p.building_id
        CROSS JOIN LATERAL (VALUES (7::smallint, h.h3_7), (8::smallint, h.h3_8), (9::smallint, h.h3_9)) AS v(res, cell)
        GROUP BY v.res, v.cell, p.grid_id
      )
      INSERT INTO elder_cells (res, cell, grid_id, path, lon, lat, people, e60, e80, alone)
      SELECT c.res, c.cell, c.grid_id, a.path, x.lon, x.lat, c.people, c.e60, c.e80, c.alone
      FROM per_cell c JOIN areas a ON a.id = c.grid_id JOIN h3_cells x ON x.cell = c.cell`);
}

/** Grid counts from residents, then each level up as the sum of its children (special grids are an overlay, not summed). */
export async function refreshAreaCounts(q: Queryable): Promise<void> {
  await q.query(/* sql */ `UPDATE areas a SET population = s.population, elders60 = s.e60, elders80 = s.e80, households = s.households
      FROM (
        SELECT g.id,
          coalesce(r.population, 0) AS population, coalesce(r.e60, 0) AS e60, coalesce(r.e80, 0) AS e80,
          coalesce(b.households, 0) AS households
        FROM areas g
        LEFT JOIN (SELECT grid_id, count(*) AS population, count(*) FILTER (WHERE age >= 60) AS e60,
                     count(*) FILTER (WHERE age >= 80) AS e80 FROM residents GROUP BY grid_id) r ON r.grid_id = g.id
        LEFT JOIN (SELECT grid_id, sum(households) AS households FROM buildings GROUP BY grid_id) b ON b.grid_id = g.id
        WHERE g.level = 'grid'
      ) s WHERE a.id = s.id`);
  for (const level of ['community', 'street', 'district']) {
    await q.query(
      /* sql */ `UPDATE areas p SET households = s.h, population = s.p, elders60 = s.e60, elders80 = s.e80
        FROM (SELECT parent_id, sum(households) AS h, sum(population) AS p, sum(elders60) AS e60, sum(elders80) AS e80
              FROM areas WHERE level <> 'special' GROUP BY parent_id) s
        WHERE p.id = s.parent_id AND p.level = $1`,
      [level],
    );
  }
}
