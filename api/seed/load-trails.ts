// Loads the demo patrol trails into the day partitions of worker_positions — small city: every worker, the
// last completed day; full city: the workers of the first 2 streets, the same day (~300 k
// fixes, keeping the first start short) — and the demo visits to special-group residents of the whole
// district for this month so far. Today is left to live positions (`npm run simulate -- --positions`).
import { generateTrails } from '../../geodata/trails/index.js';
import { generateVisits } from '../../geodata/trails/visits.js';
import type { City, Progress } from '../../geodata/city/types.js';
import type { Db } from '../db/index.js';
import { DAY_MS, cstDay, cstMonth, monthRange } from '../workers/cst.js';
import { Partitions } from '../workers/partitions.js';

export const TRAILS_STEP = '巡查轨迹 patrol trails';
export const VISITS_STEP = '走访记录 visits';
/** Completed days of trails by city size (the full city's 1,586 workers make ~1.9 M fixes a day). */
export const TRAIL_DAYS = { small: 1, full: 1 } as const;
/** In the full city, trails for the workers of this many streets (in code order). */
export const FULL_CITY_STREETS = 2;
const BATCH = 40_000;

export async function seedTrails(
  db: Db,
  city: City,
  seed: number,
  now = Date.now(),
  progress: Progress = () => undefined,
): Promise<{ positions: number; visits: number }> {
  const size = city.workers.length > 300 ? 'full' : 'small';
  const today = cstDay(now);
  const days = Array.from({ length: TRAIL_DAYS[size] }, (_, i) =>
    cstDay(Date.parse(`${today}T12:00:00+08:00`) - (TRAIL_DAYS[size] - i) * DAY_MS),
  );
  await new Partitions(db).ensure(days);
  let workerIds: Set<number> | undefined;
  if (size === 'full') {
    const streets = city.areas
      .filter((a) => a.level === 'street')
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, FULL_CITY_STREETS)
      .map((a) => a.id);
    const byId = new Map(city.areas.map((a) => [a.id, a]));
    const streetOf = (id: number): number | null => {
      for (let a = byId.get(id); a; a = a.parentId === null ? undefined : byId.get(a.parentId))
        if (a.level === 'street') return a.id;
      return null;
    };
    workerIds = new Set(city.workers.filter((w) => streets.includes(streetOf(w.gridIds[0]) ?? -1)).map((w) => w.id));
  }
  const cols = {
    w: [] as number[],
    t: [] as number[],
    lon: [] as number[],
    lat: [] as number[],
    acc: [] as number[],
    fl: [] as number[],
  };
  let positions = 0;
  const flush = async () => {
    if (!cols.w.length) return;
    await db.query(
      /* sql */ `INSERT INTO worker_positions (worker_id, t, lon, lat, accuracy, flags, received_at)
        SELECT w, to_timestamp(t), lon, lat, acc, fl, to_timestamp(t) FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::real[], $6::smallint[]) AS u(w, t, lon, lat, acc, fl)
        ON CONFLICT DO NOTHING`,
      [cols.w, cols.t, cols.lon, cols.lat, cols.acc, cols.fl],
    );
    positions += cols.w.length;
    for (const k of Object.keys(cols) as (keyof typeof cols)[]) cols[k].length = 0;
  };
  let done = 0;
  const total = (workerIds?.size ?? city.workers.length) * days.length;
  for (const d of generateTrails(city, { seed, days, workerIds })) {
    for (let i = 0; i < d.t.length; i++) {
      cols.w.push(d.workerId);
      cols.t.push(d.t[i] / 1000);
      cols.lon.push(d.lon[i]);
      cols.lat.push(d.lat[i]);
      cols.acc.push(d.accuracy[i]);
      cols.fl.push(d.flags[i]);
    }
    if (cols.w.length >= BATCH) await flush();
    progress(TRAILS_STEP, ++done, total);
  }
  await flush();
  progress(TRAILS_STEP, total, total);

  // Visits: this month until now.
  const [from] = monthRange(cstMonth(now));
  const v = generateVisits(city, seed, from, now);
  const base = Number((await db.query<{ m: string }>(/* sql */ `SELECT min(id) AS m FROM residents`)).rows[0].m);
  const paths = new Map(
    (
      await db.query<{ id: number; path: string }>(/* sql */ `SELECT id, path FROM areas WHERE level = 'grid'`)
    ).rows.map((r) => [r.id, r.path]),
  );
  for (let s = 0; s < v.t.length; s += BATCH) {
    const e = Math.min(v.t.length, s + BATCH);
    const idx = Array.from(v.residentIndex.subarray(s, e));
    const grid = Array.from(v.gridId.subarray(s, e));
    await db.query(
      /* sql */ `INSERT INTO visits (resident_id, grid_id, area_path, worker_id, visited_at, note)
        SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::timestamptz[], $6::text[])`,
      [
        idx.map((i) => base + i),
        grid,
        grid.map((g) => paths.get(g)),
        Array.from(v.workerId.subarray(s, e)),
        Array.from(v.t.subarray(s, e), (t) => new Date(t).toISOString()),
        idx.map(() => '入户走访'),
      ],
    );
    progress(VISITS_STEP, e, v.t.length);
  }
  // Demo phone accounts gw<worker id> for every grid worker without one (same password as worker1), so
  // `npm run simulate -- --positions N` can stream through the real API as the workers themselves.
  await db.query(/* sql */ `INSERT INTO accounts (username, display_name, password_hash, role, area_id, worker_id)
      SELECT 'gw' || w.id, w.name, d.password_hash, 'grid_worker', (SELECT min(grid_id) FROM worker_grids wg WHERE wg.worker_id = w.id), w.id
      FROM grid_workers w CROSS JOIN (SELECT password_hash FROM accounts WHERE username = 'worker1') d
      WHERE EXISTS (SELECT 1 FROM worker_grids wg WHERE wg.worker_id = w.id) AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.worker_id = w.id)
      ON CONFLICT (username) DO NOTHING`);
  return { positions, visits: v.t.length };
}
