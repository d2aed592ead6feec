import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { OWN_BASEMAP } from './settings.js';

describe('GRIDWALL_BASEMAP', () => {
  it("defaults to Gridwall's own base map in WGS84, fetching nothing from elsewhere", () => {
    const { basemap, origins } = loadConfig({}).basemap;
    expect(basemap).toEqual(OWN_BASEMAP);
    expect(origins).toEqual([]);
  });

  it('reads an XYZ raster service with its datum, credit, tile size and deepest zoom', () => {
    const { basemap, origins } = loadConfig({
      GRIDWALL_BASEMAP: 'xyz:https://map.intranet.example/tiles/{z}/{x}/{y}.png?key=1',
      GRIDWALL_BASEMAP_DATUM: 'GCJ02',
      GRIDWALL_BASEMAP_ATTRIBUTION: ' © 区测绘院 ',
      GRIDWALL_BASEMAP_TILE_SIZE: '512',
      GRIDWALL_BASEMAP_MAXZOOM: '19',
    }).basemap;
    expect(basemap).toEqual({
      kind: 'xyz',
      type: 'raster',
      tiles: 'https://map.intranet.example/tiles/{z}/{x}/{y}.png?key=1',
      style: null,
      datum: 'gcj02',
      attribution: '© 区测绘院',
      tileSize: 512,
      minzoom: 0,
      maxzoom: 19,
    });
    expect(origins).toEqual(['https://map.intranet.example']);
  });

  it('reads a TMS service (rows counted from the south) and a style, and takes CGCS2000 as WGS84', () => {
    const tms = loadConfig({ GRIDWALL_BASEMAP: 'tms:http://10.0.0.5:8080/tms/{z}/{x}/{y}.jpg' }).basemap;
    expect(tms.basemap).toMatchObject({ kind: 'tms', type: 'raster', datum: 'wgs84' });
    expect(tms.origins).toEqual(['http://10.0.0.5:8080']);
    const style = loadConfig({
      GRIDWALL_BASEMAP: 'style:https://maps.example.org/styles/dark.json',
      GRIDWALL_BASEMAP_DATUM: 'cgcs2000',
      GRIDWALL_BASEMAP_ORIGINS: 'https://glyphs.example.org, https://tiles.example.org',
    }).basemap;
    expect(style.basemap).toMatchObject({
      kind: 'style',
      tiles: null,
      style: 'https://maps.example.org/styles/dark.json',
    });
    expect(style.basemap.datum).toBe('wgs84');
    expect(style.origins).toEqual([
      'https://maps.example.org',
      'https://glyphs.example.org',
      'https://tiles.example.org',
    ]);
  });

  it('takes a path on this server (a map served beside Gridwall) without adding an origin', () => {
    const { basemap, origins } = loadConfig({ GRIDWALL_BASEMAP: 'xyz:/intranet-tiles/{z}/{x}/{y}.png' }).basemap;
    expect(basemap.tiles).toBe('/intranet-tiles/{z}/{x}/{y}.png');
    expect(origins).toEqual([]);
  });

  it.each([
    ['google', /GRIDWALL_BASEMAP: must be own, xyz:/],
    ['xyz:', /GRIDWALL_BASEMAP: xyz: needs a URL/],
    ['xyz:https://t.example/{z}/{x}.png', /GRIDWALL_BASEMAP: the tile URL lacks \{y\}/],
    ['tms:ftp://t.example/{z}/{x}/{y}.png', /must be an http:\/\/ or https:\/\/ URL/],
    ['xyz:tiles/{z}/{x}/{y}.png', /is not a URL/],
    ['xyz:https://t.example/{z}/{x}/{y}.pbf', /vector tiles are drawn by a style/],
    ['mbtiles:/srv/maps/gulou.mbtiles', /GRIDWALL_BASEMAP: \/srv\/maps\/gulou.mbtiles: no such file/],
    ['pmtiles:/srv/maps/gulou.pmtiles', /GRIDWALL_BASEMAP: \/srv\/maps\/gulou.pmtiles: no such file/],
    ['pmtiles:', /GRIDWALL_BASEMAP: pmtiles: needs the path of the file/],
    ['mbtiles:/', /GRIDWALL_BASEMAP: \/: is not a file/],
  ])('refuses %s, saying why', (value, message) => {
    expect(() => loadConfig({ GRIDWALL_BASEMAP: value })).toThrow(message);
  });

  it.each([
    [{ GRIDWALL_BASEMAP_DATUM: 'bd09', GRIDWALL_BASEMAP: 'xyz:https://t.example/{z}/{x}/{y}.png' }, /DATUM: must be/],
    [{ GRIDWALL_BASEMAP_DATUM: 'gcj02' }, /own base map is drawn in WGS84/],
    [{ GRIDWALL_BASEMAP_TILE_SIZE: '300.5' }, /TILE_SIZE: must be a whole number/],
    [{ GRIDWALL_BASEMAP_MAXZOOM: '30' }, /MAXZOOM: must be a whole number from 1 to 24/],
    [{ GRIDWALL_BASEMAP_ORIGINS: '/tiles' }, /ORIGINS: "\/tiles" must be an origin/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
