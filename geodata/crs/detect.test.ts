// CRS detection: ranges, zone prefixes, and GCJ-02/BD-09 vs WGS84 by fit to existing boundaries.
import { describe, expect, it } from 'vitest';
import { type LonLat, wgs84ToBd09, wgs84ToGcj02 } from './china.js';
import { renderMessage } from '../../contract/messages/index.js';
import { crsFromOption, detectCrs, type Reference } from './detect.js';
import { gk3 } from './projected.js';

// A 3 km × 2 km "district" near Shanghai, its boundary densified every ~50 m, and a street inside it.
function square(x0: number, y0: number, x1: number, y1: number, step = 0.0005): LonLat[] {
  const pts: LonLat[] = [];
  for (let x = x0; x < x1; x += step) pts.push([x, y0]);
  for (let y = y0; y < y1; y += step) pts.push([x1, y]);
  for (let x = x1; x > x0; x -= step) pts.push([x, y1]);
  for (let y = y1; y > y0; y -= step) pts.push([x0, y]);
  return pts;
}
const district = square(121.44, 31.22, 121.47, 31.24);
const street = square(121.44, 31.22, 121.455, 31.24);
const reference: Reference = {
  vertices: [...district, ...square(121.455, 31.22, 121.455001, 31.24)],
  outline: [district],
  centreLon: 121.455,
};

describe('detectCrs', () => {
  it('recognises WGS84 boundaries that sit on the existing ones', () => {
    const d = detectCrs(street, { reference, isPoints: false });
    expect(d.crs.name).toBe('wgs84');
    expect(d.confidence).not.toBe('low');
  });

  it('recognises the GCJ-02 shift and the BD-09 one, and says how far off the other readings are', () => {
    const g = detectCrs(street.map(wgs84ToGcj02), { reference, isPoints: false });
    expect(g.crs.name).toBe('gcj02');
    expect(g.confidence).toBe('high');
    expect(g.alignment!.wgs84).toBeGreaterThan(150); // the nearest existing line, not the shift itself
    expect(g.alignment!.gcj02).toBeLessThan(30);
    expect(g.reason.key).toBe('geodata.crs.detected');
    expect(renderMessage(g.reason, 'en')).toMatch(/^detected GCJ02 \(a ~\d+ m shift\)/);
    expect(renderMessage(g.reason, 'zh-CN')).toMatch(/^判断为 GCJ02（坐标偏移约 \d+ m）/);
    expect(detectCrs(street.map(wgs84ToBd09), { reference, isPoints: false }).crs.name).toBe('bd09');
  });

  it('overrides a WGS84 .prj when the coordinates line up only as GCJ-02', () => {
    const prj =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
    const d = detectCrs(street.map(wgs84ToGcj02), { prj, reference, isPoints: false });
    expect(d.crs.name).toBe('gcj02');
    expect(d.reason.key).toBe('geodata.crs.prjContradicted');
    expect(renderMessage(d.reason, 'en')).toMatch(
      /\.prj says GCS_WGS_1984 but the coordinates line up only as GCJ02; detected GCJ02/,
    );
  });

  it('falls back to WGS84 with low confidence far from any existing boundary', () => {
    const far = square(116.3, 39.9, 116.32, 39.92);
    const d = detectCrs(far, { reference, isPoints: false });
    expect(d.crs.name).toBe('wgs84');
    expect(d.confidence).toBe('low');
    expect(detectCrs(far, { reference: null, isPoints: false }).confidence).toBe('low');
  });

  it('reads projected metres: the zone from an 8-digit easting, else the district zone', () => {
    const pre = street.map((p) => gk3(40, true).forward(p));
    const d = detectCrs(pre, { reference: null, isPoints: false });
    expect(d.crs.name).toBe('EPSG:4528');
    const [lon, lat] = d.crs.toWgs84(pre[0]);
    expect(lon).toBeCloseTo(street[0][0], 7);
    expect(lat).toBeCloseTo(street[0][1], 7);
    const bare = street.map((p) => gk3(40, false).forward(p));
    const e = detectCrs(bare, { reference, isPoints: false });
    expect(e.crs.name).toBe('EPSG:4549');
    expect(e.confidence).toBe('medium');
    expect(() => detectCrs(bare, { reference: null, isPoints: false })).toThrow(/neither/);
  });

  it('places points by how many fall inside the district', () => {
    const pts: LonLat[] = [
      [121.4405, 31.2205],
      [121.4695, 31.2395],
      [121.4401, 31.2398],
      [121.455, 31.23],
    ];
    expect(detectCrs(pts.map(wgs84ToGcj02), { reference, isPoints: true }).crs.name).toBe('gcj02');
  });

  it('names CRSs as users write them', () => {
    expect(crsFromOption('GCJ02').name).toBe('gcj02');
    expect(crsFromOption('epsg:4549').name).toBe('EPSG:4549');
    expect(crsFromOption('epsg:4490').name).toBe('wgs84');
    expect(() => crsFromOption('epsg:3857')).toThrow(/unknown CRS/);
  });
});
