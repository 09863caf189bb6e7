import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';

export type Significance = 'significant increase' | 'no significant change' | 'significant decrease';

export interface Test {
  /** Two-sided p-value, 4 significant figures. */
  pValue: number;
  significance: Significance;
}

/**
 * Is the change from `previous` to `current` more than noise? The exact conditional test
 * for two Poisson counts over equal periods: given the total n = current + previous, under
 * "no change" current ~ Binomial(n, ½). Two-sided p = 2 × the smaller tail, at most 1 (for
 * p = ½ this equals R's binom.test and poisson.test).
 */
export function poissonChangeTest(current: number, previous: number, alpha = 0.05): Test {
  const n = current + previous;
  if (n === 0) return { pValue: 1, significance: 'no significant change' };
  // Each tail is summed directly: 1 − cdf loses everything below 1e-16 and says p = 0. At
  // p = ½ the binomial is symmetric, so P(X ≥ current) = P(X ≤ n − current).
  const lower = binomialCdf(current, n, 0.5);
  const upper = binomialCdf(n - current, n, 0.5);
  const pValue = Math.min(1, 2 * Math.min(lower, upper));
  const significance: Significance = pValue >= alpha ? 'no significant change' : current > previous ? 'significant increase' : 'significant decrease';
  return { pValue: Number(pValue.toPrecision(4)), significance };
}

/** "p < 0.001", "p = 0.042": as the documents print it. */
export function pValueLabel(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "no significant change (p = 0.348)"; "cannot be compared" has no p-value to give. */
export function verdictLabel(f: { significance: string; pValue: number | null }): string {
  return f.pValue === null ? f.significance : `${f.significance} (${pValueLabel(f.pValue)})`;
}
