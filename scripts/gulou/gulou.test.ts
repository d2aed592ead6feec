// The generated Gulou data set: the same seed gives the same bytes (and the committed excerpt), buildings lie in
// the outline clear of each other and of water, roads form one network, every resident's address is a building's,
// and the .osm.pbf reads back with an independent reader to the same counts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import readOsmPbf, { type OsmNode } from 'tiny-osmpbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../geodata/city/rng.js';
import { type Scale, generateGulou } from './generate.js';
import { rosterCsv } from './people.js';

const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/gulou/', import.meta.url));
const input = (scale: Scale, seed = 320106) => ({
  outlineFile: path.join(FIXTURE, 'gulou_district_gcj02.geojson'),
  committeesFile: path.join(FIXTURE, 'gulou_communities_points_gcj02.geojson'),
  streetsFile: path.join(FIXTURE, 'gulou_streets_points_gcj02.geojson'),
  seed,
  scale,
});
const json = <G extends Polygon | MultiPolygon | LineString | Point>(
  files: Map<string, string | Uint8Array>,
  name: string,
) => JSON.parse(files.get(name) as string) as FeatureCollection<G>;
const outline = (
  JSON.parse(fs.readFileSync(path.join(FIXTURE, 'gulou_district_gcj02.geojson'), 'utf8')) as FeatureCollection<Polygon>
).features[0];

/** Pairs of features whose bounding boxes meet (found through a grid of about 300 m cells). */
function nearPairs<T extends Feature>(a: T[], b: T[]): [T, T][] {
  const cell = 0.003;
  const cells = (f: T) => {
    const [x0, y0, x1, y1] = turf.bbox(f);
    const out: string[] = [];
    for (let i = Math.floor(x0 / cell); i <= Math.floor(x1 / cell); i++)
      for (let j = Math.floor(y0 / cell); j <= Math.floor(y1 / cell); j++) out.push(`${i},${j}`);
    return out;
  };
  const boxA = a.map((f) => turf.bbox(f));
  const boxB = b.map((f) => turf.bbox(f));
  const meet = (p: number[], q: number[]) => p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];
  const grid = new Map<string, number[]>();
  b.forEach((f, k) => {
    for (const c of cells(f)) grid.set(c, [...(grid.get(c) ?? []), k]);
  });
  const seen = new Set<string>();
  const pairs: [T, T][] = [];
  a.forEach((f, i) => {
    for (const c of cells(f))
      for (const k of grid.get(c) ?? []) {
        if (b[k] === f || seen.has(`${i}|${k}`) || !meet(boxA[i], boxB[k])) continue;
        seen.add(`${i}|${k}`);
        pairs.push([f, b[k]]);
      }
  });
  return pairs;
}

