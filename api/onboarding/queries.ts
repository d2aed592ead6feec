// What each onboarding step has loaded under a scope path. Areas and what hangs off a grid are counted by path;
// layers without a grid (roads, water, buildings not yet gridded, resources outside grids) by lying in an area of
// the scope, so a district that has no grids yet still sees its buildings and roads counted.
import type { OnboardingStepName } from '../../contract/onboarding.js';
import type { Queryable } from '../db/index.js';

type Counts = Partial<Record<OnboardingStepName, { count: number; synthetic: boolean }>>;

// The scope's outermost areas: those under the path whose parent is not.
const TOPS = /* sql */ `SELECT a.geom FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
  WHERE a.path LIKE $1 || '%' AND (p.id IS NULL OR p.path NOT LIKE $1 || '%')`;

export async function onboardingCounts(q: Queryable, path: string): Promise<Counts> {
  const areas = await q.query<{ level: OnboardingStepName; n: string; synthetic: boolean }>(
    /* sql */ `SELECT level, count(*) AS n, bool_or(synthetic) AS synthetic FROM areas WHERE path LIKE $1 || '%' GROUP BY level`,
    [path],
  );
  const out: Counts = {};
  for (const r of areas.rows) out[r.level] = { count: Number(r.n), synthetic: r.synthetic };
  const layers = await q.query<{ step: OnboardingStepName; n: string }>(
    /* sql */ `WITH tops AS (${TOPS})
    SELECT 'buildings' AS step, count(*) AS n FROM buildings b WHERE EXISTS (SELECT 1 FROM tops WHERE ST_Intersects(tops.geom, b.geom))
    UNION ALL SELECT 'roads', count(*) FROM roads r WHERE EXISTS (SELECT 1 FROM tops WHERE ST_Intersects(tops.geom, r.geom))
    UNION ALL SELECT 'water', count(*) FROM water w WHERE EXISTS (SELECT 1 FROM tops WHERE ST_Intersects(tops.geom, w.geom))
    UNION ALL SELECT 'resources', count(*) FROM resources s WHERE EXISTS (SELECT 1 FROM tops WHERE ST_Intersects(tops.geom, s.geom))
    UNION ALL SELECT 'police', count(*) FROM police_grids p WHERE p.scope_path LIKE $1 || '%' OR EXISTS (SELECT 1 FROM tops WHERE ST_Intersects(tops.geom, p.geom))
    UNION ALL SELECT 'workers', count(DISTINCT wg.worker_id) FROM worker_grids wg JOIN areas g ON g.id = wg.grid_id WHERE g.path LIKE $1 || '%'
    UNION ALL SELECT 'departments', count(*) FROM departments WHERE active
    UNION ALL SELECT 'responsibilities', count(*) FROM responsibilities s LEFT JOIN areas a ON a.id = s.area_id WHERE a.id IS NULL OR a.path LIKE $1 || '%'
    UNION ALL SELECT 'residents', count(*) FROM residents r JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%'`,
    [path],
  );
  // Layers other than areas carry no synthetic flag of their own: they are the demo city's when its areas are.
  const demo = areas.rows.some((r) => r.synthetic);
  for (const r of layers.rows) out[r.step] = { count: Number(r.n), synthetic: demo && Number(r.n) > 0 };
  return out;
}
