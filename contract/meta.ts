// What the server tells every client at start: the city, its extent, and where tiles come from.
import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), postgis: z.string() }),
});
export type Health = z.infer<typeof Health>;

/** The datum a base map's tiles are drawn in; over a GCJ-02 base map, clients shift what Gridwall draws for display. */
export const BasemapDatum = z.enum(['wgs84', 'gcj02']);
export type BasemapDatum = z.infer<typeof BasemapDatum>;

/**
 * The base map under Gridwall's areas: its own offline roads and water (`own`), raster or vector tiles from a
 * tile service (`xyz`, `tms`: y counted from the south), a MapLibre style document (`style`), or an MBTiles or
 * PMTiles file on the server (`mbtiles`, `pmtiles`: its tiles served by GET /api/basemap/{z}/{x}/{y}).
 */
export const Basemap = z.object({
  kind: z.enum(['own', 'xyz', 'tms', 'style', 'mbtiles', 'pmtiles']),
  /** What the tiles hold (a style brings its own sources). */
  type: z.enum(['vector', 'raster']),
  /** The tile URL template with {z}/{x}/{y}; null for a style. */
  tiles: z.string().nullable(),
  /** The style document's URL; null unless kind is style. */
  style: z.string().nullable(),
  datum: BasemapDatum,
  /** Credit shown on the map (the map service's terms usually require it); null for none. */
  attribution: z.string().nullable(),
  tileSize: z.number().int(),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  /** Where the tiles are, [west, south, east, north], for a file that says so. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().optional(),
});
export type Basemap = z.infer<typeof Basemap>;

export const CityMeta = z.object({
  name: z.string(),
  nameEn: z.string(),
  /** What the caller's scope shows is the generated demo city (label it 合成数据 / synthetic); false for real data. */
  synthetic: z.boolean(),
  /** The first district in the caller's scope; null while no district is loaded. */
  districtId: z.number().int().nullable(),
  /** Districts in the caller's scope (0: an empty installation, shown as "no district yet"). */
  districts: z.number().int(),
  /** The extent of the caller's scope; null while it holds no area. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  center: z.tuple([z.number(), z.number()]).nullable(),
  tiles: z.object({
    areas: z.string(),
    basemap: z.string(),
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
  }),
  basemap: Basemap,
});
export type CityMeta = z.infer<typeof CityMeta>;

export const CityNameUpdate = z.object({
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(100),
});
export type CityNameUpdate = z.infer<typeof CityNameUpdate>;

/** The phrase an administrator types to remove the demo city. */
export const REMOVE_DEMO_PHRASE = 'REMOVE DEMO CITY';
export const DemoRemoveRequest = z.object({ confirm: z.string() });
export const DemoRemoveResult = z.object({ areas: z.number().int(), accounts: z.number().int() });
export type DemoRemoveResult = z.infer<typeof DemoRemoveResult>;
