// Population aggregates for maps: elder density as H3 hexagons. Only counts of 10 or more people leave the server.
import { z } from 'zod';

export const ELDER_METRICS = ['e60', 'e80', 'alone'] as const;
export const ElderMetric = z.enum(ELDER_METRICS);
export type ElderMetric = z.infer<typeof ElderMetric>;

/** Cells counting fewer people than this are left out of every answer (the count is not sent at all). */
export const MIN_CELL_COUNT = 10;

/** "west,south,east,north" in degrees. */
export const Bbox = z
  .string()
  .transform((s, ctx) => {
    const v = s.split(',').map(Number);
    if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[0] >= v[2] || v[1] >= v[3] || Math.abs(v[1]) > 90 || Math.abs(v[3]) > 90) {
      ctx.addIssue({ code: 'custom', message: 'bbox 应为 west,south,east,north / bbox must be west,south,east,north' });
      return z.NEVER;
    }
    return v as [number, number, number, number];
  });

export const ElderDensityQuery = z.object({
  res: z.coerce.number().int().refine((r) => r === 7 || r === 8 || r === 9, 'res 应为 7、8 或 9 / res must be 7, 8 or 9').default(8),
  metric: ElderMetric.default('e60'),
  bbox: Bbox.optional(),
  /** An area in the caller's scope; default: the whole scope. */
  area: z.coerce.number().int().positive().optional(),
});
export type ElderDensityQuery = z.infer<typeof ElderDensityQuery>;

export const ElderCell = z.object({
  h3: z.string(),
  /** Cell centre, for heat maps. */
  lon: z.number(),
  lat: z.number(),
  value: z.number().int(),
});
export type ElderCell = z.infer<typeof ElderCell>;

export const ElderDensity = z.object({
  res: z.number().int(),
  metric: ElderMetric,
  minCount: z.number().int(),
  cells: z.array(ElderCell),
  /** How many cells were left out for counting fewer than minCount (their counts are not sent). */
  suppressed: z.number().int(),
});
export type ElderDensity = z.infer<typeof ElderDensity>;
