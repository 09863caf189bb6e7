import { round1 } from './change.js';
import { ratePer1000 } from './rates.js';

export interface AreaCount {
  area: string;
  count: number;
  population?: number | null;
}

export interface Hotspots {
  areas: number;
  total: number;
  byCount: { area: string; count: number; sharePct: number }[];
  byRate: { area: string; count: number; population: number; ratePer1000: number }[];
  /** Share of the total in the top 10% of areas (at least one area): how concentrated the problem is. */
  top10PctAreas: number;
  top10PctSharePct: number | null;
  /**
   * Where rates are computed (some areas have a population), the areas that have none: they
   * cannot be among the hotspots by rate, which a finding says. Null when no area has one.
   */
  unrated: { areas: number; count: number; examples: string[] } | null;
}

/** The top areas by count and by rate, and the concentration of incidents in the top tenth of areas. */
export function hotspots(counts: readonly AreaCount[], top = 5): Hotspots {
  const total = counts.reduce((s, a) => s + a.count, 0);
  const sorted = [...counts].sort((a, b) => b.count - a.count || a.area.localeCompare(b.area));
  const share = (n: number) => (total > 0 ? round1((100 * n) / total) : 0);
  const byRate = counts
    .filter((a) => a.population && a.population > 0)
    .map((a) => ({ area: a.area, count: a.count, population: a.population!, ratePer1000: ratePer1000(a.count, a.population)! }))
    .sort((a, b) => b.ratePer1000 - a.ratePer1000 || a.area.localeCompare(b.area))
    .slice(0, top);
  const topN = Math.max(1, Math.ceil(counts.length / 10));
  const without = sorted.filter((a) => !(a.population && a.population > 0));
  const unrated =
    without.length < counts.length
      ? { areas: without.length, count: without.reduce((s, a) => s + a.count, 0), examples: without.slice(0, 3).map((a) => a.area) }
      : null;
  return {
    areas: counts.length,
    total,
    byCount: sorted.slice(0, top).map((a) => ({ area: a.area, count: a.count, sharePct: share(a.count) })),
    byRate,
    top10PctAreas: topN,
    top10PctSharePct: total > 0 ? share(sorted.slice(0, topN).reduce((s, a) => s + a.count, 0)) : null,
    unrated,
  };
}
