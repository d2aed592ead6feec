// Geometry checks used by the tests (and usable by importers): ring closure and orientation,
// simple rings (no self-intersection or self-touching), shoelace areas.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Signed shoelace area of a closed ring in coordinate units² (positive counter-clockwise), about its first vertex. */
export function ringArea(ring: readonly Position[]): number {
  let s = 0;
  const [ox, oy] = ring[0];
  for (let k = 0; k + 1 < ring.length; k++) {
    s += (ring[k][0] - ox) * (ring[k + 1][1] - oy) - (ring[k + 1][0] - ox) * (ring[k][1] - oy);
  }
  return s / 2;
}

/** Area of a polygon (shell minus holes), in coordinate units². */
export function polygonArea(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let a = 0;
  for (const rings of polys) for (const ring of rings) a += ringArea(ring);
  return a;
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    cross(a, b, p) === 0 &&
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments ab and cd share any point (exact, collinear overlaps and touches included). */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

/** Problems with a polygon's rings: unclosed, too short, wrong orientation, self-touching, rings meeting. O(n²). */
export function polygonProblems(p: Polygon): string[] {
  const problems: string[] = [];
  const rings = p.coordinates;
  rings.forEach((ring, r) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length < 4) problems.push(`ring ${r} has ${ring.length} positions`);
    if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${r} is not closed`);
    const area = ringArea(ring);
    if (r === 0 && !(area > 0)) problems.push('outer ring is not counter-clockwise');
    if (r > 0 && !(area < 0)) problems.push(`hole ${r} is not clockwise`);
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const adjacent = j === i + 1 || (i === 0 && j === n - 1);
        if (adjacent) {
          // Neighbouring edges may only share their common vertex: no fold-back.
          const [a, b, c] = j === i + 1 ? [ring[i], ring[i + 1], ring[j + 1]] : [ring[j], ring[0], ring[1]];
          if (cross(a, b, c) === 0 && (c[0] - b[0]) * (a[0] - b[0]) + (c[1] - b[1]) * (a[1] - b[1]) > 0)
            problems.push(`ring ${r} folds back at ${i}`);
          continue;
        }
        if (segmentsMeet(ring[i], ring[i + 1], ring[j], ring[j + 1]))
          problems.push(`ring ${r} touches itself at edges ${i} and ${j}`);
      }
    }
  });
  for (let r = 0; r < rings.length; r++) {
    for (let s = r + 1; s < rings.length; s++) {
      for (let i = 0; i + 1 < rings[r].length; i++) {
        for (let j = 0; j + 1 < rings[s].length; j++) {
          if (segmentsMeet(rings[r][i], rings[r][i + 1], rings[s][j], rings[s][j + 1]))
            problems.push(`rings ${r} and ${s} meet`);
        }
      }
    }
  }
  return problems;
}
