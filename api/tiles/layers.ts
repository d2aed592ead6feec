// The vector-tile layers Gridwall serves, as data: table, columns, filter. Constants only — never built from input.
import { PUBLISHED_PEOPLE } from '../areas/queries.js';

export interface TileLayer {
  name: string;
  table: 'areas' | 'roads' | 'water' | 'police_grids';
  /** Properties as `expression AS "name"`; the feature id is the row id. */
  columns: string;
  /** Extra condition on the rows; may use $4, bound as `param` says. */
  where: string;
  /** What $4 is: the caller's scope path (a prefix of `areas.path`), the zoom level, or nothing. */
  param: 'scope' | 'zoom' | null;
  minzoom: number;
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
  ],
};
