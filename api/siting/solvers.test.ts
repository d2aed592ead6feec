import { describe, expect, it } from 'vitest';
import { type DistanceTable, tableFromEntries } from './distance-table.js';
import { exactMclp, exactPmedian, exactSetCover, gapTo } from './exact.js';
import { type MclpInput, mclpObjective, solveMclp } from './mclp.js';
import { type PmedianInput, pmedianObjective, solvePmedian } from './pmedian.js';
import { type SetCoverInput, solveSetCover, uncoveredBy } from './set-cover.js';
import { rng } from './capped-problem.js';

/** Every k-subset of 0..m-1. */
function* subsets(m: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc.slice();
    return;
  }
  for (let j = from; j < m; j++) {
    acc.push(j);
    yield* subsets(m, k, j + 1, acc);
    acc.pop();
  }
}

/** Random points in a square; the full straight-line distance table between them. */
function randomInstance(seed: number, n: number, m: number, side = 1000, withFixed = true) {
  const r = rng(seed);
  const dx = Array.from({ length: n }, () => [r() * side, r() * side]);
  const sx = Array.from({ length: m }, () => [r() * side, r() * side]);
  const fx = withFixed ? [[r() * side, r() * side]] : [];
  const weight = dx.map(() => 1 + Math.floor(r() * 20));
  const d = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const entries: [number, number, number][] = [];
  sx.forEach((s, j) => dx.forEach((q, i) => entries.push([j, i, d(s, q)])));
  const table = tableFromEntries(n, m, entries);
  const fixedDist = Float64Array.from(dx, (q) => Math.min(Infinity, ...fx.map((f) => d(f, q))));
  const full = sx.map((s) => dx.map((q) => d(s, q)));
  return { weight, table, fixedDist, full };
}

