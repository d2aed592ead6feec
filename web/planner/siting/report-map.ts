// The printed report's map: demand cells, existing facilities and chosen sites with their reach, projected
// into an SVG box (the local plane at the area's latitude, so circles of a given radius stay round).
import { metresPerDegree } from '../../../core/geo/index';

export interface ReportMapInput {
  cells: { lon: number; lat: number; elders: number }[];
  facilities: { lon: number; lat: number }[];
  sites: { lon: number; lat: number; rank: number }[];
  radius: number;
}

export interface ReportMap {
  cells: { x: number; y: number; r: number }[];
  facilities: { x: number; y: number; r: number }[];
  sites: { x: number; y: number; r: number; rank: number }[];
  /** A scale bar: its length in pixels and the metres it stands for. */
  bar: { px: number; metres: number };
}

export function reportMap(input: ReportMapInput, width: number, height: number, pad = 16): ReportMap {
  const all = [...input.cells, ...input.facilities, ...input.sites];
  if (!all.length) return { cells: [], facilities: [], sites: [], bar: { px: 0, metres: 0 } };
  const lat0 = all.reduce((s, p) => s + p.lat, 0) / all.length;
  const { kx, ky } = metresPerDegree(lat0);
  const xs = all.map((p) => p.lon * kx);
  const ys = all.map((p) => p.lat * ky);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(x1 - x0, y1 - y0, 0.1);
  const k = Math.min(
    (width - 2 * pad) / Math.max(x1 - x0, span * 1e-3),
    (height - 2 * pad) / Math.max(y1 - y0, span * 1e-3),
  ); // px per metre
  const cx = (width - k * (x1 - x0)) / 2;
  const cy = (height - k * (y1 - y0)) / 2;
  const at = (p: { lon: number; lat: number }) => ({
    x: cx + k * (p.lon * kx - x0),
    y: height - cy - k * (p.lat * ky - y0),
  });
  const pxPerMetre = k;
  const top = Math.max(1, ...input.cells.map((c) => c.elders));
  const nice = [100, 200, 500, 1000, 2000, 5000].find((m) => m * pxPerMetre >= width / 8) ?? 5000;
  return {
    cells: input.cells.map((c) => ({ ...at(c), r: 1.5 + 4 * Math.sqrt(c.elders / top) })),
    facilities: input.facilities.map((f) => ({ ...at(f), r: input.radius * pxPerMetre })),
    sites: input.sites.map((s) => ({ ...at(s), r: input.radius * pxPerMetre, rank: s.rank })),
    bar: { px: nice * pxPerMetre, metres: nice },
  };
}
