// Areas: district → street → community → grid, plus special grids (专属网格).
// Shared by api/ and web/; the API validates its input with these schemas.
import { z } from 'zod';
import { DbIdText } from './ids.js';

export const AREA_LEVELS = ['district', 'street', 'community', 'grid', 'special'] as const;
export const AreaLevel = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof AreaLevel>;

/** 专属网格 classes, as in Gulou: 日常管理 / 重点共治 / 常态联动. */
export const SPECIAL_CLASSES = ['daily', 'key', 'linkage'] as const;
export const SpecialClass = z.enum(SPECIAL_CLASSES);
export type SpecialClass = z.infer<typeof SpecialClass>;

export const AreaId = DbIdText;

export const AreaListQuery = z.object({
  level: AreaLevel.optional(),
  parent: AreaId.optional(),
});
export type AreaListQuery = z.infer<typeof AreaListQuery>;

export const AreaProperties = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: AreaLevel,
  parentId: z.number().int().nullable(),
  specialClass: SpecialClass.nullable(),
  households: z.number().int(),
  /** Counts of people as published: null under 10 (withheld), else rounded to a multiple of 10 (see README, suppression). */
  population: z.number().int().nullable(),
  elders60: z.number().int().nullable(),
  elders80: z.number().int().nullable(),
  /** A point inside the polygon, for labels. */
  labelLon: z.number(),
  labelLat: z.number(),
  synthetic: z.boolean(),
});
export type AreaProperties = z.infer<typeof AreaProperties>;

const Position = z.array(z.number()).min(2);
export const PolygonalGeometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

export const AreaFeature = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: PolygonalGeometry,
  properties: AreaProperties,
});
export type AreaFeature = z.infer<typeof AreaFeature>;

export const AreaCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(AreaFeature),
});
export type AreaCollection = z.infer<typeof AreaCollection>;

export const AreaCrumb = z.object({ id: z.number().int(), name: z.string(), level: AreaLevel });
export type AreaCrumb = z.infer<typeof AreaCrumb>;

/** GET /api/areas/:id — the feature, its ancestors (district first) and counts of its children. */
export const AreaDetail = AreaFeature.extend({
  ancestors: z.array(AreaCrumb),
  children: z.object({ level: AreaLevel.nullable(), count: z.number().int() }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type AreaDetail = z.infer<typeof AreaDetail>;

/** A count of people as published: 0, null when 1–9 (withheld), else rounded to a multiple of 10. */
const PeopleCount = z.number().int().nullable();

/**
 * GET /api/areas/:id/profile — aggregate age/sex bands and special-group counts (no person-level data). Every count
 * of people is published as PeopleCount, each rounded on its own: the bands need not add up to the population.
 */
export const AgeBand = z.object({ band: z.string(), male: PeopleCount, female: PeopleCount });
export const AreaProfile = z.object({
  areaId: z.number().int(),
  population: PeopleCount,
  households: z.number().int(),
  ageBands: z.array(AgeBand),
  specialGroups: z.object({
    lowIncome: PeopleCount,
    extremePoverty: PeopleCount,
    disabled: PeopleCount,
    childrenInDifficulty: PeopleCount,
    eldersAlone: PeopleCount,
  }),
  resources: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  workers: z.number().int(),
});
export type AreaProfile = z.infer<typeof AreaProfile>;

/**
 * GET /api/city/profile — the city above the districts: the same aggregates as an area profile, summed over every
 * district in your scope, with the headline counts of an area's properties. Each count of people is published on
 * its own key naming the districts summed (one district: that district's own keys, so both routes agree).
 */
export const CityProfile = AreaProfile.omit({ areaId: true }).extend({
  /** The districts summed, ordered by code. */
  districtIds: z.array(z.number().int()),
  elders60: PeopleCount,
  elders80: PeopleCount,
});
export type CityProfile = z.infer<typeof CityProfile>;
