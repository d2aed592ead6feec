// Evaluates one period at one level: raw indicator values per area (questionnaires and work orders), their 0–100
// scores, the composite with special points, ranks, rank bands and per-node (dimension/focus) scores. Pure given
// its inputs; service.ts reads them from the database.
import { categoryByCode } from '../../contract/order-categories.js';
import { normalise } from './normalise.js';
import type { AreaBrief, NodeRow, OrderAgg, ResponseAgg } from './queries.js';
import { type BandOptions, DEFAULT_BANDS, type RankBand, composite, rankBands, ranks, withSpecial } from './scoring.js';
import { globalWeights, leaves, leavesUnder } from './tree.js';

export interface EvalInput {
  nodes: NodeRow[];
  areas: AreaBrief[];
  responses: ResponseAgg[];
  orders: OrderAgg[];
  /** Length of the period over the days the order records cover (≥ 1 scales a partly covered period up). */
  orderScale: number | null;
  specials: Map<number, number>;
  /** Perturbation of the rank bands; null skips them (trends, the previous period). */
  bands?: BandOptions | null;
}

export interface EvalOutput {
  leaves: NodeRow[];
  global: Map<number, number>;
  /** raw[a][i], score[a][i]: area a, leaf i. */
  raw: (number | null)[][];
  score: (number | null)[][];
  base: (number | null)[];
  final: (number | null)[];
  special: number[];
  rank: (number | null)[];
  /** null for every area when bands were skipped. */
  band: (RankBand | null)[];
  respondents: number[];
  /** Score of any non-leaf node for area a: nodeScore(a, nodeId). */
  nodeScore: (a: number, nodeId: number) => number | null;
}

export function unitOf(n: NodeRow): 'score' | 'per_1000_households' | 'percent' {
  if (n.source === 'questionnaire') return 'score';
  return n.orderMeasure === 'unsatisfied_share' ? 'percent' : 'per_1000_households';
}

export function evaluate(input: EvalInput): EvalOutput {
  const leafNodes = leaves(input.nodes);
  const global = globalWeights(input.nodes);
  const areaIndex = new Map(input.areas.map((a, i) => [a.id, i]));
  const m = input.areas.length;
  const leafIndex = new Map(leafNodes.map((n, i) => [n.code, i]));

  // Questionnaires: respondent-weighted mean across groups.
  const qs = input.areas.map(() => leafNodes.map(() => ({ n: 0, s: 0 })));
  const respondents = new Array<number>(m).fill(0);
  const perArea = new Map<number, number>(); // respondents of the area counted once: the largest indicator sample
  for (const r of input.responses) {
    const a = areaIndex.get(r.areaId);
    const i = leafIndex.get(r.code);
    if (a === undefined || i === undefined || leafNodes[i].source !== 'questionnaire') continue;
    qs[a][i].n += r.respondents;
    qs[a][i].s += r.respondents * r.score;
  }
  for (let a = 0; a < m; a++) for (const cell of qs[a]) perArea.set(a, Math.max(perArea.get(a) ?? 0, cell.n));
  for (let a = 0; a < m; a++) respondents[a] = perArea.get(a) ?? 0;

  // Work orders: per family (topic) of each area.
  const byArea = new Map<number, { complaints: Map<string, number>; rated: number; unsatisfied: number }>();
  for (const o of input.orders) {
    const family = categoryByCode(o.category)?.family ?? 'other';
    const e = byArea.get(o.areaId) ?? { complaints: new Map(), rated: 0, unsatisfied: 0 };
    e.complaints.set(family, (e.complaints.get(family) ?? 0) + o.complaints);
    e.rated += o.rated;
    e.unsatisfied += o.unsatisfied;
    byArea.set(o.areaId, e);
  }

  const raw = input.areas.map((area, a) =>
    leafNodes.map((n, i) => {
      if (n.source === 'questionnaire') return qs[a][i].n > 0 ? qs[a][i].s / qs[a][i].n : null;
      if (input.orderScale === null) return null;
      const e = byArea.get(area.id);
      if (n.orderMeasure === 'unsatisfied_share') return e && e.rated > 0 ? (100 * e.unsatisfied) / e.rated : null;
      if (area.households <= 0) return null;
      const count = n.orderFamilies.reduce((s, f) => s + (e?.complaints.get(f) ?? 0), 0);
      return ((count * 1000) / area.households) * input.orderScale;
    }),
  );
  const cols = leafNodes.map((n, i) =>
    normalise(
      raw.map((row) => row[i]),
      { polarity: n.polarity!, norm: n.norm!, target: n.target, worst: n.worst },
    ),
  );
  const score = raw.map((_, a) => leafNodes.map((_, i) => cols[i][a]));
  const weights = leafNodes.map((n) => global.get(n.id) ?? 0);
  const special = input.areas.map((a) => input.specials.get(a.id) ?? 0);
  const base = score.map((row) => composite(row, weights));
  const final = base.map((s, a) => withSpecial(s, special[a]));
  const rank = ranks(final);
  const band =
    input.bands === null ? final.map(() => null) : rankBands(score, weights, special, input.bands ?? DEFAULT_BANDS);

  const under = new Map<number, Set<number>>();
  const nodeScore = (a: number, nodeId: number): number | null => {
    let set = under.get(nodeId);
    if (!set) under.set(nodeId, (set = leavesUnder(input.nodes, nodeId)));
    const w = leafNodes.map((n) => (set!.has(n.id) ? weights[leafNodes.indexOf(n)] : 0));
    return composite(score[a], w);
  };
  return { leaves: leafNodes, global, raw, score, base, final, special, rank, band, respondents, nodeScore };
}
