// Loads a generated (or imported) city into an empty schema, in one transaction, reporting progress.
import type { City, Progress } from '../../geodata/city/types.js';
import type { Db, Queryable } from '../db/index.js';
import { refreshAreaCounts, refreshDemographics } from '../population/aggregates.js';

const RESIDENT_BATCH = 100_000;

/** '/1/3/17/' for every area, from the parent links. */
export function areaPaths(areas: City['areas']): Map<number, string> {
  const parent = new Map(areas.map((a) => [a.id, a.parentId]));
  const paths = new Map<number, string>();
  const pathOf = (id: number): string => {
    const known = paths.get(id);
    if (known) return known;
    const p = parent.get(id);
    if (p === undefined) throw new Error(`area ${id} is referenced but missing`);
    const out = `${p === null ? '/' : pathOf(p)}${id}/`;
    paths.set(id, out);
    return out;
  };
  for (const a of areas) pathOf(a.id);
  return paths;
}

const LEVEL_ORDER = ['district', 'street', 'community', 'grid', 'special'];

async function insertAreas(q: Queryable, city: City): Promise<void> {
  const paths = areaPaths(city.areas);
  const sorted = [...city.areas].sort(
    (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id - b.id,
  );
  const col = <T>(f: (a: City['areas'][number]) => T) => sorted.map(f);
  await q.query(
    /* sql */ `INSERT INTO areas (id, code, name, level, parent_id, path, special_class, households, population, elders60, elders80, synthetic, geom)
      SELECT id, code, name, level, parent_id, path, special_class, households, population, e60, e80, true,
        ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326))
      FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::int[], $12::text[])
        AS t(id, code, name, level, parent_id, path, special_class, households, population, e60, e80, g)`,
    [
      col((a) => a.id),
      col((a) => a.code),
      col((a) => a.name),
      col((a) => a.level),
      col((a) => a.parentId),
      col((a) => paths.get(a.id)),
      col((a) => a.specialClass),
      col((a) => a.households),
      col((a) => a.population),
      col((a) => a.elders60),
      col((a) => a.elders80),
      col((a) => JSON.stringify(a.geometry)),
    ],
  );
}

/**
 * Bulk load of residents. Row-by-row foreign-key checks and index maintenance cost ~5× the insert
 * itself, so where the role may (a superuser: always on PGlite) the load skips the FK triggers and
 * checks the same references afterwards in one set-based query, and the secondary indexes are built
 * once at the end. Without that right it falls back to ordinary checked inserts.
 */
async function insertResidents(q: Queryable, city: City, progress: Progress): Promise<void> {
  const r = city.residents;
  const gridOf = new Map(city.buildings.map((b) => [b.id, b.gridId]));
  await q.query('SAVEPOINT bulk');
  let fast = true;
  try {
    await q.query('SET LOCAL session_replication_role = replica');
  } catch {
    await q.query('ROLLBACK TO SAVEPOINT bulk');
    fast = false;
  }
  await q.query('DROP INDEX IF EXISTS residents_grid_idx');
  await q.query('DROP INDEX IF EXISTS residents_building_idx');
  for (let start = 0; start < r.count; start += RESIDENT_BATCH) {
    const end = Math.min(r.count, start + RESIDENT_BATCH);
    const building = Array.from(r.buildingId.subarray(start, end));
    await q.query(
      /* sql */ `INSERT INTO residents (building_id, grid_id, household, age, sex, flags)
        SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::smallint[], $5::smallint[], $6::smallint[])`,
      [
        building,
        building.map((b) => gridOf.get(b)),
        Array.from(r.household.subarray(start, end)),
        Array.from(r.age.subarray(start, end)),
        Array.from(r.sex.subarray(start, end)),
        Array.from(r.flags.subarray(start, end)),
      ],
    );
    progress('residents', end, r.count);
  }
  await q.query('CREATE INDEX residents_grid_idx ON residents (grid_id)');
  await q.query('CREATE INDEX residents_building_idx ON residents (building_id)');
  if (fast) {
    await q.query('SET LOCAL session_replication_role = origin');
    const orphans = await q.query<{ n: number }>(/* sql */ `SELECT count(*)::int AS n FROM residents r
        LEFT JOIN buildings b ON b.id = r.building_id LEFT JOIN areas g ON g.id = r.grid_id
        WHERE b.id IS NULL OR g.id IS NULL OR g.id <> b.grid_id`);
    if (orphans.rows[0].n > 0)
      throw new Error(`${orphans.rows[0].n} residents point at a missing building or the wrong grid`);
  }
}

export async function loadCity(db: Db, city: City, progress: Progress = () => undefined): Promise<void> {
  await db.tx(async (q) => {
    progress('areas', 0, 1);
    await insertAreas(q, city);
    progress('areas', 1, 1);
    await q.query(
      /* sql */ `INSERT INTO roads (id, name, road_class, geom)
        SELECT id, name, cls, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(id, name, cls, g)`,
      [
        city.roads.map((r) => r.id),
        city.roads.map((r) => r.name),
        city.roads.map((r) => r.roadClass),
        city.roads.map((r) => JSON.stringify(r.geometry)),
      ],
    );
    await q.query(
      /* sql */ `INSERT INTO water (id, name, geom)
        SELECT id, name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, name, g)`,
      [city.water.map((w) => w.id), city.water.map((w) => w.name), city.water.map((w) => JSON.stringify(w.geometry))],
    );
    progress('base map', 1, 1);
    const b = city.buildings;
    await q.query(
      /* sql */ `INSERT INTO buildings (id, grid_id, address, households, population, floors, geom)
        SELECT id, grid_id, address, households, population, floors, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
        FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::smallint[], $7::float8[], $8::float8[])
          AS t(id, grid_id, address, households, population, floors, lon, lat)`,
      [
        b.map((x) => x.id),
        b.map((x) => x.gridId),
        b.map((x) => x.address),
        b.map((x) => x.households),
        b.map((x) => x.population),
        b.map((x) => x.floors),
        b.map((x) => x.lon),
        b.map((x) => x.lat),
      ],
    );
    progress('buildings', b.length, b.length);
    await insertResidents(q, city, progress);
    const res = city.resources;
    await q.query(
      /* sql */ `INSERT INTO resources (id, kind, name, grid_id, capacity, geom)
        SELECT id, kind, name, grid_id, capacity, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
        FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::float8[], $7::float8[]) AS t(id, kind, name, grid_id, capacity, lon, lat)`,
      [
        res.map((x) => x.id),
        res.map((x) => x.kind),
        res.map((x) => x.name),
        res.map((x) => x.gridId),
        res.map((x) => x.capacity),
        res.map((x) => x.lon),
        res.map((x) => x.lat),
      ],
    );
    const w = city.workers;
    await q.query(
      /* sql */ `INSERT INTO grid_workers (id, name, phone) SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`,
      [w.map((x) => x.id), w.map((x) => x.name), w.map((x) => x.phone)],
    );
    const pairs = w.flatMap((x) => x.gridIds.map((g) => [x.id, g] as const));
    await q.query(
      /* sql */ `INSERT INTO worker_grids (worker_id, grid_id) SELECT * FROM unnest($1::int[], $2::int[])`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    progress('resources and workers', 1, 1);
    await refreshDemographics(q);
    await refreshAreaCounts(q);
    progress('aggregates', 1, 1);
    // Identity columns continue after the generator's ids.
    for (const t of ['areas', 'roads', 'water', 'buildings', 'residents', 'resources', 'grid_workers']) {
      await q.query(
        /* sql */ `SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`,
      );
    }
    await q.query(
      /* sql */ `INSERT INTO city_meta (key, value) VALUES ('city', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [JSON.stringify({ ...city.meta, synthetic: true, loadedAt: new Date().toISOString() })],
    );
  });
  await db.exec('ANALYZE');
}

/** Empties every table the city lives in (accounts, sessions and orders too: they point at areas). */
export async function clearCity(db: Db): Promise<void> {
  await db.exec(
    /* sql */ `TRUNCATE pushes, photos, city_meta, grid_demographics, residents, buildings, worker_grids, grid_workers, resources, roads, water, sessions, audit_log, accounts, areas RESTART IDENTITY CASCADE`,
  );
}
