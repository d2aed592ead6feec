// What the server tells every client at start: the city, its extent, and where tiles come from.
import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), postgis: z.string() }),
});
export type Health = z.infer<typeof Health>;

export const CityMeta = z.object({
  name: z.string(),
  nameEn: z.string(),
  synthetic: z.boolean(),
  districtId: z.number().int(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  center: z.tuple([z.number(), z.number()]),
  tiles: z.object({
    areas: z.string(),
    basemap: z.string(),
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
  }),
});
export type CityMeta = z.infer<typeof CityMeta>;
