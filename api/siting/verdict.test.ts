import { describe, expect, it } from 'vitest';
import { exactPmedian, type ExactResult, gapToBound } from './exact.js';
import { tableFromEntries } from './distance-table.js';
import { judge } from './verdict.js';

const exact = (o: Partial<ExactResult>): ExactResult => ({
  status: 'stopped',
  sites: [],
  objective: null,
  bound: null,
  optimal: false,
  solverStatus: 'timeLimit',
  nonzeros: 100,
  ms: 1,
  ...o,
});

describe('gap to a bound', () => {
  it('is relative to the bound, null where no bound can say, never NaN', () => {
    expect(gapToBound(110, 100, false)).toBeCloseTo(0.1, 12);
    expect(gapToBound(90, 100, true)).toBeCloseTo(0.1, 12);
    expect(gapToBound(100, 100, false)).toBe(0);
    expect(gapToBound(100, null, false)).toBeNull();
    expect(gapToBound(100, 0, false)).toBeNull();
    expect(gapToBound(100, -5, false)).toBeNull();
    expect(gapToBound(100, NaN, true)).toBeNull();
    expect(gapToBound(0, 0, false)).toBe(0);
  });
});

describe('the verdict on an answer', () => {
  it('keeps the heuristic answer, and labels it so, when the exact incumbent is worse (8,943 against 8,162)', () => {
    const j = judge({ objective: 8162, bound: 8115 }, exact({ objective: 8943, bound: 8100, sites: [1, 2] }), false);
    expect(j.foundBy).toBe('heuristic');
    expect(j.objective).toBe(8162);
    expect(j.boundBy).toBe('lagrangian');
    expect(j.gap).toBeCloseTo((8162 - 8115) / 8115, 12);
    expect(j.proof).toBe('bounded');
    expect(j.exactGap).toBeCloseTo((8943 - 8115) / 8115, 12);
  });

  it('takes the exact incumbent, and says so, when it is better; its bound when tighter', () => {
    const j = judge({ objective: 8200, bound: 8000 }, exact({ objective: 8162, bound: 8150 }), false);
    expect(j).toMatchObject({ foundBy: 'exact', objective: 8162, bound: 8150, boundBy: 'exact', proof: 'bounded' });
  });

  it('ignores a trivial exact bound: the gap is to the Lagrangian one (0.57 %, not 4,037.92 %)', () => {
    const j = judge({ objective: 1000, bound: 1000 / 1.0057 }, exact({ objective: 1000, bound: 24.16 }), false);
    expect(j.boundBy).toBe('lagrangian');
    expect(100 * j.gap!).toBeCloseTo(0.57, 6);
  });

  it('with no solution in time, reports the heuristic with its own bound, and no exact gap', () => {
    const j = judge({ objective: 500, bound: 520 }, exact({ status: 'no-solution' }), true);
    expect(j).toMatchObject({
      foundBy: 'heuristic',
      objective: 500,
      bound: 520,
      boundBy: 'lagrangian',
      exactGap: null,
      proof: 'bounded',
    });
  });

  it('says unknown, not 0 %, when nothing bounds the answer', () => {
    const j = judge({ objective: 500, bound: null }, exact({ status: 'no-solution' }), false);
    expect(j.gap).toBeNull();
    expect(j.proof).toBe('unknown');
  });

  it('is optimal when the exact solver proves it, or the bound meets the answer', () => {
    expect(
      judge(
        { objective: 40, bound: 38 },
        exact({ status: 'optimal', optimal: true, objective: 40, bound: 39.999999 }),
        true,
      ),
    ).toMatchObject({ proof: 'optimal', gap: 0, boundBy: 'exact', foundBy: 'heuristic' });
    expect(judge({ objective: 40, bound: 40 }, null, false)).toMatchObject({
      proof: 'optimal',
      gap: 0,
      boundBy: 'lagrangian',
    });
  });
});

describe('the exact solver under its limits', () => {
  const n = 120;
  const m = 40;
  const entries: [number, number, number][] = [];
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) entries.push([j, i, ((i * 37 + j * 101) % 997) + 1]);
  const input = { weight: new Array(n).fill(1), table: tableFromEntries(n, m, entries), p: 6, farDistance: 2000 };

  it('does not build a model over the size limit, and says so', async () => {
    const e = await exactPmedian(input, { maxNonzeros: 1000 });
    expect(e).toMatchObject({
      status: 'too-large',
      objective: null,
      bound: null,
      sites: [],
      optimal: false,
      solverStatus: 'not built',
    });
    expect(e.nonzeros).toBeGreaterThan(1000);
  });

  it('stopping before any solution gives no objective, no sites and no bound (not a 0-site "solution")', async () => {
    const e = await exactPmedian(input, { timeLimitS: 0 });
    expect(e).toMatchObject({ status: 'no-solution', objective: null, sites: [], optimal: false });
  });
});
