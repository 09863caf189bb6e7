import type { Figure, Finding } from './assessment-schema.js';
import type { Period } from '../core/calendar/periods.js';
import { monthRanges } from '../core/calendar/months.js';
import { periodLabel } from '../core/calendar/periods.js';
import { pValueLabel } from './significance.js';
import { listed, type GapMonth } from './comparable.js';

import { count as n, counted, nthHighest, rate } from '../core/words.js';

export interface SummaryInput {
  name: string;
  /** "crimes", "incidents", …: what is counted. */
  unit: string;
  figure: Figure;
  period: Period;
  force: string;
  findings: Finding[];
}

/**
 * A short plain-English summary of a figure. It says "significant" only when the test says
 * so, and gives no percentage on a small base.
 */
export function summaryText({ name, unit, figure: f, period, force, findings }: SummaryInput): string {
  const parts: string[] = [];
  const compared =
    f.change === 0
      ? `the same as in ${period.previousLabel}`
      : `${n(Math.abs(f.change))} ${f.change > 0 ? 'more' : 'fewer'} than in ${period.previousLabel} (${f.changePct === null ? `n/a: fewer than 20 in ${period.previousLabel}` : f.changePctLabel})`;
  // "1 crime", "2 crimes": the unit is given in the plural.
  parts.push(`${name}: ${counted(f.current, unit.replace(/s$/, ''), unit)} in ${period.label}, ${compared}.`);
  const c = f.comparable;
  if (c) {
    // The windows are unlike: only the change on comparable months may be called significant.
    const p = c.pValue === null ? '' : pValueLabel(c.pValue);
    const verdict =
      c.current + c.previous === 0
        ? 'so nothing can be said about the change'
        : c.significance === 'no significant change'
          ? `which is within what chance alone would produce (${p}), so not evidence of a real change`
          : `a statistically significant ${c.significance === 'significant increase' ? 'increase' : 'decrease'} (${p})`;
    const few = c.fewMonths ? ` (only ${c.months} of the window's ${c.months + c.excludedMonths.length / 2} months, so a weak comparison)` : '';
    // Which months are compared is said once, in the caveat before it (which a document says once).
    const compared =
      c.months > 0
        ? `On comparable months${few}, the change is ${signed(c.change)} (${c.changePct === null ? '' : `${c.changePctLabel}: `}${n(c.current)} against ${n(c.previous)}), ${verdict}.`
        : 'No month of the two windows can be compared, so the change cannot be judged.';
    parts.push(`${gapCaveat(c)}${compared}`);
  } else if (f.current + f.previous > 0) {
    parts.push(
      f.significance === 'no significant change'
        ? `The change is within what chance alone would produce (${pValueLabel(f.pValue)}), so it is not evidence of a real change.`
        : `This is a statistically significant ${f.significance === 'significant increase' ? 'increase' : 'decrease'} (${pValueLabel(f.pValue)}).`,
    );
  }
  if (f.ratePer1000 !== null && f.forceAverageRatePer1000 !== null && f.differenceFromForcePer1000 !== null) {
    const d = f.differenceFromForcePer1000;
    const vs =
      d === 0
        ? `about the same as the ${force} average of ${rate(f.forceAverageRatePer1000)}`
        : `${rate(Math.abs(d))} ${d > 0 ? 'more' : 'fewer'} than the ${force} average of ${rate(f.forceAverageRatePer1000)}`;
    const position = f.rank !== null && f.rankOf !== null ? `; ${nthHighest(f.rank)} rate of ${counted(f.rankOf, 'district')}` : '';
    parts.push(`That is ${rate(f.ratePer1000)} per 1,000 residents, ${vs}${position}.`);
  } else if (f.ratePer1000 !== null) {
    parts.push(`That is ${rate(f.ratePer1000)} per 1,000 residents.`);
  }
  for (const finding of findings.filter((x) => x.severity !== 'info')) {
    parts.push(`Note: ${finding.message}; ${finding.effect}.`);
  }
  return parts.join(' ');
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${n(Math.abs(Math.round(x)))}`;

/**
 * The sentence a summary opens its comparable change with: "November 2024 was only partly
 * published, so the totals are not like for like. " A document that has said it once can
 * find it in later summaries and leave it out there.
 */
export function gapCaveat(c: { gaps: GapMonth[]; excludedMonths: string[] }): string {
  const left = monthRanges(c.excludedMonths, periodLabel);
  const which = left.length <= 4 ? listed(left) : 'those months and the same months of the other window';
  return `${gapSentence(c.gaps)}, so the totals are not like for like: comparable months leave out ${which}. `;
}

/** "November 2024 was only partly published and March 2025 has no data". */
function gapSentence(gaps: GapMonth[]): string {
  const byWhy = new Map<GapMonth['why'], string[]>();
  for (const g of gaps) byWhy.set(g.why, [...(byWhy.get(g.why) ?? []), g.month]);
  const said = [...byWhy].map(([why, list]) => {
    const months = monthRanges(list, periodLabel);
    const many = list.length > 1;
    if (why === 'partly published') return `${listed(months)} ${many ? 'were' : 'was'} only partly published`;
    if (why === 'no data') return `${listed(months)} ${many ? 'have' : 'has'} no data`;
    return `${listed(months)} ${many ? 'are' : 'is'} outside the months this source covers`;
  });
  return listed(said).replace(/^./, (x) => x.toUpperCase());
}
