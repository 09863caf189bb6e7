import type { Assessment, Finding } from '../../analyse/assessment-schema.js';

/** A data-quality warning as the public documents say it: once, in plain words, where the figures are first quoted. */
export interface PublicCaveat {
  /** The finding's id in assessment.json. */
  id: string;
  /** The finding as the assessment states it, for render-plan's warning. */
  finding: string;
  /** What the plan and the Cabinet report print; null for a gap month, which the note on changes marked * says. */
  text: string | null;
}

/**
 * The data-quality warnings that change a figure the plan or the Cabinet report quotes: all
 * crime, any theme, or the rates per 1,000 (every population finding). Partly published and
 * missing months are said by the note on changes marked *, which says which months are compared.
 */
export function publicCaveats(a: Assessment): PublicCaveat[] {
  const quoted = new Set(['allCrime', ...a.themes.map((t) => t.id)]);
  return a.dataQuality
    .filter((f) => f.severity === 'warning')
    .filter((f) => f.id.startsWith('population-') || f.affects.some((x) => quoted.has(x)))
    .map((f) => ({ id: f.id, finding: `${f.message}: ${f.effect}`, text: isGap(f) ? null : plainWords(a, f) }));
}

const isGap = (f: Finding) => f.id.startsWith('partial-month-') || f.id.startsWith('coverage-');

function plainWords(a: Assessment, f: Finding): string {
  const year = a.area.populationYear;
  const end = Number(a.period.end.slice(0, 4));
  if (f.id === 'population-year' && year !== null) {
    const age = end - year;
    return age > 0
      ? `Rates per 1,000 residents use the ${year} population estimates, ${age} year${age === 1 ? '' : 's'} older than the figures: where the population has grown since, the rates are too high.`
      : `Rates per 1,000 residents use the ${year} population estimates, the only ones given, which are later than the figures.`;
  }
  // Any other warning: the assessment's own words, as one sentence.
  const sentence = `${f.message}: ${f.effect}`;
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}
