// What an answer is worth: the better of the heuristic's and the exact solver's incumbent (and who found it),
// the tighter of their bounds, and the answer's gap to that bound — a proven "at most x % from the optimum",
// "optimal" when the gap closes, "unknown" when nothing bounds it. Never a gap from a missing number.
import type { Verdict } from '../../contract/siting.js';
import { type ExactResult, gapToBound } from './exact.js';

export interface Judged {
  /** Whose sites to report. */
  foundBy: 'heuristic' | 'exact';
  objective: number;
  bound: number | null;
  boundBy: Verdict['boundBy'];
  gap: number | null;
  proof: Verdict['proof'];
  /** The exact incumbent's own gap to the best bound (null without an incumbent or a bound). */
  exactGap: number | null;
}

export function judge(
  heuristic: { objective: number; bound: number | null },
  exact: ExactResult | null,
  maximise: boolean,
): Judged {
  let bound = heuristic.bound;
  let boundBy: Verdict['boundBy'] = bound === null ? null : 'lagrangian';
  let foundBy: Judged['foundBy'] = 'heuristic';
  let objective = heuristic.objective;
  const tol = 1e-9 * Math.max(1, Math.abs(objective));
  if (exact) {
    const tighter = (x: number, y: number) => (maximise ? x < y : x > y);
    if (exact.optimal && exact.objective !== null) {
      // Optimal to HiGHS's tolerance: its incumbent is the optimum.
      bound = exact.objective;
      boundBy = 'exact';
    } else if (
      exact.bound !== null &&
      Number.isFinite(exact.bound) &&
      (bound === null || tighter(exact.bound, bound))
    ) {
      bound = exact.bound;
      boundBy = 'exact';
    }
    if (
      exact.objective !== null &&
      (maximise ? exact.objective > objective + tol : exact.objective < objective - tol)
    ) {
      foundBy = 'exact';
      objective = exact.objective;
    }
  }
  const close = (g: number | null) => (g !== null && g <= 1e-9 ? 0 : g);
  const gap = close(gapToBound(objective, bound, maximise));
  const exactGap = exact?.objective != null ? close(gapToBound(exact.objective, bound, maximise)) : null;
  return {
    foundBy,
    objective,
    bound,
    boundBy,
    gap,
    proof: gap === 0 ? 'optimal' : gap === null ? 'unknown' : 'bounded',
    exactGap,
  };
}
