import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orlibTable, parseOrlib } from './orlib.js';
import { tableFromEntries } from './distance-table.js';
import { exactPmedian } from './exact.js';
import { cappedObjective, rng } from './capped-problem.js';
import { Interchange, orderBySaving } from './interchange.js';
import { lagrangianBound } from './lagrangian.js';
import { type MclpInput, mclpObjective, servedPerPoint, solveMclp } from './mclp.js';
import { type PmedianInput, pmedianCapped, pmedianObjective, solvePmedian } from './pmedian.js';
import { exactSetCover } from './exact.js';
import { solveSetCover, uncoveredBy } from './set-cover.js';

const fixture = (name: string) =>
  parseOrlib(readFileSync(new URL(`../../tests/fixtures/or-library/${name}.txt`, import.meta.url), 'utf8'));

function randomPmedian(seed: number, n: number, m: number, p: number): PmedianInput {
  const r = rng(seed);
  const dx = Array.from({ length: n }, () => [r() * 1000, r() * 1000]);
  const sx = Array.from({ length: m }, () => [r() * 1000, r() * 1000]);
  const entries: [number, number, number][] = [];
  sx.forEach((s, j) => dx.forEach((q, i) => entries.push([j, i, Math.hypot(s[0] - q[0], s[1] - q[1])])));
  const fixedDist = dx.map((q) => Math.hypot(q[0] - 500, q[1] - 500) * 1.5);
  return {
    weight: dx.map(() => 1 + Math.floor(r() * 9)),
    table: tableFromEntries(n, m, entries),
    fixedDist,
    p,
    farDistance: 900,
  };
}

function* subsets(m: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) return yield acc.slice();
  for (let j = from; j < m; j++) {
    acc.push(j);
    yield* subsets(m, k, j + 1, acc);
    acc.pop();
  }
}

describe('fast interchange bookkeeping', () => {
  it("predicts every swap's saving exactly and keeps the objective by definition through random swaps", () => {
    const input = randomPmedian(3, 60, 25, 5);
    const pr = pmedianCapped(input);
    const e = new Interchange(pr, 5);
    e.greedy();
    const r = rng(9);
    for (let s = 0; s < 40; s++) {
      const b = e.bestSwap();
      const trial = Array.from(e.sites);
      trial[b.slot] = b.site;
      expect(b.saving).toBeCloseTo(cappedObjective(pr, e.current()) - cappedObjective(pr, trial), 6);
      const slot = Math.floor(r() * 5);
      let k = Math.floor(r() * 25);
      while (e.open[k]) k = (k + 1) % 25;
      e.swap(slot, k);
      expect(e.objective).toBeCloseTo(pmedianObjective(input, e.current()), 6);
    }
  });

  it('orders sites as greedy over full re-evaluations would, each saving what it adds', () => {
    const input = randomPmedian(4, 50, 20, 6);
    const pr = pmedianCapped(input);
    const chosen = [1, 4, 7, 9, 13, 17];
    const o = orderBySaving(pr, chosen);
    // The definition: at each step the site whose addition lowers the objective most.
    const left = [...chosen];
    const done: number[] = [];
    for (let k = 0; k < chosen.length; k++) {
      const best = left.reduce((a, b) =>
        pmedianObjective(input, [...done, b]) < pmedianObjective(input, [...done, a]) ? b : a,
      );
      expect(o.sites[k]).toBe(best);
      expect(o.savings[k]).toBeCloseTo(pmedianObjective(input, done) - pmedianObjective(input, [...done, best]), 6);
      done.push(best);
      left.splice(left.indexOf(best), 1);
    }
  });

  it('bounds the optimum from below (Lagrangian), checked by brute force', () => {
    for (let seed = 40; seed < 44; seed++) {
      const input = randomPmedian(seed, 30, 9, 3);
      let best = Infinity;
      for (const s of subsets(9, 3)) best = Math.min(best, pmedianObjective(input, s));
      const lb = lagrangianBound(pmedianCapped(input), 3, best, { outOfTime: () => false }).bound;
      expect(lb).toBeLessThanOrEqual(best + 1e-6);
      expect(lb).toBeGreaterThan(0.9 * best);
    }
  });
});

