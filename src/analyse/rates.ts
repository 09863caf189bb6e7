import { asPrinted } from '../core/words.js';
import { round1, round2 } from './change.js';

/** Incidents per 1,000 residents, to 2 decimal places; null without a population. */
export function ratePer1000(count: number, population: number | null | undefined): number | null {
  return population && population > 0 ? round2((count / population) * 1000) : null;
}

/** Incidents per 1,000 residents, unrounded: what ranks compare. Null without a population. */
export function exactRatePer1000(count: number, population: number | null | undefined): number | null {
  return population && population > 0 ? (count / population) * 1000 : null;
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
  const t = forceTotals(areas);
  return ratePer1000(t.count, t.population);
}

/** The force's incidents and residents, over the districts that have a population. */
export function forceTotals(areas: readonly { count: number; population: number | null }[]): { count: number; population: number } {
  const withPopulation = areas.filter((a) => a.population && a.population > 0);
  return { count: withPopulation.reduce((s, a) => s + a.count, 0), population: withPopulation.reduce((s, a) => s + a.population!, 0) };
}

/**
 * How far the area's rate is above (+) or below (−) the force average, per 1,000 residents: the
 * difference of the two rates as documents print them (to one decimal place, from the rates
 * stored to two), so that a councillor who subtracts "88.8" from "103.0" gets the "14.2" printed
 * beside them. −0.049 between two rates that both print as 121.5 is 0.0 ("about the same").
 */
export function differencePer1000(count: number, population: number | null | undefined, force: { count: number; population: number }): number | null {
  const area = ratePer1000(count, population);
  const average = ratePer1000(force.count, force.population);
  if (area === null || average === null) return null;
  const d = round1(asPrinted(area) - asPrinted(average));
  return d === 0 ? 0 : d; // no −0
}

/** A rate as the documents print it, to one decimal place (the same rounding as their formatter). */
