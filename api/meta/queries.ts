// SQL for city meta data (city_meta key/value) and the extent of a caller's scope.
import type { CityMeta } from '../../contract/meta.js';
import type { Queryable } from '../db/index.js';

/** The city as stored; the route adds the configured base map (and its datum's tile URLs). */
export type StoredCityMeta = Omit<CityMeta, 'basemap'>;

export async function readCityMeta(q: Queryable, scopePath: string): Promise<StoredCityMeta | null> {
  const r = await q.query<{
    city: { name: string; nameEn: string; synthetic: boolean; unnamed?: boolean } | null;
    district: number | null;
    districtName: string | null;
    districts: number;
    synthetic: boolean | null;
    w: number;
    s: number;
    e: number;
    n: number;
    cx: number;
    cy: number;
  }>(
    // The districts in the scope, or the one that holds it (a community's or a street's account works in its district).
    /* sql */ `SELECT (SELECT value FROM city_meta WHERE key = 'city') AS city,
        (SELECT id FROM areas WHERE level = 'district' AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY id LIMIT 1) AS district,
        (SELECT name FROM areas WHERE level = 'district' AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY id LIMIT 1) AS "districtName",
        (SELECT count(*)::int FROM areas WHERE level = 'district' AND (path LIKE $1 || '%' OR $1 LIKE path || '%')) AS districts,
        (SELECT bool_and(synthetic) FROM areas WHERE path LIKE $1 || '%' AND level <> 'special') AS synthetic,
        ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n,
        ST_X(ST_Centroid(e)) AS cx, ST_Y(ST_Centroid(e)) AS cy
      FROM (SELECT ST_Extent(geom)::geometry AS e FROM areas WHERE path LIKE $1 || '%' AND level <> 'special') x`,
    [scopePath],
  );
  const row = r.rows[0];
  if (!row?.city) return null;
  const empty = row.w === null;
  // An installation nobody has named yet is called after its district while it holds one (in the caller's scope).
  const byDistrict = row.city.unnamed === true && row.districts === 1 && row.districtName !== null;
  return {
    name: byDistrict ? row.districtName! : row.city.name,
    nameEn: byDistrict ? row.districtName! : row.city.nameEn,
    // The label follows the areas shown: a real district imported beside (or instead of) the demo one is not synthetic.
    synthetic: !empty && row.city.synthetic && row.synthetic === true,
    districtId: row.district,
    districts: row.districts,
    bbox: empty ? null : [row.w, row.s, row.e, row.n],
    center: empty ? null : [row.cx, row.cy],
    tiles: {
      areas: '/tiles/areas/{z}/{x}/{y}.pbf',
      basemap: '/tiles/basemap/{z}/{x}/{y}.pbf',
      minzoom: 8,
      maxzoom: 18,
    },
  };
}

export async function isCityLoaded(q: Queryable): Promise<boolean> {
  const r = await q.query(/* sql */ `SELECT 1 FROM city_meta WHERE key = 'city'`);
  return r.rowCount > 0;
}
