// Exact solutions by mixed-integer programming with HiGHS (WebAssembly): the textbook formulations of
// MCLP (with the transportation model under capacities), p-median and set covering, built as sparse
// row-wise matrices. Used to verify the heuristics and report their gap.
import loadHighs, { type Highs, type ModelData } from 'highs';
import { type MclpInput, mclpObjective } from './mclp.js';
import { type PmedianInput, pmedianBound, pmedianObjective } from './pmedian.js';
import { coverSets, coveringSites, fixedDistOf } from './problem.js';
import { type SetCoverInput, pointsToCover } from './set-cover.js';

let runtime: Promise<Highs> | null = null;
const highs = () => (runtime ??= loadHighs());

export interface ExactOptions {
  /** Seconds before HiGHS stops with its best solution and bound. */
  timeLimitS?: number;
  /** Models with more nonzeros than this are not built (HiGHS in WebAssembly runs out of memory on them). */
  maxNonzeros?: number;
}

/** Above this many constraint-matrix nonzeros the model is not handed to HiGHS. */
export const EXACT_MAX_NONZEROS = 1_000_000;

/**
 * What the exact solver established: `optimal`; `stopped` at the time limit with its best solution (if any)
 * and bound (if any); `no-solution` when it stopped without a feasible solution; `too-large` when the model
 * was not built at all (see `nonzeros`).
 */
export type ExactStatus = 'optimal' | 'stopped' | 'no-solution' | 'too-large';

export interface ExactResult {
  status: ExactStatus;
  /** The incumbent's sites (empty without one). */
  sites: number[];
  /** The objective of `sites`, recomputed by definition; null without a solution. */
  objective: number | null;
  /** Proven bound on the optimum (equal to objective when optimal); null when HiGHS proved none. */
  bound: number | null;
  optimal: boolean;
  /** HiGHS's own model status (or "not built"). */
  solverStatus: string;
  /** Constraint-matrix nonzeros of the model (counted before building it). */
  nonzeros: number;
  ms: number;
}

/**
 * How far a solution can be from the optimum given a proven bound, relative to the optimum: for minimising
 * (z − LB) / LB ≥ (z − z*) / z*, for maximising (UB − z) / UB ≥ (z* − z) / z*. Null when no bound can say
 * (no bound, or a minimising bound ≤ 0 with z > 0).
 */
export function gapToBound(objective: number, bound: number | null, maximise: boolean): number | null {
  if (bound === null || !Number.isFinite(bound) || !Number.isFinite(objective)) return null;
  if (maximise) {
    if (objective >= bound) return 0;
    return bound > 0 ? (bound - objective) / bound : null;
  }
  if (objective <= bound) return 0;
  return bound > 0 ? (objective - bound) / bound : null;
}

class Rows {
  starts: number[] = [0];
  index: number[] = [];
  value: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  add(cols: readonly number[], vals: readonly number[], lo: number, hi: number): void {
    this.index.push(...cols);
    this.value.push(...vals);
    this.starts.push(this.index.length);
    this.lower.push(lo);
    this.upper.push(hi);
  }
}

interface Built {
  numCols: number;
  cost: number[];
  colUpper: number[];
  integer: number[];
  rows: Rows;
  maximise: boolean;
  offset: number;
}

const nonzerosOf = (b: Built) => b.rows.index.length;

type Ran = Omit<ExactResult, 'objective'>;

