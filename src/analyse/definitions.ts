/** How each figure is computed, in words: carried into assessment.json and the documents. */
export const DEFINITIONS: Record<string, string> = {
  allCrime: 'All crime is every data.police.uk category except Anti-social behaviour, which is not a crime.',
  period: 'The current window is the months from period.start to period.end; the previous window is the same number of months immediately before it.',
  change: 'Change is current minus previous. The percentage change is not shown ("n/a") when the previous count is below 20.',
  significance: 'The exact conditional test for two Poisson counts: given the total, the current count is Binomial(total, ½) if nothing changed. Two-sided, 95%: "significant" means p < 0.05.',
  ratePer1000: 'Count in the current window per 1,000 residents, using the latest population of the area.',
  forceAverage: "The force average rate is all the force's districts' counts over all their residents (not the mean of their rates).",
  rank: "Rank among the force's districts by rate per 1,000, 1 = the highest.",
  exceptions: 'A month of the current window is an exception when it is outside the mean ± 2 standard deviations of the 24 months before the window.',
  cv: 'The coefficient of variation is the standard deviation of the monthly counts over their mean: high values mean seasonal or erratic counts.',
  hotspots: 'The areas (LSOA or ward) with the most incidents in the current window, and by rate where the area has a population; concentration is the share of all incidents in the top tenth of areas.',
  repeats: 'Where a source flags repeats, the share of its incidents in the current window that are flagged.',
  survey: "Shares of a question are of those who answered it; 'problems' shares are of all respondents.",
  partialMonth: "A month is flagged as partially published when its count is below 70% of the median of up to three months either side and chance cannot explain it (Poisson, p < 0.001).",
};
