// Police grids (警格): 125 cells tiling the district, from evenly spread seeds (a few Lloyd steps over a
// sample of points), as Voronoi cells clipped to the outline, grouped under police stations (派出所).
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Rng } from '../../geodata/city/rng.js';
import { type Outline, type XY, inRing, round7 } from './frame.js';

const STATIONS = [
  '宁海路',
  '华侨路',
  '湖南路',
  '中央门',
  '挹江门',
  '江东',
  '凤凰',
  '阅江楼',
  '热河南路',
  '幕府山',
  '建宁路',
  '宝塔桥',
  '小市',
];

export function policeGrids(o: Outline, count: number, rng: Rng): Feature<Polygon | MultiPolygon>[] {
  const [x0, y0, x1, y1] = o.bbox;
  const sample: XY[] = [];
  while (sample.length < count * 40) {
    const p: XY = [rng.range(x0, x1), rng.range(y0, y1)];
    if (inRing(p, o.ring)) sample.push(p);
  }
  let seeds = sample.slice(0, count);
  for (let step = 0; step < 8; step++) {
    const sum = seeds.map(() => [0, 0, 0]);
    for (const p of sample) {
      let best = 0;
      let bd = Infinity;
      seeds.forEach((s, k) => {
        const d = (s[0] - p[0]) ** 2 + (s[1] - p[1]) ** 2;
        if (d < bd) [bd, best] = [d, k];
      });
      sum[best][0] += p[0];
      sum[best][1] += p[1];
      sum[best][2]++;
    }
    seeds = seeds.map((s, k) => (sum[k][2] ? [sum[k][0] / sum[k][2], sum[k][1] / sum[k][2]] : s));
  }
  // seeds ordered north to south, west to east in bands, so codes read like a map
  const band = (y1 - y0) / 11;
  seeds.sort((a, b) => Math.floor((y1 - a[1]) / band) - Math.floor((y1 - b[1]) / band) || a[0] - b[0]);
  const pts = turf.featureCollection(seeds.map((s) => turf.point(o.frame.toLonLat(s))));
  const bb = turf.bbox(o.feature);
  const cells = turf.voronoi(pts, { bbox: [bb[0] - 0.01, bb[1] - 0.01, bb[2] + 0.01, bb[3] + 0.01] });
  const out: Feature<Polygon | MultiPolygon>[] = [];
  cells.features.forEach((cell, k) => {
    if (!cell) return;
    const part = turf.intersect(turf.featureCollection([o.feature, cell]));
    if (!part) return;
    const g = part.geometry;
    const round = (r: number[][]) => r.map((c) => [round7(c[0]), round7(c[1])]);
    const geometry =
      g.type === 'Polygon'
        ? { type: 'Polygon' as const, coordinates: g.coordinates.map(round) }
        : { type: 'MultiPolygon' as const, coordinates: g.coordinates.map((p) => p.map(round)) };
    const station = STATIONS[Math.min(STATIONS.length - 1, Math.floor((k * STATIONS.length) / seeds.length))];
    const n = String(k + 1).padStart(3, '0');
    out.push({
      type: 'Feature',
      properties: {
        code: `320106JG${n}`,
        name: `${station}派出所第${n}警格`,
        警格编号: `320106JG${n}`,
        派出所: `${station}派出所`,
        source: 'generated',
      },
      geometry,
    });
  });
  return out;
}