describe.each<Scale>(['excerpt', 'full'])('the generated Gulou data set (%s)', (scale) => {
  let files: Map<string, string | Uint8Array>;
  beforeAll(() => {
    files = generateGulou(input(scale));
  }, 120_000);

  it('puts every building inside the real outline, clear of the others and of water', () => {
    const buildings = json<Polygon>(files, 'buildings.geojson').features;
    const water = json<Polygon>(files, 'water.geojson').features;
    expect(buildings.length).toBeGreaterThan(scale === 'full' ? 10_000 : 50);
    if (scale === 'full') expect(buildings.length).toBeLessThan(15_000);
    // within the outline: every vertex inside it, and no edge of the outline meeting the footprint
    const outside = buildings.filter((b) =>
      b.geometry.coordinates[0].some((c) => !turf.booleanPointInPolygon(c, outline)),
    );
    expect(outside.map((b) => b.properties!.地址)).toEqual([]);
    const ring = outline.geometry.coordinates[0];
    const edges = ring.slice(1).map((c, i) => turf.lineString([ring[i], c]) as Feature);
    const crossing = nearPairs(buildings as Feature[], edges).filter(([a, b]) => turf.booleanIntersects(a, b));
    expect(crossing.length).toBe(0);
    const overlaps = nearPairs(buildings, buildings).filter(([a, b]) => turf.booleanIntersects(a, b));
    expect(overlaps.length).toBe(0);
    const wet = nearPairs(buildings, water).filter(([a, b]) => turf.booleanIntersects(a, b));
    expect(wet.length).toBe(0);
  }, 120_000);

  it('gives buildings 10–80 m sides, levels, addresses and households on about half of them', () => {
    const buildings = json<Polygon>(files, 'buildings.geojson').features;
    for (const b of buildings.slice(0, 2000)) {
      const ring = b.geometry.coordinates[0];
      for (let i = 0; i + 1 < ring.length; i++) {
        const side = turf.distance(ring[i], ring[i + 1], { units: 'meters' });
        expect(side).toBeGreaterThan(9.9);
        expect(side).toBeLessThan(80.1);
      }
      expect(b.properties!['building:levels']).toBeGreaterThanOrEqual(1);
      expect(b.properties!.地址).toMatch(/^\p{Script=Han}+\d+号\d+幢$/u);
    }
    const addresses = new Set(buildings.map((b) => b.properties!.地址));
    expect(addresses.size).toBe(buildings.length);
    const homes = buildings.filter((b) => b.properties!.户数 > 0).length / buildings.length;
    expect(homes).toBeGreaterThan(0.35);
    expect(homes).toBeLessThan(0.7);
  });

  it('connects every road to every other through shared vertices, and names them all', () => {
    const roads = json<LineString>(files, 'roads.geojson').features;
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      while (parent.get(k) !== k) k = parent.get(k)!;
      return k;
    };
    for (const r of roads) {
      expect(r.properties!.name).toMatch(/^\p{Script=Han}+$/u);
      expect(['primary', 'secondary', 'residential', 'footway']).toContain(r.properties!.highway);
      const keys = r.geometry.coordinates.map((c) => c.join(','));
      for (const k of keys) if (!parent.has(k)) parent.set(k, k);
      for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]));
    }
    const components = new Set([...parent.keys()].map(find));
    expect(components.size).toBe(1);
    if (scale === 'full')
      expect(roads.map((r) => r.properties!.name)).toEqual(expect.arrayContaining(['中山北路', '北京西路', '湖南路']));
  });

  it("matches every resident's address to a building, about two a household, a quarter of them 60 or over", () => {
    const addresses = new Set(json<Polygon>(files, 'buildings.geojson').features.map((b) => b.properties!.地址));
    const csv = [...files].filter(([n]) => /^residents(-\d+)?[.]csv$/.test(n)).map(([, b]) => b as string);
    expect(csv.length).toBe(scale === 'full' ? 3 : 1);
    let rows = 0;
    let elders = 0;
    const households = new Set<string>();
    for (const body of csv) {
      const lines = body.trim().split('\n');
      expect(lines[0]).toBe('楼栋地址,户号,年龄,性别,低保,特困,残疾,困境儿童,独居老人');
      expect(lines.length - 1).toBeLessThanOrEqual(250_000);
      for (const line of lines.slice(1)) {
        const [address, room, age] = line.split(',');
        if (!addresses.has(address)) throw new Error(`no building at ${address}`);
        households.add(`${address}#${room}`);
        rows++;
        if (Number(age) >= 60) elders++;
      }
    }
    expect(rows / households.size).toBeGreaterThan(1.2);
    expect(rows / households.size).toBeLessThan(2.6);
    expect(elders / rows).toBeGreaterThan(0.2);
    expect(elders / rows).toBeLessThan(0.32);
  });

  it.runIf(scale === 'full')('tiles the district with 125 police grids', () => {
    const grids = json<Polygon | MultiPolygon>(files, 'police_grids.geojson').features;
    expect(grids.length).toBe(125);
    expect(new Set(grids.map((g) => g.properties!.code)).size).toBe(125);
    const total = grids.reduce((s, g) => s + turf.area(g), 0);
    expect(total / turf.area(outline)).toBeCloseTo(1, 2);
  });

  it('writes an .osm.pbf that reads back to the same roads, buildings, water and POIs, in WGS84', () => {
    const bytes = files.get('gulou.osm.pbf') as Uint8Array;
    const { elements } = readOsmPbf(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const ways = elements.filter((e) => e.type === 'way');
    const count = (key: string) => ways.filter((w) => w.tags?.[key]).length;
    expect(count('highway')).toBe(json(files, 'roads.geojson').features.length);
    expect(count('building')).toBe(json(files, 'buildings.geojson').features.length);
    expect(count('natural')).toBe(json(files, 'water.geojson').features.length);
    const pois = elements.filter((e): e is OsmNode => e.type === 'node' && !!e.tags?.name);
    expect(pois.length).toBe(json(files, 'pois.geojson').features.length);
    expect(ways.filter((w) => w.tags?.['building:levels']).length).toBe(count('building'));
    // WGS84 lies about 500 m south-west of GCJ-02 here
    const first = json<Point>(files, 'pois.geojson').features[0];
    const same = pois.find((p) => p.tags!.name === first.properties!.name)!;
    const d = turf.distance(first.geometry.coordinates, [same.lon, same.lat], { units: 'meters' });
    expect(d).toBeGreaterThan(400);
    expect(d).toBeLessThan(650);
  });
});

describe('the generator', () => {
  it('gives the same bytes for the same seed, and the committed excerpt is its output', () => {
    const a = generateGulou(input('excerpt'));
    const b = generateGulou(input('excerpt'));
    const c = generateGulou(input('excerpt', 7));
    for (const [name, body] of a) {
      expect(Buffer.from(b.get(name)!).equals(Buffer.from(body))).toBe(true);
      expect(Buffer.from(fs.readFileSync(path.join(FIXTURE, name))).equals(Buffer.from(body)), name).toBe(true);
    }
    expect(c.get('buildings.geojson')).not.toEqual(a.get('buildings.geojson'));
  });

  it('writes a roster of one worker per grid with distinct mobile numbers', () => {
    const grids = Array.from({ length: 300 }, (_, k) => ({ code: `G${k}`, name: `网格${k}` }));
    const lines = rosterCsv(grids, new Rng(1)).trim().split('\n');
    expect(lines[0]).toBe('姓名,手机号,网格');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[2])).toEqual(grids.map((g) => g.code));
    expect(rows.every((r) => /^1\d{10}$/.test(r[1]) && /^\p{Script=Han}{2,3}$/u.test(r[0]))).toBe(true);
    expect(new Set(rows.map((r) => r[1])).size).toBe(300);
  });
});