describe('p-median search on OR-Library instances', () => {
  it('reaches the known optimum of pmed1 (5819) and pmed5 (1355) and proves it with its bound', () => {
    for (const [name, opt] of [
      ['pmed1', 5819],
      ['pmed5', 1355],
    ] as const) {
      const inst = fixture(name);
      const input: PmedianInput = {
        weight: new Float64Array(inst.n).fill(1),
        table: orlibTable(inst),
        p: inst.p,
        farDistance: 1e6,
      };
      const r = solvePmedian(input, { seed: 7 });
      expect(r.objective).toBe(opt);
      expect(r.bound).toBe(opt);
      expect(r.sites).toHaveLength(inst.p);
      expect(r.gains.reduce((a, b) => a + b, 0)).toBeCloseTo(r.baseline - r.objective, 6);
    }
  });

  it('repeats exactly for a seed', () => {
    const inst = fixture('pmed5');
    const input: PmedianInput = {
      weight: new Float64Array(inst.n).fill(1),
      table: orlibTable(inst),
      p: inst.p,
      farDistance: 1e6,
    };
    expect(solvePmedian(input, { seed: 3 }).sites).toEqual(solvePmedian(input, { seed: 3 }).sites);
  });

  it('agrees with the exact optimum on random instances with fixed facilities and a far distance', async () => {
    for (let seed = 50; seed < 54; seed++) {
      const input = randomPmedian(seed, 80, 30, 4);
      const e = await exactPmedian(input);
      const h = solvePmedian(input, { seed });
      expect(h.objective).toBeCloseTo(e.objective!, 4);
      expect(h.bound!).toBeLessThanOrEqual(e.objective! + 1e-6);
    }
  });
});

describe('MCLP search', () => {
  // Demand 0..5; site 0 covers {0,1,2}, site 1 covers {3,4}, sites 2 and 3 cover only what 0 and 1 cover.
  const table = tableFromEntries(6, 4, [
    [0, 0, 0],
    [0, 1, 0],
    [0, 2, 0],
    [1, 3, 0],
    [1, 4, 0],
    [2, 1, 0],
    [3, 4, 0],
  ]);
  const input: MclpInput = { weight: [30, 30, 22, 10, 10, 0], table, radius: 100, p: 3 };

  it('recommends no site that adds nothing: p = 3 gives the 2 that cover everything coverable, and says one was dropped', () => {
    const r = solveMclp(input);
    expect(r.objective).toBe(102);
    expect(r.sites).toEqual([0, 1]);
    expect(r.gains).toEqual([82, 20]);
    expect(r.dropped).toBe(1);
    expect(r.bound).toBe(102);
  });

  it('with capacities, what each point is served sums to the objective (the coverage to report)', () => {
    const cap: MclpInput = { ...input, p: 2, capacity: [50, 15, 100, 100] };
    const r = solveMclp(cap);
    const served = servedPerPoint(cap, r.sites);
    expect(served.reduce((a, b) => a + b, 0)).toBeCloseTo(r.objective, 9);
    expect(r.objective).toBe(mclpObjective(cap, r.sites));
    expect(r.objective).toBeLessThan(102);
    expect(r.bound!).toBeGreaterThanOrEqual(r.objective);
  });
});

describe('set covering search', () => {
  it('finds the fewest sites with a bound that proves it on random instances', async () => {
    for (let seed = 60; seed < 64; seed++) {
      const inst = randomPmedian(seed, 60, 25, 1);
      const input = { weight: inst.weight, table: inst.table, radius: 260 };
      const e = await exactSetCover(input);
      const h = solveSetCover(input, { seed });
      expect(uncoveredBy(input, h.sites)).toEqual([]);
      expect(h.sites.length).toBe(e.objective);
      expect(h.bound).toBeLessThanOrEqual(e.objective!);
      expect(h.dropped).toBe(0);
    }
  });
});
