// Patrol coverage, pure: the share of a grid's road length that lies within `radius` metres of a
// position. Roads are cut into short pieces; a piece counts as patrolled when its midpoint is within
// the radius of a point (found through a point index, so the cost stays near linear).
import { PointIndex, localPlane } from '../../core/geo/index.js';

export const COVERAGE_RADIUS_M = 30;
/** Road pieces are at most this long; the error at a piece's ends is under half of it. */
export const PIECE_M = 5;

export type Line = [number, number][];

export interface RoadPieces {
  /** Midpoints, projected metres. */
  xs: Float64Array;
  ys: Float64Array;
  lengths: Float64Array;
  total: number;
}

/** Cuts lines ([lon, lat] vertices) into pieces of at most PIECE_M metres, projected around lat0. */
export function roadPieces(lines: readonly Line[], lat0: number, pieceM = PIECE_M): RoadPieces {
  const proj = localPlane({ lon0: 0, lat0 }).toXY;
  const xs: number[] = [],
    ys: number[] = [],
    lengths: number[] = [];
  let total = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = proj(line[i - 1][0], line[i - 1][1]);
      const [bx, by] = proj(line[i][0], line[i][1]);
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0) continue;
      const n = Math.max(1, Math.ceil(len / pieceM));
      for (let k = 0; k < n; k++) {
        const f = (k + 0.5) / n;
        xs.push(ax + (bx - ax) * f);
        ys.push(ay + (by - ay) * f);
        lengths.push(len / n);
        // Summed piece by piece, as coverageOf sums them, so a grid walked end to end comes out at exactly 1.
        total += len / n;
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), lengths: Float64Array.from(lengths), total };
}

/** Share (0–1) of the pieces' length within `radius` of any point ([lon, lat]); 0 when there is no road. */
export function coverageOf(
  pieces: RoadPieces,
  points: readonly (readonly [number, number])[],
  lat0: number,
  radius = COVERAGE_RADIUS_M,
): number {
  if (pieces.total === 0 || points.length === 0) return 0;
  const proj = localPlane({ lon0: 0, lat0 }).toXY;
  const xy = points.map(([lon, lat]) => proj(lon, lat));
  const index = new PointIndex({ x: xy.map((p) => p[0]), y: xy.map((p) => p[1]) });
  let covered = 0;
  for (let i = 0; i < pieces.xs.length; i++)
    if (index.any(pieces.xs[i], pieces.ys[i], radius)) covered += pieces.lengths[i];
  return Math.min(1, covered / pieces.total);
}
