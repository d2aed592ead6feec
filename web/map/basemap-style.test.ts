import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Basemap } from '@contract/meta';
import {
  buildBasemapStyle,
  EXTERNAL_BASEMAP_ID,
  overExternalStyle,
  withRasterBasemap,
  withVectorFileBasemap,
} from './basemap-style';

const own = buildBasemapStyle({
  areasTiles: 'http://wall.local/tiles/areas/{z}/{x}/{y}.pbf?datum=gcj02',
  basemapTiles: 'http://wall.local/tiles/basemap/{z}/{x}/{y}.pbf?datum=gcj02',
  minzoom: 8,
  maxzoom: 18,
  scale: 1,
});

const raster = (kind: 'xyz' | 'tms'): Basemap => ({
  kind,
  type: 'raster',
  tiles: 'http://10.1.2.3/tiles/{z}/{x}/{y}.png',
  style: null,
  datum: 'gcj02',
  attribution: '© 区测绘院',
  tileSize: 256,
  minzoom: 0,
  maxzoom: 19,
});

const sourceOf = (l: { source?: unknown }) => l.source;

describe("Gridwall's own base map", () => {
  it('draws its own roads and water under the areas', () => {
    expect(Object.keys(own.sources).sort()).toEqual(['areas', 'basemap']);
    expect(own.layers.some((l) => 'source' in l && l.source === 'basemap')).toBe(true);
  });
});

describe('an external raster base map (XYZ, TMS)', () => {
  it('is the bottom layer, its own roads and water gone, every area layer kept above it in order', () => {
    const style = withRasterBasemap(own, raster('xyz'));
    expect(style.sources[EXTERNAL_BASEMAP_ID]).toEqual({
      type: 'raster',
      tiles: ['http://10.1.2.3/tiles/{z}/{x}/{y}.png'],
      scheme: 'xyz',
      tileSize: 256,
      minzoom: 0,
      maxzoom: 19,
    });
    expect(style.sources.basemap).toBeUndefined();
    const ids = style.layers.map((l) => l.id);
    expect(ids.slice(0, 2)).toEqual(['background', EXTERNAL_BASEMAP_ID]);
    expect(style.layers.filter((l) => sourceOf(l as { source?: unknown }) === 'basemap')).toEqual([]);
    const areaIds = own.layers.filter((l) => sourceOf(l as { source?: unknown }) === 'areas').map((l) => l.id);
    expect(ids.slice(2)).toEqual(areaIds);
    // The areas' tiles still come from Gridwall, in the base map's datum.
    expect(style.sources.areas).toMatchObject({ tiles: ['http://wall.local/tiles/areas/{z}/{x}/{y}.pbf?datum=gcj02'] });
  });

  it('lightens the grid tint so the base map reads through it', () => {
    const fill = (s: typeof own) => s.layers.find((l) => l.id === 'grid-fill') as { paint: Record<string, unknown> };
    expect(fill(withRasterBasemap(own, raster('xyz'))).paint['fill-opacity']).toBeLessThan(
      fill(own).paint['fill-opacity'] as number,
    );
  });

  it('counts TMS rows from the south', () => {
    expect(withRasterBasemap(own, raster('tms')).sources[EXTERNAL_BASEMAP_ID]).toMatchObject({ scheme: 'tms' });
  });
});

/** A base map served by Gridwall from an MBTiles or PMTiles file, as /api/meta describes it. */
const file = (kind: 'mbtiles' | 'pmtiles', type: 'raster' | 'vector'): Basemap => ({
  kind,
  type,
  tiles: 'http://wall.local/api/basemap/{z}/{x}/{y}',
  style: null,
  datum: 'wgs84',
  attribution: '© OpenStreetMap',
  tileSize: type === 'vector' ? 512 : 256,
  minzoom: 0,
  maxzoom: 14,
  bounds: [118.7, 32, 118.85, 32.12],
});

