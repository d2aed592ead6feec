// The siting search on the standard p-median benchmark: OR-Library pmed1–pmed40 (Beasley 1990; the instances
// and their known optima in ../shared/data/or-library-pmed/). Distances by Floyd–Warshall over each graph (an
// edge listed twice counts with its last listing). Prints, per instance, the heuristic's objective, the known
// optimum, the gap, its Lagrangian bound and time; optionally the exact solver with a short limit; then the MCLP
// variant (unit weights, radius at the 2nd–5th distance percentile, cycling) against the exact optimum.
// `npx tsx bench/siting-orlib.ts [--only 1,30,40] [--budget 10000] [--exact-s 0] [--mclp-exact-s 20] [--no-mclp] [--seed 1] [--data ../shared/data/or-library-pmed]`
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exactMclp, exactPmedian } from '../api/siting/exact.js';
import { solveMclp } from '../api/siting/mclp.js';
import { solvePmedian } from '../api/siting/pmedian.js';
import { distancePercentile, orlibTable, parseOrlib } from '../api/siting/orlib.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    budget: { type: 'string', default: '10000' },
    'exact-s': { type: 'string', default: '0' },
    'mclp-exact-s': { type: 'string', default: '20' },
    'no-mclp': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    data: { type: 'string' },
  },
  strict: false,
});
// The shared data folder beside the checkout (or beside the folder of worktrees).
const dir = (
  values.data
    ? String(values.data)
    : (['../../shared/data/or-library-pmed/', '../../../shared/data/or-library-pmed/']
        .map((p) => new URL(p, import.meta.url).pathname)
        .find((p) => existsSync(p)) ?? '')
).replace(/\/?$/, '/');
if (!existsSync(`${dir}pmed1.txt`))
  throw new Error(`OR-Library instances not found (${dir}): pass --data <folder with pmed1.txt … pmed40.txt>`);
const budget = Number(values.budget);
const exactS = Number(values['exact-s']);
const mclpExactS = Number(values['mclp-exact-s']);
const seed = Number(values.seed);
const OPT = [
  5819, 4093, 4250, 3034, 1355, 7824, 5631, 4445, 2734, 1255, 7696, 6634, 4374, 2968, 1729, 8162, 6999, 4809, 2845,
  1789, 9138, 8579, 4619, 2961, 1828, 9917, 8307, 4498, 3033, 1989, 10086, 9297, 4700, 3013, 10400, 9934, 5057, 11060,
  9423, 5128,
];
const ids = values.only ? String(values.only).split(',').map(Number) : OPT.map((_, k) => k + 1);
const pad = (s: string | number, w: number) => String(s).padStart(w);
const pctOf = (g: number) => `${(100 * g).toFixed(3)} %`;

