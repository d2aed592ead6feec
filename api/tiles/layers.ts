// The vector-tile layers Gridwall serves, as data: table, columns, filter. Constants only — never built from input.
import { PUBLISHED_PEOPLE } from '../areas/queries.js';

export interface TileLayer {
  name: string;
  table: 'areas' | 'roads' | 'water' | 'police_grids' | 'buildings' | 'resources';
  /** Properties as `expression AS "name"`; the feature id is the row id. */
  columns: string;
  /** Extra condition on the rows; may use $4, bound as `param` says. */
  where: string;
  /** What $4 is: the caller's scope path (a prefix of `areas.path`), the zoom level, or nothing. */
  param: 'scope' | 'zoom' | null;
  minzoom: number;
  /** The geometry in EPSG:3857 and the rows near the tile, for tables without a `geom_3857` column. */
  geometry?: { expression: string; near: (envelope: string) => string };
  /**
   * A whole SELECT of `fid`, the properties and `geom_3857` instead of a table's rows ($1–$4 as above); `columns` then
   * names the properties it yields.
   */
  source?: (envelope: string) => string;
}

// Counts of people as published everywhere else (disclose_count: withheld under 10, else rounded to base 10).
const AREA_COLUMNS = `id, code, name, level, parent_id AS "parentId", households, ${PUBLISHED_PEOPLE}`;

const areaLayer = (level: string, minzoom: number): TileLayer => ({
  name: level,
  table: 'areas',
  columns: level === 'special' ? `${AREA_COLUMNS}, special_class AS "specialClass"` : AREA_COLUMNS,
  where: `level = '${level}' AND path LIKE $4 || '%'`,
  param: 'scope',
  minzoom,
});

/** Tables with only a WGS84 geometry: rows found through its index, drawn in EPSG:3857. */
const wgs84 = (expression: string, column: string, reach: number): TileLayer['geometry'] => ({
  expression: `ST_Transform(${expression}, 3857)`,
  // The tile in degrees, widened by `reach` degrees for shapes whose indexed point lies outside it.
  near: (envelope) =>
    `geom && ST_Expand(ST_Transform(${envelope}, 4326), ${reach}) AND ${column} && ST_Transform(${envelope}, 4326)`,
});

export const ROAD_LABEL_MINZOOM = { major: 14, other: 15 } as const;
/** Most road names one base-map tile carries: the longest pieces of the highest classes. */
export const ROAD_LABELS_PER_TILE = 24;

/**
 * Road names: one anchor per named road and tile, at the middle of its longest piece inside the tile (so a name is
 * in one tile only), with `angle` the road's direction there in degrees counter-clockwise from east, kept upright
 * (-90…90). Arterials and secondary roads from z14, the others from z15; pieces shorter than a tenth of the tile
 * carry no name. Drawn by the client, which has the fonts (the style has no glyphs).
 */
const roadLabels = (envelope: string) => /* sql */ `
  WITH clipped AS (
    SELECT id, name, road_class,
      (ST_Dump(ST_CollectionExtract(ST_ClipByBox2D(geom_3857, ST_TileEnvelope($1, $2, $3)), 2))).geom AS g
    FROM roads
    WHERE geom_3857 && ${envelope} AND btrim(name) <> ''
      AND (road_class IN ('arterial', 'secondary') OR $4::int >= ${ROAD_LABEL_MINZOOM.other})
  ), pieces AS (
    SELECT min(id) AS fid, name, road_class, (ST_Dump(ST_LineMerge(ST_Collect(g)))).geom AS g
    FROM clipped
    GROUP BY name, road_class
  ), longest AS (
    SELECT DISTINCT ON (name) fid, name, road_class, g, ST_Length(g) AS len,
      CASE road_class WHEN 'arterial' THEN 0 WHEN 'secondary' THEN 1 WHEN 'local' THEN 2 ELSE 3 END AS rank
    FROM pieces
    WHERE ST_GeometryType(g) = 'ST_LineString' AND ST_Length(g) >= 4007501.668557849 / 2 ^ $1::int
    ORDER BY name, CASE road_class WHEN 'arterial' THEN 0 WHEN 'secondary' THEN 1 WHEN 'local' THEN 2 ELSE 3 END, ST_Length(g) DESC
  )
  SELECT fid, name, road_class AS "roadClass",
    ((round(90 - degrees(ST_Azimuth(ST_LineInterpolatePoint(g, 0.45), ST_LineInterpolatePoint(g, 0.55))))::int + 90) % 180 + 180) % 180 - 90 AS angle,
    ST_LineInterpolatePoint(g, 0.5) AS geom_3857
  FROM longest
  ORDER BY rank, len DESC, fid
  LIMIT ${ROAD_LABELS_PER_TILE}`;

export const TILESETS: Record<'areas' | 'basemap', TileLayer[]> = {
  areas: [
    areaLayer('district', 0),
    areaLayer('street', 0),
    areaLayer('community', 8),
    areaLayer('grid', 10),
    areaLayer('special', 11),
    // Police grids (警格): an overlay beside the comprehensive grids, those imported under the caller's area or above it.
    {
      name: 'police',
      table: 'police_grids',
      columns: 'id, code, name',
      where: `(scope_path LIKE $4 || '%' OR $4 LIKE scope_path || '%')`,
      param: 'scope',
      minzoom: 10,
    },
  ],
  basemap: [
    { name: 'water', table: 'water', columns: 'id, name', where: 'true', param: null, minzoom: 0 },
    {
      name: 'roads',
      table: 'roads',
      columns: `id, name, road_class AS "roadClass"`,
      // Local roads from z14, secondary from z12, arterials always: a district map, not a hairball.
      where: `(road_class = 'arterial' OR (road_class = 'secondary' AND $4::int >= 12) OR $4::int >= 14)`,
      param: 'zoom',
      minzoom: 0,
    },
    // Building footprints with their floors only (no address, no households): a faint fill at street-reading zooms.
    {
      name: 'buildings',
      table: 'buildings',
      columns: 'id, floors',
      where: 'footprint IS NOT NULL',
      param: null,
      minzoom: 15,
      geometry: wgs84('footprint', 'footprint', 0.005),
    },
    // Points of interest and service resources: small markers.
    {
      name: 'pois',
      table: 'resources',
      columns: 'id, name, kind',
      where: 'true',
      param: null,
      minzoom: 15,
      geometry: wgs84('geom', 'geom', 0),
    },
    {
      name: 'roadlabels',
      table: 'roads',
      columns: 'name, "roadClass", angle',
      where: 'true',
      param: 'zoom',
      minzoom: ROAD_LABEL_MINZOOM.major,
      source: roadLabels,
    },
  ],
};