async function run(b: Built, m: number, opts: ExactOptions): Promise<Ran> {
  const nonzeros = nonzerosOf(b);
  if (nonzeros > (opts.maxNonzeros ?? EXACT_MAX_NONZEROS)) return tooLarge(nonzeros);
  const h = await highs();
  const t0 = performance.now();
  const integrality = new Int32Array(b.numCols);
  for (const c of b.integer) integrality[c] = h.constants.variableType.integer;
  const data: ModelData = {
    numCols: b.numCols,
    numRows: b.rows.lower.length,
    sense: b.maximise ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize,
    offset: b.offset,
    colCost: b.cost,
    colLower: new Float64Array(b.numCols),
    colUpper: b.colUpper,
    rowLower: b.rows.lower.map((v) => (v === -Infinity ? -h.infinity : v)),
    rowUpper: b.rows.upper.map((v) => (v === Infinity ? h.infinity : v)),
    matrix: {
      format: 'csr',
      numRows: b.rows.lower.length,
      numCols: b.numCols,
      starts: b.rows.starts,
      indices: b.rows.index,
      values: b.rows.value,
    },
    integrality,
  };
  return h.withModel(data, (model) => {
    model.options.set({ output_flag: false, mip_rel_gap: 1e-7, time_limit: opts.timeLimitS ?? 60 });
    model.run();
    const code = model.getModelStatus();
    const solverStatus = Object.entries(h.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const optimal = code === h.constants.modelStatus.optimal;
    const feasible =
      optimal || Number(model.info.get('primal_solution_status')) === h.constants.solutionStatus.feasible;
    const sites: number[] = [];
    if (feasible) {
      const col = model.getSolution().colValue;
      for (let j = 0; j < m; j++) if (col[j] > 0.5) sites.push(j);
    }
    const dual = Number(model.info.get('mip_dual_bound'));
    // HiGHS reports ±infinity (or its huge stand-in) when it has proved no bound.
    const bound =
      Number.isFinite(dual) && Math.abs(dual) < h.infinity / 2 ? dual : optimal ? model.getObjectiveValue() : null;
    const status: ExactStatus = optimal ? 'optimal' : feasible ? 'stopped' : 'no-solution';
    return { status, sites, bound, optimal, solverStatus, nonzeros, ms: performance.now() - t0 };
  });
}

const tooLarge = (nonzeros: number): Ran => ({
  status: 'too-large',
  sites: [],
  bound: null,
  optimal: false,
  solverStatus: 'not built',
  nonzeros,
  ms: 0,
});

/** Counts the nonzeros a model would have, before building it. */
export function exactSize(
  job:
    | { model: 'mclp'; input: MclpInput }
    | { model: 'pmedian'; input: PmedianInput }
    | { model: 'setcover'; input: SetCoverInput },
): number {
  const m = job.input.table.nSites;
  if (job.model === 'pmedian') {
    const t = job.input.table;
    const b = pmedianBound(job.input);
    let pairs = 0;
    const has = new Uint8Array(t.nDemand);
    for (let k = 0; k < t.demand.length; k++) {
      const i = t.demand[k];
      if (t.dist[k] < b[i] && job.input.weight[i] > 0) {
        pairs++;
        has[i] = 1;
      }
    }
    // x_ij ≤ y_j (2 each), Σ_j x_ij + u_i = 1 (1 each, plus u_i), Σ y_j ≤ p.
    return 3 * pairs + has.reduce((a, v) => a + v, 0) + m;
  }
  const input = job.input as SetCoverInput & { capacity?: ArrayLike<number> };
  const cs = coverSets(input.table, input.radius);
  let pairs = 0;
  for (let k = 0; k < cs.list.length; k++) {
    const i = cs.list[k];
    if (fixedDistOf(input, i) > input.radius && input.weight[i] > 0) pairs++;
  }
  if (job.model === 'mclp') return (input.capacity ? 5 * pairs : pairs + input.table.nDemand) + m;
  return pairs;
}

/** max Σ w_i z_i  s.t.  z_i ≤ Σ_{j covers i} y_j,  Σ y_j ≤ p  (capacitated: the transportation model). */
export async function exactMclp(input: MclpInput, opts: ExactOptions = {}): Promise<ExactResult> {
  const size = exactSize({ model: 'mclp', input });
  if (size > (opts.maxNonzeros ?? EXACT_MAX_NONZEROS)) return { ...tooLarge(size), objective: null };
  const n = input.table.nDemand;
  const m = input.table.nSites;
  const cs = coverSets(input.table, input.radius);
  const by = coveringSites(cs, n);
  const rows = new Rows();
  const cost: number[] = new Array(m).fill(0);
  const colUpper: number[] = new Array(m).fill(1);
  let offset = 0;
  const open = (i: number) => fixedDistOf(input, i) > input.radius && input.weight[i] > 0;
  for (let i = 0; i < n; i++) if (!open(i)) offset += fixedDistOf(input, i) <= input.radius ? input.weight[i] : 0;
  if (!input.capacity) {
    for (let i = 0; i < n; i++) {
      if (!open(i) || by.start[i + 1] === by.start[i]) continue;
      const z = cost.length;
      cost.push(input.weight[i]);
      colUpper.push(1);
      const js = Array.from(by.list.subarray(by.start[i], by.start[i + 1]));
      rows.add([...js, z], [...js.map(() => -1), 1], -Infinity, 0);
    }
  } else {
    const cap = input.capacity;
    const perSite: number[][] = Array.from({ length: m }, () => []);
    const perDemand = new Map<number, number[]>();
    for (let j = 0; j < m; j++) {
      for (let k = cs.start[j]; k < cs.start[j + 1]; k++) {
        const i = cs.list[k];
        if (!open(i)) continue;
        const x = cost.length;
        cost.push(1);
        colUpper.push(input.weight[i]);
        perSite[j].push(x);
        (perDemand.get(i) ?? perDemand.set(i, []).get(i)!).push(x);
        rows.add([j, x], [-input.weight[i], 1], -Infinity, 0); // x_ij ≤ w_i y_j
      }
    }
    for (const [i, xs] of perDemand)
      rows.add(
        xs,
        xs.map(() => 1),
        -Infinity,
        input.weight[i],
      );
    perSite.forEach((xs, j) => {
      if (xs.length) rows.add([j, ...xs], [-cap[j], ...xs.map(() => 1)], -Infinity, 0);
    });
  }
  const all = Array.from({ length: m }, (_, j) => j);
  rows.add(
    all,
    all.map(() => 1),
    -Infinity,
    input.p,
  );
  const r = await run({ numCols: cost.length, cost, colUpper, integer: all, rows, maximise: true, offset }, m, opts);
  return { ...r, objective: r.status === 'stopped' || r.optimal ? mclpObjective(input, r.sites, cs) : null };
}

/** min Σ w_i d_ij x_ij + Σ w_i b_i u_i  s.t.  Σ_j x_ij + u_i = 1,  x_ij ≤ y_j,  Σ y_j ≤ p  (b_i: fixed or far distance). */
export async function exactPmedian(input: PmedianInput, opts: ExactOptions = {}): Promise<ExactResult> {
  const size = exactSize({ model: 'pmedian', input });
  if (size > (opts.maxNonzeros ?? EXACT_MAX_NONZEROS)) return { ...tooLarge(size), objective: null };
  const t = input.table;
  const m = t.nSites;
  const bound = pmedianBound(input);
  const rows = new Rows();
  const cost: number[] = new Array(m).fill(0);
  const colUpper: number[] = new Array(m).fill(1);
  const xsOf = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    for (let k = t.start[j]; k < t.start[j + 1]; k++) {
      const i = t.demand[k];
      if (!(t.dist[k] < bound[i]) || input.weight[i] <= 0) continue;
      const x = cost.length;
      cost.push(input.weight[i] * t.dist[k]);
      colUpper.push(1);
      (xsOf.get(i) ?? xsOf.set(i, []).get(i)!).push(x);
      rows.add([j, x], [-1, 1], -Infinity, 0);
    }
  }
  let offset = 0;
  for (let i = 0; i < t.nDemand; i++) {
    const xs = xsOf.get(i);
    if (!xs) {
      offset += input.weight[i] * bound[i];
      continue;
    }
    const u = cost.length;
    cost.push(input.weight[i] * bound[i]);
    colUpper.push(1);
    rows.add([...xs, u], [...xs.map(() => 1), 1], 1, 1);
  }
  const all = Array.from({ length: m }, (_, j) => j);
  rows.add(
    all,
    all.map(() => 1),
    -Infinity,
    input.p,
  );
  const r = await run({ numCols: cost.length, cost, colUpper, integer: all, rows, maximise: false, offset }, m, opts);
  return { ...r, objective: r.status === 'stopped' || r.optimal ? pmedianObjective(input, r.sites) : null };
}

