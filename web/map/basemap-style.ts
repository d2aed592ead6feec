// The offline base map: a MapLibre style built only from Gridwall's own vector tiles
// (basemap: water, roads; areas: district/street/community/grid/special). No glyphs, no sprite,
// no external URL, so no symbol layers — labels are drawn by deck.gl (layers/area-labels-layer.ts).
// An external base map (configured on the server: GET /api/meta → basemap) replaces the own roads and water at the
// bottom: a raster tile service as the first layer, or a MapLibre style with Gridwall's areas laid over it.
import type { MapOptions, StyleSpecification } from 'maplibre-gl';
import type { Basemap } from '@contract/meta';
import { buildingLayers, poiLayers } from './basemap-district';

export type BasemapStyle = Exclude<MapOptions['style'], string | undefined>;
type Layer = BasemapStyle['layers'][number];

/** Colours the e2e test looks for in screenshots: keep them distinctive on the dark background. */
export const MAP_COLORS = {
  background: '#040d1e',
  water: '#0f4f80',
  waterEdge: '#2b86c4',
  roadLocal: '#1a2c45',
  roadSecondary: '#284566',
  roadArterial: '#3d6d9c',
  /** Grid (网格) boundaries: thin teal lines. */
  gridLine: '#1de9b6',
  /** Community (社区) boundaries: medium blue. */
  communityLine: '#3d8bff',
  /** Street (街道) boundaries: the strongest, bright cyan. */
  streetLine: '#5ee0ff',
  districtLine: '#9fe9ff',
  special: { daily: '#ffb84d', key: '#ff6f91', linkage: '#b48cff' },
  police: '#4da3ff',
} as const;

export const SPECIAL_LAYER_IDS = ['special-fill', 'special-line'] as const;
/** Police grids (警格): an overlay the wall switches on beside the comprehensive grids. */
export const POLICE_LAYER_IDS = ['police-line'] as const;
export const HATCH_IMAGE_PREFIX = 'hatch-';

export interface BasemapStyleOptions {
  areasTiles: string;
  basemapTiles: string;
  minzoom: number;
  maxzoom: number;
  /** Line-width multiplier: 1 on a 1920×1080 screen, 2 on a 7680×2160 wall. */
  scale: number;
  showSpecial?: boolean;
  showPolice?: boolean;
}

const byZoom = (scale: number, z0: number, w0: number, z1: number, w1: number) =>
  ['interpolate', ['linear'], ['zoom'], z0, w0 * scale, z1, w1 * scale] as unknown as number;

/** Share of residents aged 60+: the grid fill tint (a quiet choropleth, not a heat map). */
// Counts of people withheld (under 10) are absent from the tiles: read as 0.
const elderShare = [
  '/',
  ['coalesce', ['get', 'elders60'], 0],
  ['max', 1, ['coalesce', ['get', 'population'], 0]],
] as unknown as number;