describe('MCLP', () => {
  // Demand 0..5 (weights), sites A=0 covers {0,1,2}, B=1 covers {2,3}, C=2 covers {3,4,5}, D=3 covers {0,5}.
  const weight = [10, 10, 10, 10, 10, 10];
  const cover: Record<number, number[]> = { 0: [0, 1, 2], 1: [2, 3], 2: [3, 4, 5], 3: [0, 5] };
  const table: DistanceTable = tableFromEntries(
    6,
    4,
    Object.entries(cover).flatMap(([j, is]) => is.map((i) => [Number(j), i, 400] as [number, number, number])),
  );

  it('picks the two sites that cover everyone (known optimum 60)', () => {
    const r = solveMclp({ weight, table, radius: 500, p: 2 });
    expect(new Set(r.sites)).toEqual(new Set([0, 2]));
    expect(r.objective).toBe(60);
    expect(r.gains.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('ignores pairs beyond the radius', () => {
    expect(solveMclp({ weight, table, radius: 300, p: 2 }).objective).toBe(0);
  });

  it('keeps existing facilities fixed: demand they cover adds nothing, so a new site goes elsewhere', () => {
    // A fixed facility already covers points 3, 4 and 5: C is worthless, B adds only point 2.
    const fixedDist = [Infinity, Infinity, Infinity, 100, 100, 100];
    const input: MclpInput = { weight, table, radius: 500, p: 1, fixedDist };
    const r = solveMclp(input);
    expect(r.baseline).toBe(30);
    expect(r.sites).toEqual([0]);
    expect(r.objective).toBe(60);
    expect(mclpObjective(input, [2])).toBe(30);
  });

  it('swaps out of a greedy trap', () => {
    // Greedy takes the big middle site (covers 6) and then one more; two side sites cover all 8.
    const w = [1, 1, 1, 1, 1, 1, 1, 1];
    const cov: number[][] = [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [1, 2, 3, 4, 5, 6],
    ];
    const t = tableFromEntries(
      8,
      3,
      cov.flatMap((is, j) => is.map((i) => [j, i, 0] as [number, number, number])),
    );
    const r = solveMclp({ weight: w, table: t, radius: 1, p: 2 });
    expect(r.objective).toBe(8);
    expect(r.swaps).toBeGreaterThan(0);
  });

  it("with capacities serves at most each site's capacity and splits shared demand (the transportation model)", async () => {
    // Site 0 (cap 15) covers points 0, 1; site 1 (cap 100) covers point 1 only; site 2 (cap 12) covers point 0.
    const t = tableFromEntries(2, 3, [
      [0, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [2, 0, 0],
    ]);
    const input: MclpInput = { weight: [10, 20], table: t, radius: 1, p: 2, capacity: [15, 100, 12] };
    expect(mclpObjective(input, [0])).toBe(15);
    expect(mclpObjective(input, [0, 1])).toBe(30); // site 0 takes point 0's 10, site 1 takes point 1's 20
    expect(mclpObjective(input, [0, 2])).toBe(25);
    const h = solveMclp(input);
    expect(h.objective).toBe(30);
    const e = await exactMclp(input);
    expect(e.objective).toBe(30);
    expect(e.optimal).toBe(true);
  });

  it('agrees with brute force and the exact solver on random instances', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { weight: w, table: t, fixedDist } = randomInstance(seed, 30, 9);
      const input: MclpInput = { weight: w, table: t, radius: 250, p: 3, fixedDist };
      let best = 0;
      for (const s of subsets(9, 3)) best = Math.max(best, mclpObjective(input, s));
      const e = await exactMclp(input);
      expect(e.optimal).toBe(true);
      expect(e.objective).toBe(best);
      expect(e.bound).toBeCloseTo(best, 6);
      const h = solveMclp(input);
      expect(h.objective).toBeLessThanOrEqual(best);
      expect(gapTo(e.objective!, h.objective, true)).toBeLessThan(0.1);
    }
  });

  it('capacitated: the exact optimum matches brute force on random instances', async () => {
    for (let seed = 11; seed <= 14; seed++) {
      const { weight: w, table: t, fixedDist } = randomInstance(seed, 25, 8);
      const capacity = Array.from({ length: 8 }, (_, j) => 20 + ((j * 37 + seed) % 40));
      const input: MclpInput = { weight: w, table: t, radius: 300, p: 3, fixedDist, capacity };
      let best = 0;
      for (const s of subsets(8, 3)) best = Math.max(best, mclpObjective(input, s));
      const e = await exactMclp(input);
      expect(e.objective).toBeCloseTo(best, 6);
      expect(solveMclp(input).objective).toBeLessThanOrEqual(best + 1e-9);
    }
  });
});

describe('p-median', () => {
  it('computes Σ w_i · min_j d_ij over fixed and open sites, as defined', () => {
    const t = tableFromEntries(3, 2, [
      [0, 0, 100],
      [0, 1, 300],
      [1, 1, 50],
      [1, 2, 200],
    ]);
    const input: PmedianInput = {
      weight: [2, 3, 4],
      table: t,
      p: 1,
      farDistance: 1000,
      fixedDist: [Infinity, Infinity, 150],
    };
    // No site: 2·1000 + 3·1000 + 4·150.
    expect(pmedianObjective(input, [])).toBe(2000 + 3000 + 600);
    expect(pmedianObjective(input, [0])).toBe(2 * 100 + 3 * 300 + 4 * 150);
    expect(pmedianObjective(input, [0, 1])).toBe(2 * 100 + 3 * 50 + 4 * 150);
    expect(solvePmedian(input).sites).toEqual([0]);
  });

  it('matches brute force over the full distance matrix, heuristically and exactly', async () => {
    for (let seed = 21; seed <= 26; seed++) {
      const { weight: w, table: t, fixedDist, full } = randomInstance(seed, 30, 9);
      const input: PmedianInput = { weight: w, table: t, p: 3, farDistance: 5000, fixedDist };
      let best = Infinity;
      for (const s of subsets(9, 3)) {
        // The textbook objective, written out independently of pmedianObjective.
        let z = 0;
        w.forEach((wi, i) => (z += wi * Math.min(fixedDist[i], ...s.map((j) => full[j][i]))));
        expect(pmedianObjective(input, s)).toBeCloseTo(z, 6);
        best = Math.min(best, z);
      }
      const e = await exactPmedian(input);
      expect(e.optimal).toBe(true);
      expect(e.objective).toBeCloseTo(best, 4);
      const h = solvePmedian(input);
      expect(h.objective).toBeGreaterThanOrEqual(best - 1e-6);
      expect(gapTo(e.objective!, h.objective, false)).toBeLessThan(0.05);
    }
  });
});

describe('set covering', () => {
  it('finds the fewest sites covering every coverable point, leaving out points nobody can reach', async () => {
    // Points 0..6; point 6 is out of everyone's reach.
    const cov: number[][] = [
      [0, 1],
      [1, 2, 3],
      [3, 4],
      [4, 5, 0],
      [2, 5],
    ];
    const t = tableFromEntries(
      7,
      5,
      cov.flatMap((is, j) => is.map((i) => [j, i, 100] as [number, number, number])),
    );
    const input: SetCoverInput = { weight: [1, 1, 1, 1, 1, 1, 1], table: t, radius: 200 };
    const h = solveSetCover(input);
    expect(uncoveredBy(input, h.sites)).toEqual([]);
    const e = await exactSetCover(input);
    expect(e.objective).toBe(2); // {1, 3}: 1,2,3 + 4,5,0
    expect(uncoveredBy(input, e.sites)).toEqual([]);
  });

  it('does not cover again what existing facilities cover', () => {
    const t = tableFromEntries(2, 2, [
      [0, 0, 10],
      [1, 1, 10],
    ]);
    const r = solveSetCover({ weight: [5, 5], table: t, radius: 100, fixedDist: [50, Infinity] });
    expect(r.sites).toEqual([1]);
  });

  it('matches brute force on random instances', async () => {
    for (let seed = 31; seed <= 35; seed++) {
      const { weight: w, table: t } = randomInstance(seed, 25, 10, 1000, false);
      const input: SetCoverInput = { weight: w, table: t, radius: 350 };
      let best = Infinity;
      for (let k = 0; k <= 10 && best === Infinity; k++)
        for (const s of subsets(10, k))
          if (uncoveredBy(input, s).length === 0) {
            best = k;
            break;
          }
      const e = await exactSetCover(input);
      expect(e.objective).toBe(best);
      const h = solveSetCover(input);
      expect(uncoveredBy(input, h.sites)).toEqual([]);
      expect(h.sites.length).toBeGreaterThanOrEqual(best);
    }
  });
});