console.log(
  `OR-Library p-median, heuristic budget ${budget} ms, seed ${seed}${exactS > 0 ? `, exact limit ${exactS} s` : ''}`,
);
console.log(
  `${'inst'.padEnd(7)}${pad('n', 5)}${pad('p', 5)}${pad('heuristic', 11)}${pad('optimum', 9)}${pad('gap', 10)}${pad('bound', 8)}${pad('proven ≤', 11)}${pad('time', 9)}${exactS > 0 ? '  exact' : ''}`,
);
const rows: { k: number; gap: number; ms: number }[] = [];
const mclpRows: { k: number; gap: number | null; ms: number }[] = [];
const mclpLines: string[] = [];
for (const k of ids) {
  const inst = parseOrlib(readFileSync(`${dir}pmed${k}.txt`, 'utf8'));
  const table = orlibTable(inst);
  const weight = new Float64Array(inst.n).fill(1);
  // No pair is "far": the far distance exceeds every shortest path.
  let maxD = 0;
  for (const d of inst.dist) if (d > maxD) maxD = d;
  const input = { weight, table, p: inst.p, farDistance: maxD + 1 };
  const h = solvePmedian(input, { timeBudgetMs: budget, seed });
  const opt = OPT[k - 1];
  const gap = (h.objective - opt) / opt;
  rows.push({ k, gap, ms: h.ms });
  const proven = h.bound === null ? '–' : h.bound >= h.objective ? 'optimal' : pctOf((h.objective - h.bound) / h.bound);
  let line = `${`pmed${k}`.padEnd(7)}${pad(inst.n, 5)}${pad(inst.p, 5)}${pad(h.objective, 11)}${pad(opt, 9)}${pad(pctOf(gap), 10)}${pad(h.bound ?? '–', 8)}${pad(proven, 11)}${pad(`${(h.ms / 1000).toFixed(2)} s`, 9)}`;
  if (exactS > 0) {
    const e = await exactPmedian(input, { timeLimitS: exactS });
    line += `  [${e.status}] ${e.objective ?? '–'} (${(e.ms / 1000).toFixed(1)} s, ${e.nonzeros} nonzeros)`;
  }
  console.log(line);
  if (!values['no-mclp']) {
    // MCLP on the same graph: unit weights, radius at the q-th percentile of the distances, q = 2, 3, 4, 5 %.
    const q = 2 + ((k - 1) % 4);
    const radius = distancePercentile(inst, q / 100);
    const mIn = { weight, table, radius, p: inst.p };
    const hm = solveMclp(mIn, { timeBudgetMs: budget, seed });
    const em = await exactMclp(mIn, { timeLimitS: mclpExactS });
    const mg = em.optimal && em.objective !== null ? (em.objective - hm.objective) / em.objective : null;
    if (em.optimal) mclpRows.push({ k, gap: mg, ms: hm.ms });
    mclpLines.push(
      `${`pmed${k}`.padEnd(7)}${pad(`${q} %`, 4)}${pad(radius, 7)}${pad(inst.p, 5)}${pad(hm.objective, 8)}${pad(hm.bound ?? '–', 8)}${pad(`${(hm.ms / 1000).toFixed(2)} s`, 9)}` +
        `${pad(`[${em.status}]`, 14)}${pad(em.objective ?? '–', 7)}${pad(em.bound === null ? '–' : Math.round(em.bound * 100) / 100, 9)}${pad(`${(em.ms / 1000).toFixed(1)} s`, 8)}${pad(mg === null ? '–' : pctOf(mg), 10)}`,
    );
  }
}
const atOpt = rows.filter((r) => r.gap <= 1e-12).length;
const worst = rows.reduce((a, r) => Math.max(a, r.gap), 0);
const mean = rows.reduce((a, r) => a + r.gap, 0) / rows.length;
const slowest = rows.reduce((a, r) => Math.max(a, r.ms), 0);
console.log(
  `\np-median: optimum on ${atOpt} of ${rows.length}; mean gap ${pctOf(mean)}, worst ${pctOf(worst)}; ${rows.filter((r) => r.gap > 0.001).length} above 0.1 %; slowest ${(slowest / 1000).toFixed(2)} s`,
);
if (mclpLines.length) {
  console.log(
    `\nMCLP (unit weights, radius at the q-th distance percentile), heuristic vs exact (limit ${mclpExactS} s)`,
  );
  console.log(
    `${'inst'.padEnd(7)}${pad('q', 4)}${pad('radius', 7)}${pad('p', 5)}${pad('covered', 8)}${pad('bound', 8)}${pad('time', 9)}${pad('exact', 14)}${pad('opt', 7)}${pad('bound', 9)}${pad('time', 8)}${pad('gap', 10)}`,
  );
  for (const l of mclpLines) console.log(l);
  const mw = mclpRows.reduce((a, r) => Math.max(a, r.gap ?? 0), 0);
  console.log(
    `\nMCLP: exact finished on ${mclpRows.length} of ${mclpLines.length}; heuristic at the optimum on ${mclpRows.filter((r) => (r.gap ?? 0) <= 1e-12).length}; worst gap ${pctOf(mw)}; slowest heuristic ${(mclpRows.reduce((a, r) => Math.max(a, r.ms), 0) / 1000).toFixed(2)} s`,
  );
}
