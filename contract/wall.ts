// The wall's own data: layouts (which panel where, on a grid of cells) and the alarm center's history
// and acknowledgements. Shared by the API and the web app.
import { m, type Message } from './messages/index.js';
import { z } from 'zod';
import { DbId } from './ids.js';

/** Every panel a layout can place; the web app maps each to its component. */
export const PANEL_IDS = [
  'area-kpis',
  'special-groups',
  'resources',
  'root-causes',
  'order-kpis',
  'alarms',
  'rates',
  'age-pyramid',
  'children',
  'evaluation-ranking',
  'evaluation-progress',
  'parties',
  'disputes',
] as const;
export const PanelId = z.enum(PANEL_IDS);
export type PanelId = z.infer<typeof PanelId>;

/** A rectangle of grid cells, 1-based like CSS grid lines: `col` 1 is the first column. */
export const CellRect = z.object({
  col: z.number().int().min(1),
  row: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  rowSpan: z.number().int().min(1),
});
export type CellRect = z.infer<typeof CellRect>;

export const LayoutSpec = z.object({
  /** Grid the wall is cut into under its header. */
  columns: z.number().int().min(2).max(48),
  rows: z.number().int().min(1).max(24),
  /** The screen shape this layout is meant for, width / height (16:9 ≈ 1.78, 32:9 ≈ 3.56). */
  aspect: z.number().min(0.5).max(8),
  /** Relative heights of the rows (CSS fr), one per row; equal when left out. */
  rowWeights: z.array(z.number().positive().max(20)).optional(),
  map: CellRect,
  panels: z.array(CellRect.extend({ panel: PanelId })).max(40),
});
export type LayoutSpec = z.infer<typeof LayoutSpec>;

export const LayoutId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'wall.layoutId');

export const WallLayout = z.object({
  id: LayoutId,
  name: z.string().trim().min(1).max(60),
  spec: LayoutSpec,
  updatedAt: z.string().optional(),
  updatedBy: z.string().nullable().optional(),
});
export type WallLayout = z.infer<typeof WallLayout>;

export const LayoutInput = z.object({ name: z.string().trim().min(1).max(60), spec: LayoutSpec });
export type LayoutInput = z.infer<typeof LayoutInput>;

/**
 * What is wrong with a layout, in words (empty when it is fine): every rectangle inside the grid, none
 * overlapping another, the map present, each panel at most once.
 */
export function layoutProblems(spec: LayoutSpec): Message[] {
  const problems: Message[] = [];
  const items: { name: string; r: CellRect }[] = [
    { name: 'map', r: spec.map },
    ...spec.panels.map((p) => ({ name: p.panel, r: p })),
  ];
  for (const { name, r } of items) {
    if (r.col + r.colSpan - 1 > spec.columns || r.row + r.rowSpan - 1 > spec.rows) {
      problems.push(m('wall.layout.outsideGrid', { name, columns: spec.columns, rows: spec.rows }));
    }
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].r;
      const b = items[j].r;
      const apart =
        a.col + a.colSpan <= b.col ||
        b.col + b.colSpan <= a.col ||
        a.row + a.rowSpan <= b.row ||
        b.row + b.rowSpan <= a.row;
      if (!apart) problems.push(m('wall.layout.overlap', { a: items[i].name, b: items[j].name }));
    }
  }
  if (spec.rowWeights && spec.rowWeights.length !== spec.rows) {
    problems.push(m('wall.layout.rowWeights', { rows: spec.rows }));
  }
  const seen = new Set<string>();
  for (const p of spec.panels) {
    if (seen.has(p.panel)) problems.push(m('wall.layout.panelTwice', { panel: p.panel }));
    seen.add(p.panel);
  }
  return problems;
}

/** The layout whose aspect is nearest the screen's (on a log scale: 2:1 is as far from 1:1 as 4:1 from 2:1). */
export function layoutForScreen<T extends { spec: { aspect: number } }>(
  layouts: readonly T[],
  width: number,
  height: number,
): T | undefined {
  const aspect = width / Math.max(1, height);
  let best: T | undefined;
  let bestGap = Infinity;
  for (const l of layouts) {
    const gap = Math.abs(Math.log(l.spec.aspect / aspect));
    if (gap < bestGap) {
      best = l;
      bestGap = gap;
    }
  }
  return best;
}