/** min Σ y_j  s.t.  Σ_{j covers i} y_j ≥ 1 for every point that must be covered. */
export async function exactSetCover(input: SetCoverInput, opts: ExactOptions = {}): Promise<ExactResult> {
  const size = exactSize({ model: 'setcover', input });
  if (size > (opts.maxNonzeros ?? EXACT_MAX_NONZEROS)) return { ...tooLarge(size), objective: null };
  const m = input.table.nSites;
  const cs = coverSets(input.table, input.radius);
  const by = coveringSites(cs, input.table.nDemand);
  const rows = new Rows();
  for (const i of pointsToCover(input, cs)) {
    const js = Array.from(by.list.subarray(by.start[i], by.start[i + 1]));
    rows.add(
      js,
      js.map(() => 1),
      1,
      Infinity,
    );
  }
  const all = Array.from({ length: m }, (_, j) => j);
  const r = await run(
    { numCols: m, cost: all.map(() => 1), colUpper: all.map(() => 1), integer: all, rows, maximise: false, offset: 0 },
    m,
    opts,
  );
  return { ...r, objective: r.status === 'stopped' || r.optimal ? r.sites.length : null };
}

/** Relative gap of a heuristic objective to the exact one (0 = optimal), for maximisation or minimisation. */
export function gapTo(exact: number, heuristic: number, maximise: boolean): number {
  if (exact === 0) return heuristic === exact ? 0 : 1;
  return Math.max(0, maximise ? (exact - heuristic) / Math.abs(exact) : (heuristic - exact) / Math.abs(exact));
}
