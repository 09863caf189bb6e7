import type { Assessment } from '../analyse/assessment-schema.js';
import { listed } from '../analyse/comparable.js';
import type { Config } from '../config/load.js';
import type { CriterionKind } from '../rank/resolve.js';
import { THRESHOLD_UNITS } from '../rank/sensitivity.js';
import { signed } from '../core/words.js';

type Criterion = Assessment['ranking']['criteria'][number];

/** A ranking criterion as a reader names it; a judged criterion is scored by practitioners. */
export function criterionName(c: Pick<Criterion, 'id' | 'kind'>): string {
  switch (c.kind) {
    case 'volume':
      return 'volume';
    case 'trend':
      return 'trend';
    case 'harm':
      return 'harm';
    case 'perception':
      return 'public perception';
    default:
      return `${c.id.replaceAll(/[-_]/g, ' ')} (scored by practitioners)`;
  }
}

/** What a criterion's raw value is measured in, so that its thresholds carry their unit. */
export function criterionUnit(c: Pick<Criterion, 'kind' | 'measure'>, scale = { min: 1, max: 5 }): { unit: string; format: (x: number) => string } {
  const at = THRESHOLD_UNITS[c.kind as CriterionKind]?.at ?? '';
  const format = (x: number) => `${signed(x, { plus: c.kind === 'trend' })}${at}`;
  switch (c.kind) {
    case 'volume':
      return { unit: c.measure === 'share' ? '% of all crime' : 'rate as a % of the force average (100 = the average)', format };
    case 'trend':
      return { unit: '% change, where the change is statistically significant (otherwise 0)', format };
    case 'harm':
      return { unit: 'harm-weighted incidents per 1,000 residents', format };
    case 'perception':
      return { unit: '% of survey respondents naming the theme', format };
    default:
      return { unit: `practitioners' mean score (${scale.min}–${scale.max})`, format };
  }
}

/** The scale practitioners scored a judged criterion on: that of the judgements source with its column. */
export function judgedScale(config: Config, criterion: string): { min: number; max: number } | undefined {
  for (const s of Object.values(config.sources)) {
    if (s.kind === 'judgements' && criterion in s.columns.scores) return s.scale;
  }
  return undefined;
}

/** "below 90%: band 1; 90% to 110%: band 2; 110% or more: band 3". */
export function bandsText(c: Pick<Criterion, 'kind' | 'measure' | 'thresholds'>): string {
  const { format } = criterionUnit(c);
  const t = c.thresholds;
  if (t.length === 0) return '';
  const parts = [`below ${format(t[0]!)}: band 1`];
  for (let i = 1; i < t.length; i++) parts.push(`${format(t[i - 1]!)} to under ${format(t[i]!)}: band ${i + 1}`);
  parts.push(`${format(t.at(-1)!)} or more: band ${t.length + 1}`);
  return parts.join('; ');
}

/** "volume, trend, harm and public perception". */
export function criteriaList(criteria: readonly Pick<Criterion, 'id' | 'kind'>[]): string {
  return listed(criteria.map(criterionName));
}
