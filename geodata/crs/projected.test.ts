// CGCS2000 Gauss-Krüger zones and .prj WKT: round trips, both false-easting conventions, zone detection.
import { describe, expect, it } from 'vitest';
import { fromEpsg, gk3, gk3FromEpsg, parsePrj, zoneFromEastings } from './projected.js';
import { haversine } from '../../core/geo/index.js';

const ESRI_GK_120E =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const OGC_ZONE_40 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 40",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",40500000],PARAMETER["false_northing",0],UNIT["metre",1]]';

describe('CGCS2000 3-degree Gauss-Krüger', () => {
  it('maps EPSG codes to zones: 4513–4533 prefixed, 4534–4554 not', () => {
    expect(gk3FromEpsg(4528)).toEqual({ zone: 40, centralMeridian: 120, prefixed: true });
    expect(gk3FromEpsg(4549)).toEqual({ zone: 40, centralMeridian: 120, prefixed: false });
    expect(gk3FromEpsg(4555)).toBeNull();
    expect(fromEpsg(4326)).toBeNull();
  });

  it('differs between the two conventions only by the zone prefix, and round-trips', () => {
    const p: [number, number] = [121.45, 31.23];
    const a = gk3(40, true).forward(p);
    const b = gk3(40, false).forward(p);
    expect(a[0] - b[0]).toBeCloseTo(40_000_000, 3);
    expect(a[1]).toBeCloseTo(b[1], 3);
    expect(b[0]).toBeGreaterThan(500_000); // east of 120°E
    expect(haversine(gk3(40, true).inverse(a), p)).toBeLessThan(0.001);
    expect(() => gk3(12, false)).toThrow(RangeError);
  });

  it('reads ESRI and OGC .prj WKT through proj4', () => {
    const xy = gk3(40, false).forward([121.45, 31.23]);
    const esri = parsePrj(ESRI_GK_120E);
    expect(esri.kind).toBe('projected');
    if (esri.kind === 'projected') expect(haversine(esri.projected.inverse(xy), [121.45, 31.23])).toBeLessThan(0.01);
    const ogc = parsePrj(OGC_ZONE_40);
    if (ogc.kind !== 'projected') throw new Error('expected projected');
    expect(haversine(ogc.projected.inverse([xy[0] + 40_000_000, xy[1]]), [121.45, 31.23])).toBeLessThan(0.01);
    expect(
      parsePrj(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]',
      ),
    ).toEqual({ kind: 'geographic', name: 'GCS_WGS_1984' });
    expect(() => parsePrj('hello')).toThrow(/not WKT/);
  });

  it('finds the zone from the false-easting prefix', () => {
    expect(zoneFromEastings([40_512_000, 40_530_000])).toEqual({ zone: 40, prefixed: true });
    expect(zoneFromEastings([512_000, 530_000])).toEqual({ zone: null, prefixed: false });
    expect(zoneFromEastings([39_990_000, 40_010_000])).toBeNull();
  });
});