describe('a base map from an MBTiles or PMTiles file on the server', () => {
  it('draws raster tiles as the bottom layer, rows counted from the north, within the file’s bounds', () => {
    const style = withRasterBasemap(own, file('mbtiles', 'raster'));
    expect(style.sources[EXTERNAL_BASEMAP_ID]).toEqual({
      type: 'raster',
      tiles: ['http://wall.local/api/basemap/{z}/{x}/{y}'],
      scheme: 'xyz',
      tileSize: 256,
      minzoom: 0,
      maxzoom: 14,
      bounds: [118.7, 32, 118.85, 32.12],
    });
    expect(style.layers.map((l) => l.id).slice(0, 2)).toEqual(['background', EXTERNAL_BASEMAP_ID]);
    expect(style.sources.basemap).toBeUndefined();
  });

  it('draws vector tiles plainly from the OpenMapTiles layers, its own roads and water gone, the areas above', () => {
    const style = withVectorFileBasemap(own, file('pmtiles', 'vector'));
    expect(style.sources[EXTERNAL_BASEMAP_ID]).toMatchObject({
      type: 'vector',
      tiles: ['http://wall.local/api/basemap/{z}/{x}/{y}'],
      maxzoom: 14,
    });
    expect(style.sources.basemap).toBeUndefined();
    const fromFile = style.layers.filter((l) => sourceOf(l as { source?: unknown }) === EXTERNAL_BASEMAP_ID);
    expect(new Set(fromFile.map((l) => (l as { 'source-layer': string })['source-layer']))).toEqual(
      new Set(['water', 'waterway', 'building', 'transportation']),
    );
    const ids = style.layers.map((l) => l.id);
    const areaIds = own.layers.filter((l) => sourceOf(l as { source?: unknown }) === 'areas').map((l) => l.id);
    expect(ids.slice(1 + fromFile.length)).toEqual(areaIds);
  });

  it('leaves a style alone where the base map is not of the kind asked', () => {
    expect(withVectorFileBasemap(own, file('mbtiles', 'raster'))).toBe(own);
    expect(withRasterBasemap(own, file('pmtiles', 'vector'))).toBe(own);
  });
});

describe('an external MapLibre style', () => {
  const external: StyleSpecification = {
    version: 8,
    glyphs: 'fonts/{fontstack}/{range}.pbf',
    sprite: '../sprites/dark',
    sources: {
      osm: { type: 'vector', url: 'tiles.json' },
      areas: { type: 'vector', tiles: ['https://other.example/{z}/{x}/{y}.pbf'] },
    },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': '#111' } },
      { id: 'roads', type: 'line', source: 'osm', 'source-layer': 'transportation' },
      { id: 'their-areas', type: 'fill', source: 'areas', 'source-layer': 'landuse' },
    ],
  };
  const url = 'https://maps.example.org/styles/dark/style.json';
  const merged = overExternalStyle(external, url, own);

  it("keeps the style's layers at the bottom and lays Gridwall's areas over them", () => {
    const ids = merged.layers.map((l) => l.id);
    expect(ids.slice(0, 3)).toEqual(['land', 'roads', 'their-areas']);
    expect(ids).toContain('grid-line');
    expect(ids).not.toContain('road-arterial');
    expect(ids.indexOf('grid-line')).toBeGreaterThan(ids.indexOf('roads'));
    expect(ids.filter((id) => id === 'background')).toEqual([]);
  });

  it("renames a source of the style that bears a Gridwall name, so the areas are Gridwall's", () => {
    expect(merged.sources.areas).toEqual(own.sources.areas);
    expect(merged.sources[`${EXTERNAL_BASEMAP_ID}-areas`]).toEqual(external.sources.areas);
    expect(merged.layers.find((l) => l.id === 'their-areas')).toMatchObject({ source: `${EXTERNAL_BASEMAP_ID}-areas` });
  });

  it("resolves the style's relative URLs against its own address, placeholders kept", () => {
    expect(merged.glyphs).toBe('https://maps.example.org/styles/dark/fonts/{fontstack}/{range}.pbf');
    expect(merged.sprite).toBe('https://maps.example.org/styles/sprites/dark');
    expect(merged.sources.osm).toEqual({ type: 'vector', url: 'https://maps.example.org/styles/dark/tiles.json' });
  });
});

describe('every style built', () => {
  it('is a valid MapLibre style (own, over XYZ, over TMS, over a file, over a style document)', () => {
    const external: StyleSpecification = {
      version: 8,
      sources: { osm: { type: 'raster', tiles: ['https://t.example/{z}/{x}/{y}.png'], tileSize: 256 } },
      layers: [{ id: 'osm', type: 'raster', source: 'osm' }],
    };
    for (const style of [
      own,
      withRasterBasemap(own, raster('xyz')),
      withRasterBasemap(own, raster('tms')),
      withRasterBasemap(own, file('mbtiles', 'raster')),
      withVectorFileBasemap(own, file('pmtiles', 'vector'), 2),
      overExternalStyle(external, 'https://t.example/style.json', own),
    ])
      expect(validateStyleMin(style as StyleSpecification).map((e) => e.message)).toEqual([]);
  });
});
