import { counted } from '../core/words.js';
import { MIN_BASELINE_MONTHS } from './exceptions.js';

/**
 * How each figure is computed, in words: carried into assessment.json and the documents.
 * `baselineMonths`: the most months before the window a control chart's baseline has in this run
 * (exceptions.ts baselineMonthsAvailable: up to 24, as many as the monthly series holds).
 */
export function definitions(o: { baselineMonths: number }): Record<string, string> {
  return { ...DEFINITIONS, exceptions: exceptionsDefinition(o.baselineMonths) };
}

function exceptionsDefinition(months: number): string {
  if (months < MIN_BASELINE_MONTHS) {
    return `Months outside the control limits are not looked for: the monthly series (period.seriesMonths) holds ${counted(months, 'month')} before the window, and the limits need at least ${MIN_BASELINE_MONTHS}.`;
  }
  return `A month of the current window is an exception when it is outside the mean ± 2 standard deviations of the up to ${months} months before the window (fewer where a source has fewer months of data; months not wholly published are left out, and with fewer than ${MIN_BASELINE_MONTHS} no month is flagged).`;
}

const DEFINITIONS: Record<string, string> = {
  allCrime: 'All crime is every data.police.uk category except Anti-social behaviour, which is not a crime.',
  period:
    'The current window is the run of months the assessment reports on, usually the latest twelve published; the previous window is the same number of months immediately before it.',
  change: 'Change is current minus previous. The percentage change is not shown ("n/a") when the previous count is below 20.',
  significance:
    'The exact conditional test for two Poisson counts: given the total, the current count is Binomial(total, ½) if nothing changed. Two-sided, 95%: "significant" means p < 0.05.',
  ratePer1000: 'Count in the current window per 1,000 residents, using the population estimate for the year nearest the window (the latest year not after it).',
  forceAverage: "The force average rate is all the force's districts' counts over all their residents (not the mean of their rates).",
  rank: "Rank among the force's districts by rate per 1,000, 1 = the highest.",
  exceptions: '', // follows the run's baseline: definitions()
  cv: 'The coefficient of variation is the standard deviation of the monthly counts over their mean: high values mean seasonal or erratic counts.',
  hotspots:
    'The areas (LSOA or ward) with the most incidents in the current window, and by rate where the area has a population; concentration is the share of all incidents in the top tenth of areas.',
  repeats: 'Where a source flags repeats, the share of its incidents in the current window that are flagged.',
  survey: "Shares of a question are of those who answered it; 'problems' shares are of all respondents.",
  partialMonth:
    'A month is flagged as partially published when its count is below 70% of a whole month and chance cannot explain it (Poisson, p < 0.001). A whole month is the lower of the same month a year earlier and the median of the 12 months before, leaving out months already flagged (so two partial months side by side, or a winter low, mislead neither); where there is no year before, the median of up to three months either side. Two or more months in a row each below 80%, whose total chance cannot explain (p < 0.00001), are flagged together as a dip. Police crime rows and ASB rows are judged apart.',
  comparable:
    'Where a window holds a partly published month, a month with no data or a month the source does not cover, the change is also measured on comparable months: that month and the month one window-length away in the other window are left out of both. Summaries, the trend criterion of the ranking and the public documents use this comparable change; the totals stay as published.',
};
