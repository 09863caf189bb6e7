import type { Assessment } from '../analyse/assessment-schema.js';

type Criterion = Assessment['ranking']['criteria'][number];

/** A ranking criterion as a reader names it; a judged criterion is scored by practitioners. */
export function criterionName(c: Pick<Criterion, 'id' | 'kind'>): string {
  switch (c.kind) {
    case 'volume': return 'volume';
    case 'trend': return 'trend';
    case 'harm': return 'harm';
    case 'perception': return 'public perception';
    default: return `${c.id.replaceAll(/[-_]/g, ' ')} (scored by practitioners)`;
  }
}

/** What a criterion's raw value is measured in, so that its thresholds carry their unit. */
export function criterionUnit(c: Pick<Criterion, 'kind' | 'measure'>, scoreScale = '1–5'): { unit: string; format: (x: number) => string } {
  switch (c.kind) {
    case 'volume':
      return c.measure === 'share'
        ? { unit: '% of all crime', format: (x) => `${x}%` }
        : { unit: 'rate as a % of the force average (100 = the average)', format: (x) => `${x}%` };
    case 'trend': return { unit: '% change, where the change is statistically significant (otherwise 0)', format: (x) => `${x > 0 ? '+' : ''}${x}%` };
    case 'harm': return { unit: 'harm-weighted incidents per 1,000 residents', format: (x) => `${x} per 1,000` };
    case 'perception': return { unit: '% of survey respondents naming the theme', format: (x) => `${x}%` };
    default: return { unit: `practitioners' mean score (${scoreScale})`, format: (x) => String(x) };
  }
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
  const names = criteria.map(criterionName);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
