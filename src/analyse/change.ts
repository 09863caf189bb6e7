/** Change between the previous and the current window. */
export interface Change {
  current: number;
  previous: number;
  change: number;
  /** Percentage change to 1 decimal place; null when the base is too small to mean anything. */
  changePct: number | null;
  /** "−8.3%", "+12.0%", or "n/a" on a small base. */
  changePctLabel: string;
}

/** Percentages on a base below `smallBase` (default 20) are suppressed: 3 → 6 is not "+100%". */
export function change(current: number, previous: number, smallBase = 20): Change {
  const pct = previous >= smallBase && previous > 0 ? round1(((current - previous) / previous) * 100) : null;
  return {
    current,
    previous,
    change: current - previous,
    changePct: pct,
    changePctLabel: pct === null ? 'n/a' : `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)}%`,
  };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
