// The README written beside the generated files: what each file is, that it is generated, and how to redo it.
import type { Scale } from './generate.js';

const ABOUT: Record<string, string> = {
  'buildings.geojson': 'footprints (GCJ-02) with 地址 / addr:*, building:levels / 层数, 户数 on homes',
  'roads.geojson': 'named road network (GCJ-02): highway (primary/secondary/residential/footway), class, name',
  'water.geojson': 'ponds in parks and a river strip on the west edge (GCJ-02)',
  'pois.geojson': 'community centres at the real committee points, 助餐点, clinics, markets, schools, parks (GCJ-02)',
  'committees.geojson':
    "the REAL residents' committee points that have a coordinate (GCJ-02, name and code), for the community step: each becomes the Voronoi cell of the street cell it lies in",
  'police_grids.geojson': '125 police grids (警格) tiling the district (GCJ-02)',
  'residents.csv':
    'anonymous residents for the population import, matched to buildings by 楼栋地址 (a full district in parts of 250,000 rows: import the first with replace, the others with append)',
  'gulou.osm.pbf': 'the same roads, buildings, water and POIs as an OpenStreetMap extract (WGS84)',
};

const count = (name: string, body: string | Uint8Array): string => {
  if (typeof body !== 'string') return `${(body.length / 1024).toFixed(0)} KiB`;
  if (name.endsWith('.csv')) return `${body.split('\n').length - 2} rows`;
  return `${(JSON.parse(body) as { features: unknown[] }).features.length} features`;
};

export function outputReadme(files: Map<string, string | Uint8Array>, seed: number, scale: Scale): string {
  return [
    '# 南京市鼓楼区: GENERATED data (合成数据)',
    '',
    'Everything here except the district outline it is built over and committees.geojson (the real committee points)',
    'is **generated**: synthetic buildings, roads,',
    'water, points of interest, police grids and residents, not surveyed data. Real Gulou road, park and campus',
    'names are used as labels of generated geometry. Each feature says so in its `source` property.',
    '',
    `Made by \`npm run gulou -- --out DIR --seed ${seed} --scale ${scale}\` (same seed, same bytes).`,
    'Coordinates are GCJ-02 like the real outline (no `crs` member), except gulou.osm.pbf (WGS84, as OSM is).',
    'The worker roster is made once the grids exist: `npm run gulou -- roster-for-grids --grids grids.geojson',
    '--out roster.csv`.',
    '',
    '| file | content | size |',
    '|---|---|---|',
    ...[...files].map(([n, b]) => `| ${n} | ${ABOUT[n.replace(/-\d+[.]csv$/, '.csv')] ?? ''} | ${count(n, b)} |`),
    '',
    'The outline: 行政区划代码与坐标: Vonng/adcode (CC BY 4.0), 国家统计局 2016, 高德地图.',
    '',
  ].join('\n');
}
