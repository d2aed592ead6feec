// Colour ramp shared by the density layers (elder hexagons, need heat): dark teal → amber → hot red,
// on a square-root scale so a few dense cells do not wash out the rest.
export type Rgba = [number, number, number, number];

export const RAMP: [number, number, number][] = [
  [18, 70, 110],
  [32, 140, 170],
  [90, 200, 150],
  [250, 210, 90],
  [250, 130, 60],
  [230, 50, 60],
];

/** Colour of `value` on a 0…max scale (alpha grows with it); max ≤ 0 gives the first colour. */
export function rampColor(value: number, max: number, alpha = 200): Rgba {
  const t = max > 0 ? Math.sqrt(Math.max(0, Math.min(1, value / max))) : 0;
  const x = t * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [RAMP[i], RAMP[i + 1]];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
    Math.round(alpha * (0.45 + 0.55 * t)),
  ];
}

/** A robust top for the scale: the 98th percentile, so one outlier does not flatten the map. */
export function scaleMax(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.98 * (s.length - 1)))];
}
