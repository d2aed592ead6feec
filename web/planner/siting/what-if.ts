// Instant what-if coverage in the browser: elders in demand cells within the radius of any hand-placed
// site, by straight-line distance × circuity (the server's walking distances confirm it on request).
import { haversine, metresPerDegree } from '../../../core/geo/index';

export interface DemandCell {
  lon: number;
  lat: number;
  elders: number;
  coveredBefore: boolean;
}

export interface WhatIf {
  /** Elders covered by existing facilities. */
  before: number;
  /** …and with the placed sites too. */
  after: number;
  total: number;
  /** What each site adds, in placement order. */
  gains: number[];
}

export function whatIf(
  cells: readonly DemandCell[],
  sites: readonly { lon: number; lat: number }[],
  radius: number,
  circuity: number,
): WhatIf {
  const covered = cells.map((c) => c.coveredBefore);
  const before = cells.reduce((s, c, i) => s + (covered[i] ? c.elders : 0), 0);
  const reach = radius / circuity; // metres as the crow flies
  const gains = sites.map((s) => {
    const from: [number, number] = [s.lon, s.lat];
    // A cheap box test first, 1 % wider than the circle so the sphere and the local plane never disagree on it.
    const { kx, ky } = metresPerDegree(s.lat);
    const dLat = (reach / ky) * 1.01;
    const dLon = (reach / kx) * 1.01;
    let gain = 0;
    cells.forEach((c, i) => {
      if (covered[i] || Math.abs(c.lat - s.lat) > dLat || Math.abs(c.lon - s.lon) > dLon) return;
      if (haversine(from, [c.lon, c.lat]) <= reach) {
        covered[i] = true;
        gain += c.elders;
      }
    });
    return gain;
  });
  const total = cells.reduce((s, c) => s + c.elders, 0);
  return { before, after: before + gains.reduce((a, b) => a + b, 0), total, gains };
}
