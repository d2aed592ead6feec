// Service resources (长者食堂, 养老服务站, 卫生服务站, 快递柜, …): type, capacity, opening hours; CRUD, CSV import,
// and need ↔ resource gaps (grids where a need is high and no matching resource lies within 300/500/1000 m).
import { z } from 'zod';
import { NeedCode } from './needs.js';
import { DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

export const RESOURCE_KINDS = [
  'community_office',
  'parcel_locker',
  'sports',
  'culture',
  'elder_station',
  'elder_canteen',
  'day_care',
  'clinic',
  'market',
  'school',
  'shared_hut',
  'social_org',
] as const;
export const ResourceKind = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKind>;

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const Resource = z.object({
  id: z.number().int(),
  kind: ResourceKind,
  name: z.string(),
  address: z.string(),
  capacity: z.number().int(),
  capacityUnit: z.string(),
  openingHours: z.string().nullable(),
  gridId: z.number().int().nullable(),
  lon: z.number(),
  lat: z.number(),
});
export type Resource = z.infer<typeof Resource>;

export const ResourceInput = z.object({
  kind: ResourceKind,
  name: z.string().trim().min(1, 'resources.field.nameRequired').max(100),
  address: z.string().trim().max(200).default(''),
  capacity: z.number().int().min(0).max(1_000_000).default(0),
  /** e.g. '08:00-18:00' or '周一至周五 08:30-17:00'; omitted: the usual hours of the kind. */
  openingHours: z.string().trim().min(1).max(100).optional(),
  lon: Lon,
  lat: Lat,
});
export type ResourceInput = z.infer<typeof ResourceInput>;
export const ResourcePatch = ResourceInput.partial();
export type ResourcePatch = z.infer<typeof ResourcePatch>;

export const ResourceListQuery = z.object({
  kind: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const kinds = s.split(',');
      for (const k of kinds)
        if (!(RESOURCE_KINDS as readonly string[]).includes(k)) {
          ctx.addIssue({ code: 'custom', message: 'resources.field.unknownKind', params: { kind: k } });
          return z.NEVER;
        }
      return kinds as ResourceKind[];
    }),
  area: DbIdText.optional(),
});

export const ResourceKindInfo = z.object({
  kind: ResourceKind,
  zh: z.string(),
  en: z.string(),
  capacityUnit: z.string(),
  usualHours: z.string(),
  count: z.number().int(),
});

export const RESOURCE_IMPORT_COLUMNS = ['kind', 'name', 'address', 'capacity', 'opening_hours', 'lon', 'lat'] as const;
export const ResourceImportResult = z.object({
  inserted: z.number().int(),
  errors: z.array(
    z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string(), ...NoteFields }),
  ),
});

export const GAP_RADII = [300, 500, 1000] as const;
export const GapQuery = z.object({
  need: NeedCode,
  radius: z.coerce
    .number()
    .int()
    .refine((r) => (GAP_RADII as readonly number[]).includes(r), 'resources.field.radiusChoice')
    .default(500),
  area: DbIdText.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type GapQuery = z.infer<typeof GapQuery>;

export const GapRow = z.object({
  gridId: z.number().int(),
  name: z.string(),
  communityName: z.string(),
  lon: z.number(),
  lat: z.number(),
  respondents: z.number().int(),
  rate: z.number(),
  low: z.number(),
  high: z.number(),
  households: z.number().int(),
  /** Households in buildings with no matching resource within the radius. */
  uncoveredHouseholds: z.number().int(),
  /** Nearest matching resource from the grid's label point, metres; null when none in the district. */
  nearestM: z.number().nullable(),
  /** rate × uncovered households: households estimated to want it and lack it. */
  score: z.number(),
});
export type GapRow = z.infer<typeof GapRow>;
export const Gaps = z.object({
  need: z.string(),
  kinds: z.array(z.string()),
  radius: z.number().int(),
  rows: z.array(GapRow),
  minRespondents: z.number().int(),
});
export type Gaps = z.infer<typeof Gaps>;