/** The layouts a fresh installation has: a 16:9 screen (1920×1080, 3840×2160) and a 32:9 wall (7680×2160). */
export const DEFAULT_LAYOUTS: readonly WallLayout[] = [
  {
    id: 'screen-16x9',
    name: '单屏 16:9',
    spec: {
      columns: 12,
      rows: 6,
      aspect: 16 / 9,
      rowWeights: [1.1, 1, 1, 1, 1, 1],
      map: { col: 4, row: 2, colSpan: 6, rowSpan: 5 },
      panels: [
        { panel: 'area-kpis', col: 1, row: 1, colSpan: 3, rowSpan: 2 },
        { panel: 'special-groups', col: 1, row: 3, colSpan: 3, rowSpan: 1 },
        { panel: 'resources', col: 1, row: 4, colSpan: 3, rowSpan: 2 },
        { panel: 'root-causes', col: 1, row: 6, colSpan: 3, rowSpan: 1 },
        { panel: 'order-kpis', col: 4, row: 1, colSpan: 6, rowSpan: 1 },
        { panel: 'alarms', col: 10, row: 1, colSpan: 3, rowSpan: 2 },
        { panel: 'rates', col: 10, row: 3, colSpan: 3, rowSpan: 2 },
        { panel: 'parties', col: 10, row: 5, colSpan: 3, rowSpan: 2 },
      ],
    },
  },
  {
    id: 'wall-32x9',
    name: '拼接大屏 32:9',
    spec: {
      columns: 24,
      rows: 6,
      aspect: 32 / 9,
      rowWeights: [1.1, 1, 1, 1, 1, 1],
      map: { col: 8, row: 2, colSpan: 10, rowSpan: 5 },
      panels: [
        { panel: 'area-kpis', col: 1, row: 1, colSpan: 4, rowSpan: 2 },
        { panel: 'special-groups', col: 5, row: 1, colSpan: 3, rowSpan: 2 },
        { panel: 'resources', col: 1, row: 3, colSpan: 4, rowSpan: 2 },
        { panel: 'parties', col: 1, row: 5, colSpan: 4, rowSpan: 2 },
        { panel: 'root-causes', col: 5, row: 3, colSpan: 3, rowSpan: 2 },
        { panel: 'evaluation-ranking', col: 5, row: 5, colSpan: 3, rowSpan: 2 },
        { panel: 'order-kpis', col: 8, row: 1, colSpan: 10, rowSpan: 1 },
        { panel: 'alarms', col: 18, row: 1, colSpan: 4, rowSpan: 3 },
        { panel: 'rates', col: 22, row: 1, colSpan: 3, rowSpan: 3 },
        { panel: 'disputes', col: 18, row: 4, colSpan: 4, rowSpan: 3 },
        { panel: 'children', col: 22, row: 4, colSpan: 3, rowSpan: 1 },
        { panel: 'evaluation-progress', col: 22, row: 5, colSpan: 3, rowSpan: 2 },
      ],
    },
  },
];

/** The alarm center's history: each alarm with whether, by whom and when it was acknowledged. */
export const AlarmQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Alarms older than this seq (paging down the history). */
  before: z.coerce.number().int().positive().optional(),
  state: z.enum(['open', 'acked', 'all']).default('all'),
});

export const AlarmAckInput = z.object({ note: z.string().trim().max(200).optional() });

export const AlarmAckPush = z.object({
  seq: z.number().int().positive(),
  alarmSeq: z.number().int().positive(),
  ackedBy: z.string(),
  ackedAt: z.string(),
  note: z.string().nullable(),
});
export type AlarmAckPush = z.infer<typeof AlarmAckPush>;

/** A command from an operator's remote page to the walls signed in with the same account. */
export const WallCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('tour'), on: z.boolean() }),
  z.object({ command: z.literal('next') }),
  z.object({ command: z.literal('previous') }),
  z.object({ command: z.literal('home') }),
  z.object({ command: z.literal('area'), areaId: DbId }),
  z
    .object({
      command: z.literal('range'),
      range: z.enum(['today', '7d', '30d', 'custom']),
      /** For 'custom': first and last day, YYYY-MM-DD, in the wall's time zone. */
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
    })
    .refine((c) => c.range !== 'custom' || (c.from && c.to && c.from <= c.to), {
      message: 'a custom range needs from ≤ to',
    }),
  z.object({ command: z.literal('follow'), on: z.boolean() }),
  z.object({ command: z.literal('layer'), layer: z.string().max(40), on: z.boolean() }),
]);
export type WallCommand = z.infer<typeof WallCommand>;
