// Entropy weights (熵权法): an indicator whose values differ more across the areas compared carries more weight.
// x[i][j] ≥ 0 is area i's normalised (higher = better) value of indicator j; rows with a missing value are skipped
// for that indicator.

/**
 * p_ij = x_ij / Σ_i x_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij, d_j = 1 − e_j, w_j = d_j / Σ d.
 * An indicator with all values equal (or all zero, or fewer than two areas) has e_j = 1 and gets no weight;
 * when no indicator discriminates, the weights are equal.
 */
export function entropyWeights(x: readonly (readonly (number | null)[])[]): number[] {
  const n = x[0]?.length ?? 0;
  const d = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    const col: number[] = [];
    for (const row of x) {
      const v = row[j];
      if (v === null || !Number.isFinite(v)) continue;
      if (v < 0) throw new Error(`entropy weights need values ≥ 0 (indicator ${j + 1})`);
      col.push(v);
    }
    const m = col.length;
    const sum = col.reduce((s, v) => s + v, 0);
    if (m < 2 || sum === 0) continue;
    let h = 0;
    for (const v of col) {
      const p = v / sum;
      if (p > 0) h -= p * Math.log(p);
    }
    d[j] = Math.max(0, 1 - h / Math.log(m));
  }
  const total = d.reduce((s, v) => s + v, 0);
  if (total <= 1e-15) return new Array<number>(n).fill(1 / n);
  return d.map((v) => v / total);
}
