// Siting optimizer at the target size: 5,000 demand cells × 500 candidate sites, p = 20, over a walking
// network. Prints the heuristic's time, its Lagrangian bound and its proven gap (to the better of that bound and
// HiGHS's), with the exact solve's status and time as the baseline; and the planner map's instant what-if over the same cells.
// `npx tsx bench/siting.ts [--demand 5000] [--candidates 500] [--p 20] [--radius 500] [--seed 1] [--models mclp,pmedian,setcover]`
import { parseArgs } from 'node:util';
import { distanceTable, nearestFacilityDistance } from '../api/siting/distance-table.js';
import { exactMclp, exactPmedian, exactSetCover, type ExactResult } from '../api/siting/exact.js';
import { localPlane } from '../core/geo/index.js';
import { type Points } from '../api/siting/geo.js';
import { solveMclp } from '../api/siting/mclp.js';
import { solvePmedian } from '../api/siting/pmedian.js';
import { buildRoadGraph } from '../api/siting/road-graph.js';
import { solveSetCover } from '../api/siting/set-cover.js';
import { judge } from '../api/siting/verdict.js';
import { whatIf } from '../web/planner/siting/what-if.js';
import { ms, summarize } from './stats.js';
import { rng } from '../api/siting/capped-problem.js';

const { values } = parseArgs({
  options: {
    demand: { type: 'string', default: '5000' },
    candidates: { type: 'string', default: '500' },
    p: { type: 'string', default: '20' },
    radius: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    'time-limit': { type: 'string', default: '300' },
    /** Which models to run: mclp, pmedian, setcover (the exact p-median takes minutes at full size). */
    models: { type: 'string', default: 'mclp,pmedian,setcover' },
  },
  strict: false,
});
const N = Number(values.demand);
const M = Number(values.candidates);
const P = Number(values.p);
const R = Number(values.radius);
const timeLimitS = Number(values['time-limit']);
const models = new Set(String(values.models).split(','));

const rand = rng(Number(values.seed));
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

// A 6 km square district: a street grid every 150 m with some blocks merged (missing links).
const SIDE = 6000;
const STEP = 150;
const proj = localPlane({ lon0: 121.455, lat0: 31.26 });
const lines: [number, number][][] = [];
for (let k = 0; k <= SIDE / STEP; k++) {
  for (let a = 0; a < SIDE / STEP; a++) {
    if (rand() < 0.12) continue;
    lines.push([proj.toLonLat(k * STEP, a * STEP), proj.toLonLat(k * STEP, (a + 1) * STEP)]);
    if (rand() < 0.12) continue;
    lines.push([proj.toLonLat(a * STEP, k * STEP), proj.toLonLat((a + 1) * STEP, k * STEP)]);
  }
}
// Demand cells clustered round 25 old neighbourhoods; elders per cell skewed.
const centres = Array.from({ length: 25 }, () => [rand() * SIDE, rand() * SIDE]);
const clamp = (v: number) => Math.min(SIDE, Math.max(0, v));
const demand: Points = { x: new Float64Array(N), y: new Float64Array(N) };
const weight = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const c = centres[Math.floor(rand() * centres.length)];
  const spread = i % 3 === 0 ? 2500 : 600;
  demand.x[i] = clamp(c[0] + gauss() * spread);
  demand.y[i] = clamp(c[1] + gauss() * spread);
  weight[i] = 1 + Math.floor(-Math.log(1 - rand()) * 25);
}
const sites: Points = {
  x: Float64Array.from({ length: M }, () => rand() * SIDE),
  y: Float64Array.from({ length: M }, () => rand() * SIDE),
};
const existing: Points = {
  x: Float64Array.from({ length: 15 }, () => rand() * SIDE),
  y: Float64Array.from({ length: 15 }, () => rand() * SIDE),
};

