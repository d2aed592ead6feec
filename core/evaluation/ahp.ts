// AHP (层次分析法) weights from a pairwise comparison matrix: principal eigenvector by power iteration,
// λmax, consistency index CI = (λmax − n)/(n − 1) and ratio CR = CI/RI with Saaty's random index.
import { bilingual, m, type Message } from '../../contract/messages/index.js';

/** Saaty's random consistency index RI by matrix order n (index = n), for n = 1…15. */
export const RANDOM_INDEX = [
  0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
] as const;
export const MAX_ORDER = RANDOM_INDEX.length - 1;
/** A judgement matrix is accepted below this consistency ratio. */
export const CR_LIMIT = 0.1;

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  /** 0 for n ≤ 2 (always consistent). */
  cr: number;
  consistent: boolean;
  iterations: number;
}

export class AhpInputError extends Error {
  constructor(readonly text: Message) {
    super(bilingual(text));
  }
}

/**
 * Checks a matrix is a positive reciprocal matrix on Saaty's 1/9…9 scale: square, 1 on the diagonal,
 * a[j][i] = 1/a[i][j] (within 1% so that 0.333 stands for 1/3). Throws AhpInputError with the first problem.
 */
export function checkMatrix(a: readonly (readonly number[])[]): void {
  const n = a.length;
  if (n < 1) throw new AhpInputError(m('evaluation.ahp.empty'));
  if (n > MAX_ORDER) throw new AhpInputError(m('evaluation.ahp.tooLarge', { max: MAX_ORDER }));
  for (let i = 0; i < n; i++) {
    if (a[i].length !== n) throw new AhpInputError(m('evaluation.ahp.rowLength', { row: i + 1, n }));
    for (let j = 0; j < n; j++) {
      const v = a[i][j];
      if (!Number.isFinite(v) || v <= 0)
        throw new AhpInputError(m('evaluation.ahp.notPositive', { i: i + 1, j: j + 1 }));
      if (v < 1 / 9 - 1e-9 || v > 9 + 1e-9)
        throw new AhpInputError(m('evaluation.ahp.outsideScale', { i: i + 1, j: j + 1, value: v }));
    }
    if (Math.abs(a[i][i] - 1) > 1e-9) throw new AhpInputError(m('evaluation.ahp.diagonal', { i: i + 1 }));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i][j] * a[j][i] - 1) > 0.01) {
        throw new AhpInputError(m('evaluation.ahp.notReciprocal', { i: i + 1, j: j + 1 }));
      }
    }
  }
}

/** Weights (summing to 1), λmax, CI, RI and CR of a pairwise comparison matrix. */
export function ahp(a: readonly (readonly number[])[], tolerance = 1e-13, maxIterations = 10_000): AhpResult {
  checkMatrix(a);
  const n = a.length;
  let w = new Array<number>(n).fill(1 / n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const next = a.map((row) => row.reduce((s, v, j) => s + v * w[j], 0));
    const sum = next.reduce((s, v) => s + v, 0);
    for (let i = 0; i < n; i++) next[i] /= sum;
    const diff = next.reduce((m, v, i) => Math.max(m, Math.abs(v - w[i])), 0);
    w = next;
    if (diff < tolerance) break;
  }
  const aw = a.map((row) => row.reduce((s, v, j) => s + v * w[j], 0));
  const lambdaMax = aw.reduce((s, v, i) => s + v / w[i], 0) / n;
  const ci = n > 2 ? (lambdaMax - n) / (n - 1) : 0;
  const ri = RANDOM_INDEX[n];
  const cr = n > 2 ? ci / ri : 0;
  return { weights: w, lambdaMax, ci, ri, cr, consistent: cr < CR_LIMIT, iterations };
}

/** The matrix of a set of weights: a[i][j] = w_i / w_j (perfectly consistent). */
export function matrixOf(weights: readonly number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}
