// Imports of a district's own layers — buildings, roads and paths, water, points of interest / service resources and
// police grids (警格) — from GeoJSON, zipped Shapefile, CSV/XLSX or an OpenStreetMap extract (.osm.pbf): a dry-run
// report kept as a pending import, then accepted (one transaction) or cancelled. Shared by api/ and web/.
import { z } from 'zod';
import { ImportCrs, ImportCrsReport } from './imports.js';
import { DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

export const LAYER_KINDS = ['buildings', 'roads', 'water', 'resources', 'police_grids'] as const;
export const LayerKind = z.enum(LAYER_KINDS);
export type LayerKind = z.infer<typeof LayerKind>;

/** Road classes as stored: OSM highway=* motorway…primary → arterial, secondary/tertiary → secondary, others local; paths, footways, steps, cycleways → path. */
export const ROAD_CLASSES = ['arterial', 'secondary', 'local', 'path'] as const;

/** Which property or column holds what; empty = guessed from common names (名称/name, 户数/households, 层数/building:levels, …). */
export const LayerMapping = z.object({
  name: z.string().max(64).optional(),
  code: z.string().max(64).optional(),
  households: z.string().max(64).optional(),
  floors: z.string().max(64).optional(),
  address: z.string().max(64).optional(),
  /** Roads: the class column (OSM highway values or arterial/secondary/local/path, 主干路/次干路/支路/步行道). */
  roadClass: z.string().max(64).optional(),
  /** Resources: the kind column (OSM amenity/shop/leisure values, a resource kind, or 类型 in Chinese). */
  kind: z.string().max(64).optional(),
  wkt: z.string().max(64).optional(),
  lon: z.string().max(64).optional(),
  lat: z.string().max(64).optional(),
  /** The file gives (lat, lon): every position's first two values are exchanged on reading. */
  swapAxes: z.boolean().optional(),
});
export type LayerMapping = z.infer<typeof LayerMapping>;

export const DEFAULT_M2_PER_HOUSEHOLD = 90;
export const DEFAULT_FLOORS = 6;

export const LayerImportOptions = z.object({
  layer: LayerKind,
  crs: ImportCrs.default('auto'),
  mapping: LayerMapping.default({}),
  /** Buildings without a household count: floors × footprint area ÷ this (m² of floor per household). */
  m2PerHousehold: z.coerce.number().min(20).max(1000).default(DEFAULT_M2_PER_HOUSEHOLD),
  /** Buildings without a number of floors get this many. */
  defaultFloors: z.coerce.number().int().min(1).max(200).default(DEFAULT_FLOORS),
});
export type LayerImportOptions = z.input<typeof LayerImportOptions>;

export const LAYER_PROBLEM_KINDS = [
  'crs',
  'no_geometry',
  'wrong_geometry',
  'out_of_scope',
  'missing_name',
  'unknown_kind',
  'estimated',
  'defaulted',
  'replaced',
  'not_imported',
] as const;

export const LayerProblem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  kind: z.enum(LAYER_PROBLEM_KINDS),
  /** Index of the incoming feature, or null for the layer as a whole. */
  feature: z.number().int().nullable(),
  message: z.string(),
  ...NoteFields,
});
export type LayerProblem = z.infer<typeof LayerProblem>;

/** One feature as accept would write it (WGS84), with what the report says about it. */
export const LayerFeature = z.object({
  index: z.number().int(),
  name: z.string(),
  /** buildings: households (given or estimated) and floors; roads: class; resources: kind; police grids: code. */
  households: z.number().int().optional(),
  estimated: z.boolean().optional(),
  floors: z.number().int().optional(),
  address: z.string().optional(),
  roadClass: z.enum(ROAD_CLASSES).optional(),
  kind: z.string().optional(),
  code: z.string().optional(),
  geometry: z.unknown(),
});
export type LayerFeature = z.infer<typeof LayerFeature>;

export const LayerReport = z.object({
  id: z.number().int(),
  kind: z.literal('layer'),
  layer: LayerKind,
  status: z.enum(['pending', 'accepted', 'cancelled']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  source: z.object({
    filename: z.string(),
    format: z.enum(['geojson', 'shapefile', 'csv', 'xlsx', 'osm']),
    encoding: z.string().nullable(),
    fields: z.array(z.string()),
  }),
  crs: ImportCrsReport,
  /** The assumptions the estimates rest on (buildings). */
  settings: z.object({ m2PerHousehold: z.number(), defaultFloors: z.number().int() }),
  counts: z.object({
    features: z.number().int(),
    /** Features accept writes. */
    ready: z.number().int(),
    /** Features of the file that are not of this layer (an OSM extract holds every layer) — not errors. */
    otherLayers: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    /** Buildings: households given / estimated, in all. */
    households: z.number().int(),
    estimated: z.number().int(),
    /** Rows inside your area that accept replaces (buildings: those of the area the file covers, matched by none). */
    replaces: z.number().int(),
    /** Buildings: earlier buildings matched by address or footprint, updated in place (their id and residents kept). */
    updates: z.number().int().optional(),
    /** Buildings: earlier buildings matched by none that residents live in, kept as they are. */
    keeps: z.number().int().optional(),
  }),
  /** Roads: features per class; resources: features per kind. */
  byClass: z.record(z.string(), z.number().int()),
  /** Resources: values that map to no resource kind, with how many features carry each (left out). */
  unknownKinds: z.record(z.string(), z.number().int()),
  problems: z.array(LayerProblem),
  /** The first 2,000 ready features, for the map preview. */
  features: z.array(LayerFeature),
  acceptable: z.boolean(),
});
export type LayerReport = z.infer<typeof LayerReport>;

export const LayerImportId = z.object({ id: DbIdText });

export const LayerImportSummary = z.object({
  id: z.number().int(),
  layer: LayerKind,
  status: z.string(),
  filename: z.string(),
  ready: z.number().int(),
  errors: z.number().int(),
  createdAt: z.string(),
});

/** What a layer import's analysis is at: reading, converting, checking features (done of total), … */
export const LAYER_ANALYSIS_STEPS = ['queued', 'read', 'convert', 'check', 'match', 'replaces', 'store'] as const;
export type LayerAnalysisStep = (typeof LAYER_ANALYSIS_STEPS)[number];

export const LayerImportProgress = z.object({
  step: z.enum(LAYER_ANALYSIS_STEPS),
  done: z.number().int().nullable(),
  total: z.number().int().nullable(),
});
export type LayerImportProgress = z.infer<typeof LayerImportProgress>;

/** A layer import whose report is not there: still being analysed (a job), or failed with the reason. */
export const LayerImportJob = z.object({
  id: z.number().int(),
  kind: z.literal('layer'),
  layer: LayerKind,
  /** cancelled: while it was being analysed (it has no report). */
  status: z.enum(['analysing', 'failed', 'cancelled']),
  createdAt: z.string(),
  filename: z.string(),
  progress: LayerImportProgress.nullable(),
  /** GET it until the status is no longer analysing: it then answers the report. */
  poll: z.string(),
  /** failed: why; analysing: set when the analysis was queued again after the node running it stopped. */
  message: z.string().nullable(),
  ...NoteFields,
});
export type LayerImportJob = z.infer<typeof LayerImportJob>;

/** GET /api/layers/imports/:id: the report once analysed, else where the analysis stands. */
export const LayerImportState = z.union([LayerReport, LayerImportJob]);
export type LayerImportState = z.infer<typeof LayerImportState>;
export const isLayerReport = (s: LayerImportState): s is LayerReport => 'source' in s;