export function buildBasemapStyle(o: BasemapStyleOptions): BasemapStyle {
  const s = o.scale;
  const line = (
    id: string,
    sourceLayer: string,
    color: string,
    width: number,
    opacity: number,
    extra: Partial<Layer> = {},
  ): Layer =>
    ({
      id,
      type: 'line',
      source: 'areas',
      'source-layer': sourceLayer,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': color,
        'line-width': byZoom(s, 11, width * 0.8, 16, width * 1.6),
        'line-opacity': opacity,
      },
      ...extra,
    }) as Layer;
  const road = (cls: string, color: string, w0: number, w1: number): Layer => ({
    id: `road-${cls}`,
    type: 'line',
    source: 'basemap',
    'source-layer': 'roads',
    filter: ['==', ['get', 'roadClass'], cls],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': color, 'line-width': byZoom(s, 11, w0, 16, w1) },
  });
  const specialVisibility = o.showSpecial === false ? 'none' : 'visible';

  return {
    version: 8,
    name: 'gridwall-dark',
    sources: {
      basemap: { type: 'vector', tiles: [o.basemapTiles], minzoom: o.minzoom, maxzoom: o.maxzoom },
      areas: { type: 'vector', tiles: [o.areasTiles], minzoom: o.minzoom, maxzoom: o.maxzoom, promoteId: 'id' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } },
      {
        id: 'grid-fill',
        type: 'fill',
        source: 'areas',
        'source-layer': 'grid',
        paint: {
          'fill-color': [
            'interpolate',
            ['linear'],
            elderShare,
            0.2,
            '#0a2140',
            0.32,
            '#0f3358',
            0.42,
            '#27306a',
            0.55,
            '#4a2b6e',
          ],
          'fill-opacity': 0.75,
        },
      } as Layer,
      {
        id: 'water',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'water',
        paint: { 'fill-color': MAP_COLORS.water, 'fill-opacity': 0.95 },
      },
      line('water-edge', 'water', MAP_COLORS.waterEdge, 0.8, 0.8, { source: 'basemap' } as Partial<Layer>),
      ...buildingLayers(s),
      road('path', MAP_COLORS.roadLocal, 0.3, 1.2),
      road('local', MAP_COLORS.roadLocal, 0.5, 2),
      road('secondary', MAP_COLORS.roadSecondary, 0.9, 3.5),
      road('arterial', MAP_COLORS.roadArterial, 1.6, 6),
      {
        id: 'special-fill',
        type: 'fill',
        source: 'areas',
        'source-layer': 'special',
        minzoom: 12.5, // hatching at district overview is noise; it reads from street level down
        layout: { visibility: specialVisibility },
        paint: {
          'fill-pattern': [
            'match',
            ['get', 'specialClass'],
            'key',
            `${HATCH_IMAGE_PREFIX}key`,
            'linkage',
            `${HATCH_IMAGE_PREFIX}linkage`,
            `${HATCH_IMAGE_PREFIX}daily`,
          ],
          'fill-opacity': 0.55,
        },
      } as Layer,
      line('grid-line', 'grid', MAP_COLORS.gridLine, 1.25, 0.95),
      {
        id: 'police-line',
        type: 'line',
        source: 'areas',
        'source-layer': 'police',
        layout: { visibility: o.showPolice ? 'visible' : 'none' },
        paint: { 'line-color': MAP_COLORS.police, 'line-width': 1.6 * s, 'line-dasharray': [4, 2] },
      } as Layer,
      line('community-line', 'community', MAP_COLORS.communityLine, 1.6, 0.95),
      {
        id: 'street-line-glow',
        type: 'line',
        source: 'areas',
        'source-layer': 'street',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': MAP_COLORS.streetLine,
          'line-width': byZoom(s, 11, 8, 16, 16),
          'line-opacity': 0.25,
          'line-blur': 4 * s,
        },
      },
      line('street-line', 'street', MAP_COLORS.streetLine, 3.2, 1),
      line('district-line', 'district', MAP_COLORS.districtLine, 3.2, 1),
      {
        id: 'special-line',
        type: 'line',
        source: 'areas',
        'source-layer': 'special',
        minzoom: 12.5,
        layout: { visibility: specialVisibility },
        paint: {
          'line-color': [
            'match',
            ['get', 'specialClass'],
            'key',
            MAP_COLORS.special.key,
            'linkage',
            MAP_COLORS.special.linkage,
            MAP_COLORS.special.daily,
          ],
          'line-width': 1.4 * s,
          'line-dasharray': [2, 1.5],
        },
      } as Layer,
      ...poiLayers(s),
    ],
  };
}

/** Diagonal-stripe pattern for a special-grid class, drawn locally (no sprite server). */
export function hatchImage(color: string, size: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `${color}22`;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, size / 8);
  ctx.beginPath();
  for (let k = -size; k <= size; k += size / 2) {
    ctx.moveTo(k, size);
    ctx.lineTo(k + size, 0);
  }
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/** The id of the external raster base map's source and layer. */
export const EXTERNAL_BASEMAP_ID = 'external-basemap';
/** The grid tint over an external base map: light enough to read the map under it. */
const GRID_FILL_OVER_EXTERNAL = 0.3;

/** Gridwall's own layers over an external base map: its roads and water go (the base map has its own). */
function ownLayersOverExternal(style: BasemapStyle): Layer[] {
  return style.layers
    .filter((l) => l.type !== 'background' && !('source' in l && l.source === 'basemap'))
    .map((l) =>
      l.id === 'grid-fill' ? ({ ...l, paint: { ...l.paint, 'fill-opacity': GRID_FILL_OVER_EXTERNAL } } as Layer) : l,
    );
}

function ownSourcesOverExternal(style: BasemapStyle): BasemapStyle['sources'] {
  const { basemap: _own, ...rest } = style.sources;
  return rest;
}

/** Where the base map's tiles are, for a source (a file's bounds spare requests for tiles it cannot hold). */
const boundsOf = (basemap: Basemap) => (basemap.bounds ? { bounds: basemap.bounds } : {});

/**
 * The own style over raster tiles: an external tile service (XYZ, or TMS with rows counted from the south) or an
 * MBTiles/PMTiles file served by Gridwall (XYZ). The tiles are the bottom layer, Gridwall's areas above them. Tile
 * URLs are used as configured.
 */
export function withRasterBasemap(style: BasemapStyle, basemap: Basemap): BasemapStyle {
  if (basemap.type !== 'raster' || !basemap.tiles || basemap.kind === 'own' || basemap.kind === 'style') return style;
  const background = style.layers.find((l) => l.type === 'background');
  return {
    ...style,
    sources: {
      [EXTERNAL_BASEMAP_ID]: {
        type: 'raster',
        tiles: [basemap.tiles],
        scheme: basemap.kind === 'tms' ? 'tms' : 'xyz',
        tileSize: basemap.tileSize,
        minzoom: basemap.minzoom,
        maxzoom: basemap.maxzoom,
        ...boundsOf(basemap),
      },
      ...ownSourcesOverExternal(style),
    },
    layers: [
      ...(background ? [background] : []),
      { id: EXTERNAL_BASEMAP_ID, type: 'raster', source: EXTERNAL_BASEMAP_ID },
      ...ownLayersOverExternal(style),
    ],
  };
}

