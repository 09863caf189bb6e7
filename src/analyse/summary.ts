import type { Figure, Finding } from './assessment-schema.js';
import type { Period } from './periods.js';
import { monthLabel } from './months.js';
import { pValueLabel } from './significance.js';

const n = (x: number) => x.toLocaleString('en-GB');
const rate = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[k % 10] ?? 'th';
  return `${k}${s}`;
}

/** A partially published month inside a window, and how far short it leaves this figure. */
export interface Shortfall {
  month: string;
  window: 'current' | 'previous';
  /** The median of the neighbouring months of this figure's own series, less the month's count. */
  shortfall: number;
  /** The share of a normal month published, force-wide. */
  share: number;
}

export interface SummaryInput {
  name: string;
  /** "crimes", "incidents", …: what is counted. */
  unit: string;
  figure: Figure;
  period: Period;
  force: string;
  findings: Finding[];
  shortfalls?: Shortfall[];
}

/**
 * A short plain-English summary of a figure. It says "significant" only when the test says
 * so, and gives no percentage on a small base.
 */
export function summaryText({ name, unit, figure: f, period, force, findings, shortfalls = [] }: SummaryInput): string {
  const parts: string[] = [];
  const compared =
    f.change === 0
      ? `the same as in ${period.previousLabel}`
      : `${n(Math.abs(f.change))} ${f.change > 0 ? 'more' : 'fewer'} than in ${period.previousLabel} (${f.changePct === null ? `n/a: fewer than 20 in ${period.previousLabel}` : f.changePctLabel})`;
  parts.push(`${name}: ${n(f.current)} ${unit} in ${period.label}, ${compared}.`);
  if (f.current + f.previous > 0) {
    parts.push(
      f.significance === 'no significant change'
        ? `The change is within what chance alone would produce (${pValueLabel(f.pValue)}), so it is not evidence of a real change.`
        : `This is a statistically significant ${f.significance === 'significant increase' ? 'increase' : 'decrease'} (${pValueLabel(f.pValue)}).`,
    );
  }
  if (f.ratePer1000 !== null && f.forceAverageRatePer1000 !== null && f.differenceFromForcePer1000 !== null) {
    const d = f.differenceFromForcePer1000;
    const vs = Math.abs(d) < 0.05 ? `about the same as the ${force} average of ${rate(f.forceAverageRatePer1000)}` : `${rate(Math.abs(d))} ${d > 0 ? 'more' : 'fewer'} than the ${force} average of ${rate(f.forceAverageRatePer1000)}`;
    const position = f.rank !== null && f.rankOf !== null ? `; the ${f.rank === 1 ? 'highest' : `${ordinal(f.rank)} highest`} rate of ${f.rankOf} districts` : '';
    parts.push(`That is ${rate(f.ratePer1000)} per 1,000 residents, ${vs}${position}.`);
  } else if (f.ratePer1000 !== null) {
    parts.push(`That is ${rate(f.ratePer1000)} per 1,000 residents.`);
  }
  for (const s of shortfalls) {
    const label = s.window === 'current' ? period.label : period.previousLabel;
    const current = f.current + (s.window === 'current' ? s.shortfall : 0);
    const previous = f.previous + (s.window === 'previous' ? s.shortfall : 0);
    const adjusted = previous >= 20 ? ` Allowing for it, the change would be about ${signed(current - previous)} (${signedPct(((current - previous) / previous) * 100)}).` : '';
    parts.push(
      `Note: ${monthLabel(s.month)} was only partly published (${Math.round(s.share * 100)}% of a normal month force-wide), so ${label} is short by about ${n(s.shortfall)} here.${adjusted}`,
    );
  }
  for (const finding of findings.filter((x) => x.severity !== 'info')) {
    parts.push(`Note: ${finding.message}; ${finding.effect}.`);
  }
  return parts.join(' ');
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${n(Math.abs(Math.round(x)))}`;
const signedPct = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}%`;

