// A base map from an MBTiles or PMTiles file on the server (GRIDWALL_BASEMAP=mbtiles:<file> | pmtiles:<file>):
// /api/meta describes it from the file, GET /api/basemap/{z}/{x}/{y} serves its tiles as stored (MBTiles rows
// flipped from TMS, gzipped vector tiles with Content-Encoding: gzip, 204 where the file has none) to signed-in
// accounts only, and a file that cannot serve refuses the start, naming the variable and the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBasemapFile } from '../../api/basemap/files.js';
import { loadConfig } from '../../api/config.js';
import type { CityMeta } from '../../contract/meta.js';
import { writeMbtiles, writePmtiles } from '../helpers/basemap-files.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-basemap-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (label: string) => Buffer.concat([PNG_SIGNATURE, Buffer.from(label)]);
// Vector tiles: one layer "water" (field 3, a length-delimited message with its name), different per tile.
const mvt = (label: string) => {
  const name = Buffer.from(label);
  const layer = Buffer.concat([Buffer.from([0x0a, name.length]), name, Buffer.from([0x78, 0x02])]);
  return Buffer.concat([Buffer.from([0x1a, layer.length]), layer]);
};
const NORTH_WEST = png('1/0/0 north-west');
const SOUTH_WEST = png('1/0/1 south-west');
const BOUNDS: [number, number, number, number] = [118.7, 32.0, 118.85, 32.12];

async function meta(t: TestApp, token: string): Promise<CityMeta> {
  const r = await t.get('/api/meta', token);
  expect(r.status).toBe(200);
  return (await r.json()) as CityMeta;
}

async function body(r: Response): Promise<Buffer> {
  return Buffer.from(await r.arrayBuffer());
}

describe('an MBTiles file of raster tiles', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    const file = path.join(dir, 'raster.mbtiles');
    await writeMbtiles(
      file,
      {
        name: 'Gulou',
        format: 'png',
        minzoom: '0',
        maxzoom: '1',
        bounds: BOUNDS.join(','),
        attribution: '© 区测绘院',
      },
      [
        { z: 1, x: 0, y: 0, data: NORTH_WEST },
        { z: 1, x: 0, y: 1, data: SOUTH_WEST },
      ],
    );
    t = await startTestApp({ GRIDWALL_BASEMAP: `mbtiles:${file}` });
    token = await t.login('operator');
  });
  afterAll(async () => t?.close());

  it('is described in /api/meta from its metadata, its tiles served by the server', async () => {
    expect((await meta(t, token)).basemap).toEqual({
      kind: 'mbtiles',
      type: 'raster',
      tiles: '/api/basemap/{z}/{x}/{y}',
      style: null,
      datum: 'wgs84',
      attribution: '© 区测绘院',
      tileSize: 256,
      minzoom: 0,
      maxzoom: 1,
      bounds: BOUNDS,
    });
  });

  it('serves each tile at its XYZ place (MBTiles rows count from the south), with or without an extension', async () => {
    const nw = await t.get('/api/basemap/1/0/0.png', token);
    expect(nw.status).toBe(200);
    expect(nw.headers.get('content-type')).toBe('image/png');
    expect(nw.headers.get('content-encoding')).toBeNull();
    expect(nw.headers.get('cache-control')).toMatch(/^private/);
    expect(await body(nw)).toEqual(NORTH_WEST);
    const sw = await t.get('/api/basemap/1/0/1', token);
    expect(sw.status).toBe(200);
    expect(await body(sw)).toEqual(SOUTH_WEST);
  });

  it('answers 204 (drawn empty) where the file holds no tile, 400 for a tile that cannot exist', async () => {
    for (const p of ['/api/basemap/1/1/1.png', '/api/basemap/0/0/0', '/api/basemap/9/3/3']) {
      const r = await t.get(p, token);
      expect(r.status, p).toBe(204);
      expect((await body(r)).length, p).toBe(0);
    }
    for (const p of ['/api/basemap/1/2/0', '/api/basemap/1/0/0.gif', '/api/basemap/1/0/x'])
      expect((await t.get(p, token)).status, p).toBe(400);
  });

  it('serves nothing without a session', async () => {
    const r = await t.get('/api/basemap/1/0/0.png');
    expect(r.status).toBe(401);
    expect((await body(r)).includes(Buffer.from('north-west'))).toBe(false);
  });
});

describe('an MBTiles file of gzipped vector tiles', () => {
  let t: TestApp;
  let token: string;
  const tile = mvt('water');
  beforeAll(async () => {
    const file = path.join(dir, 'vector.mbtiles');
    await writeMbtiles(file, { name: 'Gulou', format: 'pbf', minzoom: '0', maxzoom: '14', attribution: 'OSM' }, [
      { z: 2, x: 3, y: 0, data: gzipSync(tile) },
    ]);
    t = await startTestApp({ GRIDWALL_BASEMAP: `mbtiles:${file}`, GRIDWALL_BASEMAP_ATTRIBUTION: '© OpenStreetMap' });
    token = await t.login('operator');
  });
  afterAll(async () => t?.close());

  it('is a vector base map, its credit the one configured over the file’s', async () => {
    expect((await meta(t, token)).basemap).toMatchObject({
      kind: 'mbtiles',
      type: 'vector',
      tileSize: 512,
      minzoom: 0,
      maxzoom: 14,
      bounds: null,
      attribution: '© OpenStreetMap',
    });
  });

  it('serves the tile gzipped as stored, saying so', async () => {
    const r = await t.get('/api/basemap/2/3/0.pbf', token);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(await body(r)).toEqual(tile); // fetch undoes the gzip
    expect((await t.get('/api/basemap/2/3/3.pbf', token)).status).toBe(204);
  });
});