/** OpenMapTiles road classes, by how strongly they are drawn. */
const OMT_ROADS: [string, string[], string, number, number][] = [
  ['local', ['minor', 'service', 'track', 'path', 'raceway'], MAP_COLORS.roadLocal, 0.4, 1.8],
  ['secondary', ['secondary', 'tertiary'], MAP_COLORS.roadSecondary, 0.9, 3.5],
  ['arterial', ['motorway', 'trunk', 'primary'], MAP_COLORS.roadArterial, 1.6, 6],
];

/**
 * The own style over vector tiles from an MBTiles/PMTiles file served by Gridwall. No style comes with such a
 * file: its water, waterways, buildings and roads are drawn plainly in Gridwall's colours from the layers of the
 * OpenMapTiles schema (water, waterway, building, transportation by class), without labels (no glyphs offline).
 * A file of another schema shows the background only: give it a style document (style:<URL>) instead.
 */
export function withVectorFileBasemap(style: BasemapStyle, basemap: Basemap, scale = 1): BasemapStyle {
  if (basemap.type !== 'vector' || !basemap.tiles || (basemap.kind !== 'mbtiles' && basemap.kind !== 'pmtiles'))
    return style;
  const background = style.layers.find((l) => l.type === 'background');
  const source = EXTERNAL_BASEMAP_ID;
  const width = (z0: number, w0: number, z1: number, w1: number) =>
    ['interpolate', ['linear'], ['zoom'], z0, w0 * scale, z1, w1 * scale] as unknown as number;
  const layers: Layer[] = [
    {
      id: `${source}-water`,
      type: 'fill',
      source,
      'source-layer': 'water',
      paint: { 'fill-color': MAP_COLORS.water, 'fill-opacity': 0.95 },
    },
    {
      id: `${source}-waterway`,
      type: 'line',
      source,
      'source-layer': 'waterway',
      paint: { 'line-color': MAP_COLORS.waterEdge, 'line-width': width(11, 0.5, 16, 2) },
    },
    {
      id: `${source}-building`,
      type: 'fill',
      source,
      'source-layer': 'building',
      minzoom: 14,
      paint: { 'fill-color': MAP_COLORS.roadLocal, 'fill-opacity': 0.6 },
    },
    ...OMT_ROADS.map(([name, classes, color, w0, w1]): Layer => ({
      id: `${source}-road-${name}`,
      type: 'line',
      source,
      'source-layer': 'transportation',
      filter: ['in', ['get', 'class'], ['literal', classes]],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': color, 'line-width': width(11, w0, 16, w1) },
    })),
  ];
  return {
    ...style,
    sources: {
      [source]: {
        type: 'vector',
        tiles: [basemap.tiles],
        minzoom: basemap.minzoom,
        maxzoom: basemap.maxzoom,
        ...boundsOf(basemap),
      },
      ...ownSourcesOverExternal(style),
    },
    layers: [...(background ? [background] : []), ...layers, ...ownLayersOverExternal(style)],
  };
}

/** A URL of a style document made absolute against the style's own address, its {placeholders} kept literal. */
function absoluteFrom(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url; // absolute already (https:, mapbox:, pmtiles:, …)
  return new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/**
 * A MapLibre style document fetched from `styleUrl`, with Gridwall's areas laid over it (its own roads and water
 * left out). The document's relative URLs are resolved against its address; a source of the document that bears
 * one of Gridwall's source names is renamed, so neither hides the other.
 */
export function overExternalStyle(external: StyleSpecification, styleUrl: string, own: BasemapStyle): BasemapStyle {
  const ownSources = ownSourcesOverExternal(own);
  const rename = (id: string) => (id in ownSources ? `${EXTERNAL_BASEMAP_ID}-${id}` : id);
  const sources: BasemapStyle['sources'] = {};
  for (const [id, src] of Object.entries(external.sources)) {
    const s = { ...src } as Record<string, unknown>;
    if (typeof s.url === 'string') s.url = absoluteFrom(styleUrl, s.url);
    if (Array.isArray(s.tiles)) s.tiles = (s.tiles as string[]).map((t) => absoluteFrom(styleUrl, t));
    if (typeof s.data === 'string') s.data = absoluteFrom(styleUrl, s.data);
    sources[rename(id)] = s as unknown as BasemapStyle['sources'][string];
  }
  const layers = external.layers.map((l) =>
    'source' in l && typeof l.source === 'string' ? ({ ...l, source: rename(l.source) } as Layer) : l,
  );
  const sprite =
    typeof external.sprite === 'string'
      ? absoluteFrom(styleUrl, external.sprite)
      : external.sprite?.map((s) => ({ ...s, url: absoluteFrom(styleUrl, s.url) }));
  return {
    ...external,
    ...(sprite ? { sprite } : {}),
    ...(external.glyphs ? { glyphs: absoluteFrom(styleUrl, external.glyphs) } : {}),
    sources: { ...sources, ...ownSources },
    layers: [...layers, ...ownLayersOverExternal(own)],
  };
}
