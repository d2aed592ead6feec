import { describe, expect, it } from 'vitest';
import { distance as turfDistance } from '@turf/turf';
import { haversine, localDistance } from './distance.js';
import { localPlane, offsetBy } from './local-plane.js';
import { metresPerDegree } from './metres-per-degree.js';

// Nanjing: the Drum Tower (鼓楼) and Xinjiekou (新街口); reference lengths are WGS-84 geodesics (Vincenty).
const GULOU = [118.7787, 32.0583] as const;
const XINJIEKOU = [118.7841, 32.0419] as const;
const SHANGHAI = [121.4737, 31.2304] as const;

describe('metres per degree', () => {
  it('matches the WGS-84 table at the equator, 45° and the pole', () => {
    expect(metresPerDegree(0).ky).toBeCloseTo(110_574.3, 0);
    expect(metresPerDegree(0).kx).toBeCloseTo(111_319.5, 0);
    expect(metresPerDegree(45).ky).toBeCloseTo(111_132.1, -1);
    expect(metresPerDegree(45).kx).toBeCloseTo(78_846.8, -1);
    expect(metresPerDegree(90).ky).toBeCloseTo(111_693.9, 0);
  });
});

describe('distances', () => {
  it('gives the Drum Tower to Xinjiekou within a metre of the geodesic on the local plane', () => {
    expect(Math.abs(localDistance(GULOU, XINJIEKOU) - 1888.71)).toBeLessThan(1);
  });

  it('gives 0.01° east and north of the Drum Tower within 0.1 m', () => {
    expect(localDistance(GULOU, [GULOU[0] + 0.01, GULOU[1]])).toBeCloseTo(944.33, 1);
    expect(localDistance(GULOU, [GULOU[0], GULOU[1] + 0.01])).toBeCloseTo(1108.88, 1);
  });

  it('agrees with turf for great circles and is within 0.3 % of the Nanjing–Shanghai geodesic', () => {
    const d = haversine(GULOU, SHANGHAI);
    expect(d / 1000).toBeCloseTo(turfDistance([...GULOU], [...SHANGHAI], { units: 'kilometers' }), 6);
    expect(Math.abs(d - 271_609) / 271_609).toBeLessThan(0.003);
  });

  it('takes the short way across the antimeridian', () => {
    expect(localDistance([179.999, 0], [-179.999, 0])).toBeCloseTo(222.6, 0);
  });
});

describe('local plane', () => {
  it('round-trips a point and puts 1 km east at x = 1000', () => {
    const p = localPlane({ lon0: GULOU[0], lat0: GULOU[1] });
    const [lon, lat] = p.toLonLat(1000, -250);
    const [x, y] = p.toXY(lon, lat);
    expect(x).toBeCloseTo(1000, 6);
    expect(y).toBeCloseTo(-250, 6);
    expect(localDistance(GULOU, [lon, GULOU[1]])).toBeCloseTo(1000, 0);
  });

  it('offsets a point by metres east and north', () => {
    const q = offsetBy(GULOU[0], GULOU[1], 300, 400);
    expect(localDistance(GULOU, q)).toBeCloseTo(500, 0);
  });
});
