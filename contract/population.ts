// Population aggregates for maps: elder density as H3 hexagons. Only counts of 10 or more people leave the server.
import { z } from 'zod';
import { DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

export const ELDER_METRICS = ['e60', 'e80', 'alone'] as const;
export const ElderMetric = z.enum(ELDER_METRICS);
export type ElderMetric = z.infer<typeof ElderMetric>;

/** Cells counting fewer people than this are left out of every answer (the count is not sent at all). */
export const MIN_CELL_COUNT = 10;

/** "west,south,east,north" in degrees. */
export const Bbox = z.string().transform((s, ctx) => {
  const v = s.split(',').map(Number);
  if (
    v.length !== 4 ||
    v.some((x) => !Number.isFinite(x)) ||
    v[0] >= v[2] ||
    v[1] >= v[3] ||
    Math.abs(v[1]) > 90 ||
    Math.abs(v[3]) > 90
  ) {
    ctx.addIssue({ code: 'custom', message: 'population.field.bboxFormat' });
    return z.NEVER;
  }
  return v as [number, number, number, number];
});

export const ElderDensityQuery = z.object({
  res: z.coerce
    .number()
    .int()
    .refine((r) => r === 7 || r === 8 || r === 9, 'population.field.h3Resolution')
    .default(8),
  metric: ElderMetric.default('e60'),
  bbox: Bbox.optional(),
  /** An area in the caller's scope; default: the whole scope. */
  area: DbIdText.optional(),
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

// ---- population base-data import (admin) ----------------------------------------------------------------------

/** Import file columns, one row per resident; buildings are keyed by their id (buildings carry no outside code). */
export const POPULATION_IMPORT_COLUMNS = [
  'building_id',
  'address',
  'household',
  'age',
  'sex',
  'low_income',
  'extreme_poverty',
  'disabled',
  'child_difficulty',
  'elder_alone',
] as const;
export type PopulationImportColumn = (typeof POPULATION_IMPORT_COLUMNS)[number];
/** Every column but `address` (an optional check that the id names the building meant). */
export const POPULATION_IMPORT_REQUIRED: readonly PopulationImportColumn[] = POPULATION_IMPORT_COLUMNS.filter(
  (c) => c !== 'address',
);
/** Chinese titles of the columns, as written in the templates. */
export const POPULATION_COLUMN_TITLES: Record<PopulationImportColumn, string> = {
  building_id: '楼栋编号',
  address: '楼栋地址',
  household: '户号',
  age: '年龄',
  sex: '性别',
  low_income: '低保',
  extreme_poverty: '特困',
  disabled: '残疾',
  child_difficulty: '困境儿童',
  elder_alone: '独居老人',
};
/** Flag columns and their bit in residents.flags. */
export const POPULATION_FLAG_BITS = {
  low_income: 1,
  extreme_poverty: 2,
  disabled: 4,
  child_difficulty: 8,
  elder_alone: 16,
} as const;
export const POPULATION_IMPORT_MAX_ROWS = 300_000;
export const POPULATION_IMPORT_MAX_ERRORS = 1000;

export const PopulationImportMode = z.enum(['replace', 'append']);
export type PopulationImportMode = z.infer<typeof PopulationImportMode>;

export const PopulationImportRowError = z.object({
  line: z.number().int(),
  column: z.string().optional(),
  reason: z.string(),
  ...NoteFields,
});
export type PopulationImportRowError = z.infer<typeof PopulationImportRowError>;

export const PopulationImportResult = z.object({
  mode: PopulationImportMode,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** Detected text encoding of a CSV (utf-8, utf-8-bom, utf-16le/be, gbk); null for XLSX. */
  encoding: z.string().nullable(),
  /** Data rows in the file. */
  rows: z.number().int(),
  /** Residents written. */
  inserted: z.number().int(),
  /** Residents removed (replace mode: the earlier residents of the buildings written). */
  removed: z.number().int(),
  /** Buildings whose residents changed. */
  buildings: z.number().int(),
  /** Replace mode: buildings left as they were because some of their rows were refused, and their good rows not written. */
  heldBack: z.object({ buildings: z.array(z.number().int()), rows: z.number().int() }),
  /** Refused rows (the first 1,000), by line, with the column and the reason. */
  errors: z.array(PopulationImportRowError),
  errorCount: z.number().int(),
  message: z.string(),
  ...NoteFields,
});
export type PopulationImportResult = z.infer<typeof PopulationImportResult>;
