// Recomputes what is precomputed from residents: per-grid demographics and the counts on every area.
// Run after any change to residents; costs one pass over residents plus O(areas).
import type { Queryable } from '../db/index.js';

export async function refreshDemographics(q: Queryable): Promise<void> {
  await q.query(/* sql */ `DELETE FROM grid_demographics`);
  await q.query(
    /* sql */ `INSERT INTO grid_demographics (grid_id, band, sex, people, low_income, extreme_poverty, disabled, child_difficulty, elder_alone)
      SELECT grid_id, LEAST(age / 5, 18), sex, count(*),
        count(*) FILTER (WHERE flags & 1 <> 0), count(*) FILTER (WHERE flags & 2 <> 0),
        count(*) FILTER (WHERE flags & 4 <> 0), count(*) FILTER (WHERE flags & 8 <> 0),
        count(*) FILTER (WHERE flags & 16 <> 0)
      FROM residents GROUP BY 1, 2, 3`,
  );
}

/** Grid counts from residents, then each level up as the sum of its children (special grids are an overlay, not summed). */
export async function refreshAreaCounts(q: Queryable): Promise<void> {
  await q.query(
    /* sql */ `UPDATE areas a SET population = s.population, elders60 = s.e60, elders80 = s.e80, households = s.households
      FROM (
        SELECT g.id,
          coalesce(r.population, 0) AS population, coalesce(r.e60, 0) AS e60, coalesce(r.e80, 0) AS e80,
          coalesce(b.households, 0) AS households
        FROM areas g
        LEFT JOIN (SELECT grid_id, count(*) AS population, count(*) FILTER (WHERE age >= 60) AS e60,
                     count(*) FILTER (WHERE age >= 80) AS e80 FROM residents GROUP BY grid_id) r ON r.grid_id = g.id
        LEFT JOIN (SELECT grid_id, sum(households) AS households FROM buildings GROUP BY grid_id) b ON b.grid_id = g.id
        WHERE g.level = 'grid'
      ) s WHERE a.id = s.id`,
  );
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
