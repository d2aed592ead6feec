// Never a silent guess: a lon/lat layer that the stored boundaries cannot place is undecided (with its candidate
// placements), (lat, lon) coordinates are recognised as swapped, and a CRS name that says GCJ-02/BD-09 is taken.
import { describe, expect, it } from 'vitest';
import { type LonLat, wgs84ToBd09, wgs84ToGcj02 } from './china.js';
import { renderMessage } from '../../contract/messages/index.js';
import { axesLookSwapped, detectCrs, offsetDatumNamed, type Reference } from './detect.js';
import { candidatePlacements, thinned } from './candidates.js';
import { haversine } from '../../core/geo/index.js';

function square(x0: number, y0: number, x1: number, y1: number, step = 0.0005): LonLat[] {
  const pts: LonLat[] = [];
  for (let x = x0; x < x1; x += step) pts.push([x, y0]);
  for (let y = y0; y < y1; y += step) pts.push([x1, y]);
  for (let x = x1; x > x0; x -= step) pts.push([x, y1]);
  for (let y = y1; y > y0; y -= step) pts.push([x0, y]);
  return pts;
}
const district = square(121.44, 31.22, 121.47, 31.24);
const reference: Reference = { vertices: district, outline: [district], centreLon: 121.455 };

describe('an undecided CRS', () => {
  it('is undecided, not WGS84, when no stored boundary is near (a district in Nanjing on a Shanghai database)', () => {
    const nanjing = square(118.76, 32.05, 118.8, 32.08).map(wgs84ToGcj02);
    for (const ref of [reference, null]) {
      const d = detectCrs(nanjing, { reference: ref, isPoints: false });
      expect(d.undecided).toBe(true);
      expect(d.confidence).toBe('low');
      expect(renderMessage(d.reason, 'en')).toMatch(/^CRS undecided/);
      expect(renderMessage(d.reason, 'zh-CN')).toMatch(/^坐标系未定/);
    }
  });

  it('is undecided when points fall inside the district under every reading', () => {
    const pts: LonLat[] = [
      [121.45, 31.228],
      [121.455, 31.23],
      [121.46, 31.232],
    ];
    const d = detectCrs(pts, { reference, isPoints: true });
    expect(d.undecided).toBe(true);
    expect(d.reason.key).toBe('geodata.crs.undecided');
  });

  it('stays automatic when a stored boundary lines up', () => {
    const street = square(121.44, 31.22, 121.455, 31.24);
    const w = detectCrs(street, { reference, isPoints: false });
    expect(w.undecided).toBeFalsy();
    const g = detectCrs(street.map(wgs84ToGcj02), { reference, isPoints: false });
    expect(g.confidence).toBe('high');
    expect(g.undecided).toBeFalsy();
    expect(g.crs.name).toBe('gcj02');
  });

  it('is not undecided outside China, where the readings coincide', () => {
    const paris = square(2.3, 48.85, 2.32, 48.87);
    expect(detectCrs(paris, { reference: null, isPoints: false }).undecided).toBe(false);
  });

  it('takes a .prj that names GCJ-02 (as Gridwall exports write it) as given', () => {
    const prj =
      'GEOGCS["GCJ-02",DATUM["GCJ-02 (WGS 84 with the Chinese offset, not a geodetic datum)",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
    const d = detectCrs(square(118.76, 32.05, 118.8, 32.08), { prj, reference: null, isPoints: false });
    expect(d).toMatchObject({ confidence: 'given' });
    expect(d.crs.name).toBe('gcj02');
    expect(offsetDatumNamed('GCS_WGS_1984')).toBeNull();
    expect(offsetDatumNamed('BD-09')).toBe('bd09');
    expect(offsetDatumNamed('gcj_02')).toBe('gcj02');
  });
});

describe('swapped axes', () => {
  it('recognises (lat, lon) in China, and leaves (lon, lat) and projected metres alone', () => {
    const lonLat = square(121.44, 31.22, 121.47, 31.24);
    expect(axesLookSwapped(lonLat.map(([x, y]) => [y, x]))).toBe(true);
    expect(axesLookSwapped(lonLat)).toBe(false);
    expect(axesLookSwapped([[40_500_000, 3_460_000]])).toBe(false);
    expect(axesLookSwapped([])).toBe(false);
    // Western China as (lat, lon) still looks like degrees, but lies in the Arctic: swapped.
    expect(axesLookSwapped([[39.47, 75.99]])).toBe(true);
  });
});

describe('candidate placements', () => {
  const ring = square(118.76, 32.05, 118.8, 32.08).map(wgs84ToGcj02);
  const polygon = { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };

  it('places the layer under each reading, and says how far apart the placements are', () => {
    const cands = candidatePlacements([polygon, null]);
    expect(cands.map((c) => c.crs)).toEqual(['wgs84', 'gcj02', 'bd09']);
    const [w, g, b] = cands;
    expect(w.offsets.wgs84).toBe(0);
    expect(w.offsets.gcj02).toBeGreaterThan(300);
    expect(w.offsets.gcj02).toBeLessThan(800);
    expect(w.offsets.bd09).toBeGreaterThan(w.offsets.gcj02);
    expect(g.offsets.wgs84).toBe(w.offsets.gcj02);
    // The GCJ-02 candidate is the WGS84 truth of the ring; the WGS84 one is the ring as found.
    const truth = square(118.76, 32.05, 118.8, 32.08);
    const gRing = (g.geometry as { coordinates: number[][][][] }).coordinates[0][0] as LonLat[];
    expect(Math.max(...gRing.map((p) => Math.min(...truth.map((q) => haversine(p, q)))))).toBeLessThan(1);
    expect((w.geometry as { coordinates: number[][][][] }).coordinates[0][0][0]).toEqual(ring[0]);
    expect(b.geometry).toMatchObject({ type: 'MultiPolygon' });
    expect(wgs84ToBd09(truth[0])[0]).not.toBe(truth[0][0]);
  });

  it('thins big layers to a few hundred vertices, closed rings, and keeps points as points', () => {
    const dense = square(118.76, 32.05, 118.8, 32.08, 0.00001);
    const g = thinned([{ type: 'Polygon', coordinates: [[...dense, dense[0]]] }], (p) => p, 600);
    const r = (g as { coordinates: number[][][][] }).coordinates[0][0];
    expect(r.length).toBeLessThanOrEqual(602);
    expect(r[0]).toEqual(r[r.length - 1]);
    const pts = thinned(
      dense.slice(0, 50).map((p) => ({ type: 'Point' as const, coordinates: p })),
      ([x, y]) => [y, x],
    );
    expect(pts).toMatchObject({ type: 'MultiPoint' });
    const road = thinned([{ type: 'LineString', coordinates: dense }], (p) => p, 100);
    const line = (road as { coordinates: number[][][] }).coordinates[0];
    expect(road.type).toBe('MultiLineString');
    expect(line.length).toBeLessThanOrEqual(102);
    expect(line.at(-1)).toEqual(dense.at(-1));
    const roads = candidatePlacements([{ type: 'LineString', coordinates: dense.map(wgs84ToGcj02) }]);
    expect(roads[0].offsets.gcj02).toBeGreaterThan(300);
    expect((pts as { coordinates: number[][] }).coordinates[0]).toEqual([dense[0][1], dense[0][0]]);
  });
});
