import { describe, expect, it } from 'vitest';
import type { OptimizeResult } from '@contract/siting';
import en from '../../i18n/en';
import { answerLine, droppedLine, exactLine, fmtGap, type Translate } from './verdict';

// The English messages, interpolated as vue-i18n does ({name}).
const t: Translate = (key, named = {}) => {
  const msg = key.split('.').reduce<any>((o, k) => o?.[k], en) as string;
  if (typeof msg !== 'string') throw new Error(`no message ${key}`);
  return msg.replace(/\{(\w+)\}/g, (_, k) => String(named[k]));
};

const g = (total: number, covered: number) => ({ total, covered });
const base: OptimizeResult = {
  model: 'pmedian',
  kind: 'canteen',
  target: 'e60',
  radius: 500,
  metric: 'network',
  area: { id: 1, name: 'A' },
  demandPoints: 10,
  candidateCount: 500,
  capacity: null,
  farDistance: 1500,
  sites: [],
  before: { e60: g(100, 40), e80: g(20, 8), alone: g(5, 2), meanDistance: 600 },
  after: { e60: g(100, 60), e80: g(20, 12), alone: g(5, 3), meanDistance: 450 },
  objective: 8_162_000,
  verdict: { foundBy: 'heuristic', proof: 'bounded', bound: 8_115_000, boundBy: 'lagrangian', gap: 0.0057, dropped: 0 },
  heuristic: { ms: 900, swaps: 40, objective: 8_162_000 },
  exact: {
    status: 'stopped',
    optimal: false,
    objective: 8_943_000,
    bound: 200_000,
    gap: 0.102,
    solverStatus: 'timeLimit',
    nonzeros: 600_000,
    ms: 30_000,
    sites: [],
  },
};

describe('the verdict on the page', () => {
  it('prints a proven gap, never 0.00 % for one that is not', () => {
    expect(fmtGap(0)).toBe('0 %');
    expect(fmtGap(0.00001)).toBe('< 0.01 %');
    expect(fmtGap(0.0057)).toBe('≤ 0.57 %');
  });

  it('an exact solve that stopped at its time limit with a worse incumbent: the heuristic answer, labelled so, within ≤ 0.57 %', () => {
    expect(answerLine(base, t)).toBe(
      'At most ≤ 0.57 % from the optimum (bound 8,115 km, Lagrangian relaxation) · found by the heuristic',
    );
    expect(exactLine(base, t)).toBe(
      'Exact solver stopped at its time limit (30,000 ms): its best 8,943 km, ≤ 10.20 % from the optimum',
    );
  });

  it('no solution in time, too large, no bound: said in words, with no number', () => {
    const none = {
      ...base,
      verdict: { ...base.verdict, proof: 'unknown' as const, bound: null, boundBy: null, gap: null },
      exact: { ...base.exact!, status: 'no-solution' as const, objective: null, bound: null, gap: null },
    };
    expect(answerLine(none, t)).toBe('Gap to the optimum unknown (no bound) · found by the heuristic');
    expect(exactLine(none, t)).toBe('Exact solver: no solution in time (30,000 ms)');
    expect(exactLine({ ...none, exact: { ...none.exact, status: 'too-large', ms: 0 } }, t)).toBe(
      'Too large for the exact solver (600,000 nonzeros): bound from the Lagrangian relaxation',
    );
    expect(
      answerLine(
        { ...base, verdict: { ...base.verdict, proof: 'optimal', gap: 0, boundBy: 'exact', foundBy: 'exact' } },
        t,
      ),
    ).toBe('Optimal (proven by the exact solver) · found by the exact solver');
  });

  it('says how many sites were left out for adding nothing', () => {
    expect(droppedLine({ ...base, verdict: { ...base.verdict, dropped: 1 } }, t)).toBe(
      '1 site(s) left out: they add nothing to the others',
    );
    expect(droppedLine(base, t)).toBe('');
  });
});