let t0 = performance.now();
const graph = buildRoadGraph(lines, proj);
const tGraph = performance.now() - t0;
const metric = { graph, circuity: 1.3 };
t0 = performance.now();
const table = distanceTable(metric, demand, sites, 3 * R);
const fixedDist = nearestFacilityDistance(metric, demand, existing, 3 * R);
const tTable = performance.now() - t0;
const pairs = Array.from({ length: M }, (_, j) => table.start[j + 1] - table.start[j]);
console.log(
  `instance: ${N} demand cells (${weight.reduce((a, b) => a + b, 0)} elders), ${M} candidates, ${existing.x.length} existing, p = ${P}, radius ${R} m`,
);
console.log(
  `road graph: ${graph.nodes.x.length} nodes, ${graph.edgeCount} edges, built in ${ms(tGraph)}; distance table to ${3 * R} m: ${table.demand.length} pairs in ${ms(tTable)} (${(pairs.reduce((a, b) => a + b, 0) / M).toFixed(0)} per site)`,
);

const fmtGap = (g: number | null) =>
  g === null ? 'unknown' : g === 0 ? '0 (optimal)' : `≤ ${(100 * g).toPrecision(2)} %`;
/** The exact solve's line: its status, incumbent and bound, and the heuristic's proven gap to the better bound. */
function exactLine(
  e: ExactResult,
  h: { objective: number; bound: number | null },
  maximise: boolean,
  unit = (v: number) => v.toFixed(0),
): string {
  // As the API judges it: the better answer, the tighter bound (judge).
  const j = judge(h, e, maximise);
  const inc = e.objective === null ? 'no incumbent' : unit(e.objective);
  return `exact ${ms(e.ms)} [${e.status}; ${e.solverStatus}; ${e.nonzeros} nonzeros] ${inc}, bound ${e.bound === null ? '–' : unit(e.bound)} → answer found by the ${j.foundBy}, gap ${fmtGap(j.gap)}`;
}

const mclpIn = { weight, table, fixedDist, radius: R, p: P };
if (models.has('mclp')) {
  const h = solveMclp(mclpIn);
  const e = await exactMclp(mclpIn, { timeLimitS });
  console.log(
    `MCLP       heuristic ${ms(h.ms)} (${h.swaps} moves), covered ${h.objective} of ${weight.reduce((a, b) => a + b, 0)} (baseline ${h.baseline}), ` +
      `Lagrangian bound ${h.bound} → gap ${fmtGap(judge(h, null, true).gap)}; ${exactLine(e, h, true)}`,
  );
}
if (models.has('pmedian')) {
  const pmIn = { weight, table, fixedDist, p: P, farDistance: 3 * R };
  const hp = solvePmedian(pmIn);
  const ep = await exactPmedian(pmIn, { timeLimitS });
  const km = (v: number) => `${(v / 1000).toFixed(1)} elder·km`;
  console.log(
    `p-median   heuristic ${ms(hp.ms)} (${hp.swaps} moves), ${km(hp.objective)}, Lagrangian bound ${hp.bound === null ? '–' : km(hp.bound)} → gap ${fmtGap(judge(hp, null, false).gap)}; ${exactLine(ep, hp, false, km)}`,
  );
}
if (models.has('setcover')) {
  const scIn = { weight, table, fixedDist, radius: R };
  const hs = solveSetCover(scIn);
  const es = await exactSetCover(scIn, { timeLimitS });
  console.log(
    `set cover  heuristic ${ms(hs.ms)} ${hs.sites.length} sites (bound ${hs.bound}); ${exactLine(es, { objective: hs.sites.length, bound: hs.bound }, false)}`,
  );
}

// The planner's instant what-if (browser code): 20 hand-placed sites over the demand cells, straight × circuity.
const cells = Array.from({ length: N }, (_, i) => {
  const [lon, lat] = proj.toLonLat(demand.x[i], demand.y[i]);
  return { lon, lat, elders: weight[i], coveredBefore: fixedDist[i] <= R };
});
const placed = Array.from({ length: 20 }, (_, j) => {
  const [lon, lat] = proj.toLonLat(sites.x[j], sites.y[j]);
  return { lon, lat };
});
const samples: number[] = [];
for (let k = 0; k < 60; k++) {
  const t = performance.now();
  whatIf(cells, placed, R, 1.3);
  if (k >= 10) samples.push(performance.now() - t); // the first runs warm the JIT up
}
const w = summarize(samples);
console.log(`what-if    ${N} cells × 20 placed sites: p50 ${ms(w.p50)}, p95 ${ms(w.p95)} (target ≤ 100 ms per click)`);
