import { round2 } from './change.js';

/** Incidents per 1,000 residents, to 2 decimal places; null without a population. */
export function ratePer1000(count: number, population: number | null | undefined): number | null {
  return population && population > 0 ? round2((count / population) * 1000) : null;
}

/**
 * Ranks by value, highest first (1 = the highest rate in the force): "the highest levels of
 * crime in the County". Ties share a rank (1, 2, 2, 4); areas without a value are not ranked.
 */
export function rankDescending<T>(items: readonly T[], value: (t: T) => number | null): Map<T, number> {
  const ranked = new Map<T, number>();
  const values = items.map(value).filter((v): v is number => v !== null);
  for (const item of items) {
    const v = value(item);
    if (v !== null) ranked.set(item, 1 + values.filter((x) => x > v).length);
  }
  return ranked;
}

/** The force average rate: all the force's incidents over all its residents (not a mean of rates). */
export function forceAverageRate(areas: readonly { count: number; population: number | null }[]): number | null {
  const withPopulation = areas.filter((a) => a.population && a.population > 0);
  const count = withPopulation.reduce((s, a) => s + a.count, 0);
  const population = withPopulation.reduce((s, a) => s + a.population!, 0);
  return ratePer1000(count, population);
}