describe('a PMTiles archive', () => {
  let t: TestApp;
  let token: string;
  const a = mvt('water-a');
  const b = mvt('water-b');
  beforeAll(async () => {
    const file = path.join(dir, 'vector.pmtiles');
    writePmtiles(
      file,
      {
        tileType: 1,
        tileCompression: 2,
        minZoom: 1,
        maxZoom: 15,
        bounds: BOUNDS,
        metadata: { name: 'Gulou', attribution: '© OpenMapTiles © OpenStreetMap' },
      },
      [
        { z: 1, x: 1, y: 0, data: gzipSync(a) },
        { z: 3, x: 6, y: 3, data: gzipSync(b) },
      ],
    );
    t = await startTestApp({ GRIDWALL_BASEMAP: `pmtiles:${file}`, GRIDWALL_BASEMAP_DATUM: 'gcj02' });
    token = await t.login('operator');
  });
  afterAll(async () => t?.close());

  it('is described from its header and metadata', async () => {
    const m = await meta(t, token);
    expect(m.basemap).toEqual({
      kind: 'pmtiles',
      type: 'vector',
      tiles: '/api/basemap/{z}/{x}/{y}',
      style: null,
      datum: 'gcj02',
      attribution: '© OpenMapTiles © OpenStreetMap',
      tileSize: 512,
      minzoom: 1,
      maxzoom: 15,
      bounds: BOUNDS,
    });
    expect(m.tiles.areas).toMatch(/\?datum=gcj02$/);
  });

  it('serves its tiles by place, gzipped as its header says, and 204 where it has none', async () => {
    for (const [p, want] of [
      ['/api/basemap/1/1/0', a],
      ['/api/basemap/3/6/3.mvt', b],
    ] as const) {
      const r = await t.get(p, token);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
      expect(r.headers.get('content-encoding')).toBe('gzip');
      expect(await body(r), p).toEqual(want);
    }
    for (const p of ['/api/basemap/1/0/0', '/api/basemap/3/6/4', '/api/basemap/0/0/0', '/api/basemap/16/0/0'])
      expect((await t.get(p, token)).status, p).toBe(204);
    expect((await t.get('/api/basemap/1/1/0')).status).toBe(401);
  });
});

describe("Gridwall's own base map", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('has no base-map file to serve from', async () => {
    const token = await t.login('operator');
    expect((await t.get('/api/basemap/1/0/0', token)).status).toBe(404);
  });
});

describe('a file that cannot serve as the base map', () => {
  const opening = (value: string) => openBasemapFile(loadConfig({ GRIDWALL_BASEMAP: value }).basemap);

  it('serves raster PNG tiles from PMTiles stored without compression', async () => {
    const file = path.join(dir, 'raster.pmtiles');
    const tiles = [{ z: 0, x: 0, y: 0, data: NORTH_WEST }];
    writePmtiles(
      file,
      { tileType: 2, tileCompression: 1, minZoom: 0, maxZoom: 0, bounds: BOUNDS, metadata: {} },
      tiles,
    );
    const opened = (await opening(`pmtiles:${file}`))!;
    try {
      expect(opened.basemap).toMatchObject({ kind: 'pmtiles', type: 'raster', attribution: null, maxzoom: 0 });
      expect(await opened.file.tile(0, 0, 0)).toEqual({ data: NORTH_WEST, gzipped: false });
    } finally {
      await opened.file.close();
    }
  });

  it('refuses the start, naming GRIDWALL_BASEMAP and the file', async () => {
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a map at all');
    const tiff = path.join(dir, 'tiff.mbtiles');
    await writeMbtiles(tiff, { format: 'tiff' }, []);
    const emptyFile = path.join(dir, 'empty.mbtiles');
    await writeMbtiles(emptyFile, { format: 'png' }, []);
    const avif = path.join(dir, 'avif.pmtiles');
    const opts = { minZoom: 0, maxZoom: 1, bounds: BOUNDS, metadata: {} };
    writePmtiles(avif, { ...opts, tileType: 5, tileCompression: 1 }, [{ z: 0, x: 0, y: 0, data: png('a') }]);
    const brotli = path.join(dir, 'brotli.pmtiles');
    writePmtiles(brotli, { ...opts, tileType: 1, tileCompression: 3 }, [{ z: 0, x: 0, y: 0, data: mvt('w') }]);
    const cases: [string, RegExp][] = [
      [`mbtiles:${text}`, /is not an MBTiles file/],
      [`mbtiles:${tiff}`, /its metadata gives the tile format "tiff": must be png, jpg, webp or pbf/],
      [`pmtiles:${text}`, /is not a PMTiles file/],
      [`pmtiles:${tiff}`, /is not a PMTiles file/],
      [`pmtiles:${avif}`, /tile type other than png, jpg, webp or mvt/],
      [`pmtiles:${brotli}`, /compressed in a way not served \(Brotli\)/],
    ];
    for (const [value, problem] of cases) {
      const file = value.slice(value.indexOf(':') + 1);
      const refused = await opening(value).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(refused, value).toMatch(problem);
      expect(refused, value).toContain(`GRIDWALL_BASEMAP: ${file}: `);
    }
    // An MBTiles with both tables but no tiles is a valid (empty) file.
    const empty = (await opening(`mbtiles:${emptyFile}`))!;
    expect(empty.basemap.type).toBe('raster');
    await empty.file.close();
    expect(() => loadConfig({ GRIDWALL_BASEMAP: `mbtiles:${path.join(dir, 'missing.mbtiles')}` })).toThrow(
      /GRIDWALL_BASEMAP: .*missing\.mbtiles: no such file/,
    );
  });
});
