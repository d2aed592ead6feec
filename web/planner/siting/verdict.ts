// What the page says about an optimizer answer: who found it, whether it is proven optimal or how far from the
// optimum it can be at most (the gap to the best proven bound), or that nothing bounds it; and what the exact
// solver did (optimal, stopped at its time limit, no solution in time, too large to build). A gap is printed
// only when it is proven, and a tiny positive one as "< 0.01 %", never as 0.00 %.
import type { OptimizeResult, Verdict } from '@contract/siting';

export type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A proven gap: "0 %" only when it is 0, "< 0.01 %" below, "≤ x.xx %" above. */
export function fmtGap(gap: number): string {
  if (gap === 0) return '0 %';
  if (100 * gap < 0.005) return '< 0.01 %';
  return `≤ ${(100 * gap).toFixed(2)} %`;
}

const fmtObjective = (r: Pick<OptimizeResult, 'model'>, v: number) =>
  r.model === 'pmedian'
    ? `${(v / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} km`
    : Math.round(v).toLocaleString();

/** Results saved before verdicts were reported: nothing is claimed for them. */
export const verdictOf = (r: OptimizeResult): Verdict =>
  r.verdict ?? {
    foundBy: r.model === 'manual' ? 'given' : 'heuristic',
    proof: 'unknown',
    bound: null,
    boundBy: null,
    gap: null,
    dropped: 0,
  };

/** The answer's line: "Optimal (proven by …) · found by …", "At most ≤ x % from the optimum …", or "… unknown". */
export function answerLine(r: OptimizeResult, t: Translate): string {
  const v = verdictOf(r);
  if (v.foundBy === 'given') return t('siting.verdict.given');
  const by = t(`siting.verdict.foundBy.${v.foundBy}`);
  const boundBy = v.boundBy ? t(`siting.verdict.boundBy.${v.boundBy}`) : '';
  if (v.proof === 'optimal') return t('siting.verdict.optimal', { by, boundBy });
  if (v.proof === 'bounded' && v.gap !== null && v.bound !== null)
    return t('siting.verdict.bounded', { gap: fmtGap(v.gap), bound: fmtObjective(r, v.bound), boundBy, by });
  return t('siting.verdict.unknown', { by });
}

/** "n sites left out: they add nothing", or '' when none were. */
export const droppedLine = (r: OptimizeResult, t: Translate): string => {
  const n = verdictOf(r).dropped;
  return n > 0 ? t('siting.verdict.dropped', { n }) : '';
};

/** The exact solver's line, per its status; '' when it was not asked for. */
export function exactLine(r: OptimizeResult, t: Translate): string {
  const e = r.exact;
  if (!e) return '';
  const ms = Math.round(e.ms).toLocaleString();
  // Saved before exact statuses were reported: a bare HiGHS status name.
  const status = (['optimal', 'stopped', 'no-solution', 'too-large'] as const).includes(e.status)
    ? e.status
    : e.optimal
      ? 'optimal'
      : 'stopped';
  const objective = e.objective === null ? '' : fmtObjective(r, e.objective);
  if (status === 'optimal') return t('siting.exactStatus.optimal', { objective, ms });
  if (status === 'too-large') return t('siting.exactStatus.tooLarge', { nonzeros: e.nonzeros.toLocaleString() });
  if (status === 'no-solution' || e.objective === null) return t('siting.exactStatus.noSolution', { ms });
  const gap = e.gap === null || e.gap === undefined ? t('siting.verdict.gapUnknown') : fmtGap(e.gap);
  return t('siting.exactStatus.stopped', { objective, gap, ms });
}
