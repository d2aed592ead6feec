// Imports of area boundaries (any level, any Chinese CRS), re-gridding proposals, and exports.
// Shared by api/ and web/; the API validates its input with these schemas.
import { z } from 'zod';
import { AreaId, AreaLevel, SpecialClass } from './areas.js';
import { ElderDensityQuery } from './population.js';
import { ResourceListQuery } from './resources.js';
import { CoverageQuery } from './workers.js';
import { DbId } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

/** wgs84, cgcs2000 (read as WGS84), gcj02, bd09, epsg:NNNN (CGCS2000 3-degree zones 4513–4554), or auto-detect. */
export const ImportCrs = z
  .string()
  .regex(/^(auto|wgs84|cgcs2000|gcj02|bd09|epsg:\d{4,5})$/i, 'crs is auto, wgs84, cgcs2000, gcj02, bd09 or epsg:NNNN')
  .transform((s) => s.toLowerCase());

/** Which column or property holds what. Empty = guessed from common names (名称/name, 编码/code, …). */
export const ImportMapping = z.object({
  name: z.string().max(64).optional(),
  code: z.string().max(64).optional(),
  parent: z.string().max(64).optional(),
  /** What the parent property holds; auto = a value of 6, 9, 12 or 15 digits is a code, anything else a name. */
  parentBy: z.enum(['auto', 'code', 'name']).default('auto'),
  households: z.string().max(64).optional(),
  /** CSV/XLSX: a WKT column, or longitude/latitude columns (points). */
  wkt: z.string().max(64).optional(),
  lon: z.string().max(64).optional(),
  lat: z.string().max(64).optional(),
  /** The file gives (latitude, longitude): swap every coordinate pair on reading. */
  swapAxes: z.boolean().optional(),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportOptions = z.object({
  level: AreaLevel,
  crs: ImportCrs.default('auto'),
  mapping: ImportMapping.default({ parentBy: 'auto' }),
  /** All features go under this area (else each finds its parent by the mapping, or spatially). */
  parentId: AreaId.optional(),
  /** 专属网格 class for level 'special'. */
  specialClass: SpecialClass.optional(),
  /** Share of an area allowed outside its parent or overlapping a sibling before it is reported (default 1%). */
  tolerance: z.coerce.number().min(0).max(0.5).default(0.01),
});
export type ImportOptions = z.input<typeof ImportOptions>;

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'csv', 'xlsx'] as const;
export const PROBLEM_KINDS = [
  'invalid_geometry', // repaired with ST_MakeValid
  'unrepairable_geometry',
  'not_polygon',
  'duplicate_code',
  'bad_code',
  'generated_code',
  'missing_name',
  'missing_parent',
  'parent_changed',
  'outside_parent',
  'overlaps_sibling',
  'gap',
  'derived',
  'crs',
  'encoding', // which text encoding a Shapefile's table was read in, and why
  'out_of_scope',
  'not_imported', // a feature left out of the preview for a reason no other kind names
  'households_out_of_range', // a re-gridding grid outside min–max households
  'not_contiguous', // a re-gridding grid in more than one piece
  'duplicate_name', // areas of one name under one parent
  'merged_parts', // features of one area merged into its MultiPolygon
  'parent_column', // a guessed code column that holds the parent's code, read as the parent
  'point_in_sibling', // a point inside a sibling that stays: its parent is already divided there
] as const;
export const ProblemKind = z.enum(PROBLEM_KINDS);

export const ImportProblem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  kind: ProblemKind,
  /** Index of the incoming feature, or null for a problem of the layer as a whole. */
  feature: z.number().int().nullable(),
  message: z.string(),
  ...NoteFields,
  /** Where, in WGS84 (an overlap, a gap, the repaired part); null when the feature itself is the place. */
  geometry: z.unknown().nullable(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportFeature = z.object({
  index: z.number().int(),
  name: z.string(),
  code: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  /** insert a new area, or update the existing one with this code (geometry and name, in place). */
  action: z.enum(['insert', 'update']),
  existingId: z.number().int().nullable(),
  households: z.number().int().nullable(),
  /** Polygon derived (Voronoi cell of a point clipped to the parent, or a re-gridding proposal). */
  derived: z.boolean(),
  repaired: z.boolean(),
  areaM2: z.number(),
  /** Re-gridding: 4π·area / perimeter² of the proposed grid (1 = a circle). */
  compactness: z.number().optional(),
  /** WGS84 MultiPolygon as it would be stored. */
  geometry: z.unknown(),
});
export type ImportFeature = z.infer<typeof ImportFeature>;

/** The lon/lat readings offered when the CRS is undecided. */
export const CRS_CANDIDATES = ['wgs84', 'gcj02', 'bd09'] as const;
/** Where the layer would sit read one way: its outlines (thinned) or points in WGS84, and the gaps to the others. */
export const ImportCrsCandidate = z.object({
  crs: z.enum(CRS_CANDIDATES),
  geometry: z.unknown(),
  /** Median distance (m) to the same coordinates read each other way. */
  offsets: z.record(z.string(), z.number()),
});
export type ImportCrsCandidate = z.infer<typeof ImportCrsCandidate>;

export const ImportCrsReport = z.object({
  name: z.string(),
  confidence: z.enum(['given', 'high', 'medium', 'low']),
  reason: z.string(),
  ...NoteFields,
  alignment: z.record(z.string(), z.number()).optional(),
  /** The stored boundaries cannot tell WGS84 from GCJ-02/BD-09: not acceptable until re-analysed with a named crs. */
  undecided: z.boolean().optional(),
  /** When undecided: the layer under each reading, to draw over the base map and choose from. */
  candidates: z.array(ImportCrsCandidate).optional(),
  /** suggested: the coordinates look like (lat, lon), re-analyse with mapping.swapAxes; applied: swapped as asked. */
  swapAxes: z.enum(['suggested', 'applied']).optional(),
});

/** A re-gridding proposal's units: road-bounded blocks and buildings, each with the proposed grid (feature index) it is in. */
export const RegridProposal = z.object({
  communityId: z.number().int(),
  minHouseholds: z.number().int(),
  maxHouseholds: z.number().int(),
  /** grid: the grid the whole block belongs to; null when the block is split between grids. */
  blocks: z.array(
    z.object({
      id: z.number().int(),
      x: z.number(),
      y: z.number(),
      grid: z.number().int().nullable(),
      geometry: z.unknown(),
    }),
  ),
  buildings: z.array(
    z.object({
      id: z.number().int(),
      x: z.number(),
      y: z.number(),
      households: z.number().int(),
      block: z.number().int(),
      grid: z.number().int(),
    }),
  ),
  /** The planner's adjustments so far, oldest first. */
  adjustments: z.array(
    z.object({
      op: z.enum(['move', 'merge', 'split']),
      summary: z.string(),
      ...NoteFields,
      at: z.string(),
      by: z.string(),
    }),
  ),
});
export type RegridProposal = z.infer<typeof RegridProposal>;

export const ImportReport = z.object({
  id: z.number().int(),
  kind: z.enum(['areas', 'regrid']),
  status: z.enum(['pending', 'accepted', 'cancelled']),
  level: AreaLevel,
  source: z.object({
    filename: z.string(),
    format: z.enum([...IMPORT_FORMATS, 'proposal']),
    encoding: z.string().nullable(),
    fields: z.array(z.string()),
  }),
  crs: ImportCrsReport,
  counts: z.object({
    features: z.number().int(),
    insert: z.number().int(),
    update: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  problems: z.array(ImportProblem),
  features: z.array(ImportFeature),
  /** True when nothing blocks accepting. */
  acceptable: z.boolean(),
  /** Re-gridding only: what the proposal is made of, for adjusting it. */
  proposal: RegridProposal.optional(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportId = z.object({ id: AreaId });

export const RegridRequest = z.object({
  communityId: AreaId,
  minHouseholds: z.coerce.number().int().min(50).max(2000).default(300),
  maxHouseholds: z.coerce.number().int().min(50).max(3000).default(500),
});
export type RegridRequest = z.input<typeof RegridRequest>;

const GridIndex = z.number().int().min(0).max(999);
/**
 * One adjustment of a pending re-gridding proposal (grids by feature index): move blocks and/or buildings to a
 * neighbouring grid, merge two neighbouring grids, or split one grid in two by the same walk-and-cut.
 */
export const RegridAdjust = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('move'),
    blockIds: z.array(DbId).max(200).default([]),
    buildingIds: z.array(DbId).max(2000).default([]),
    toGrid: GridIndex,
  }),
  z.object({ op: z.literal('merge'), grids: z.tuple([GridIndex, GridIndex]) }),
  z.object({ op: z.literal('split'), grid: GridIndex }),
]);
export type RegridAdjust = z.input<typeof RegridAdjust>;

export const EXPORT_FORMATS = ['geojson', 'shp', 'csv'] as const;
export const EXPORT_CRSS = ['wgs84', 'gcj02'] as const;
/** Every export: the file format and the coordinates (GCJ-02 for Chinese web maps). */
export const ExportFile = z.object({
  format: z.enum(EXPORT_FORMATS).default('geojson'),
  crs: z.enum(EXPORT_CRSS).default('wgs84'),
});
/** Analysis layers that can be exported, with the page that shows them. */
export const ANALYSIS_EXPORTS = ['elder-density', 'needs', 'resources', 'coverage'] as const;
/** H3 cells of elder density, cells under 10 people left out exactly as on the map. */
export const ExportElderQuery = ElderDensityQuery.omit({ bbox: true }).extend(ExportFile.shape);
/** Need rates per grid under an area (grids under 10 respondents suppressed). */
export const ExportNeedsQuery = ExportFile.extend({
  area: AreaId.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'import.field.monthFormat')
    .optional(),
});
export const ExportResourcesQuery = ResourceListQuery.extend(ExportFile.shape);
/** Patrol coverage per grid under an area (default: your own) for a day or the week ending it. */
export const ExportCoverageQuery = CoverageQuery.extend({ area: AreaId.optional() }).extend(ExportFile.shape);
export const ExportAreasQuery = z.object({
  level: AreaLevel.default('community'),
  format: z.enum(EXPORT_FORMATS).default('geojson'),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});
export const ExportOrdersQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('geojson'),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  since: z.iso.datetime({ offset: true }).optional(),
});
