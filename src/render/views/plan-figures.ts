import type { Assessment, Figure, Measure, ThemeResult } from '../../analyse/assessment-schema.js';
import { ASB_CATEGORY } from '../../config/all-crime.js';
import { monthLabel } from '../../core/calendar/months.js';
import type { Config } from '../../config/load.js';
import { andList, count } from '../../core/words.js';
import { Disclosure } from '../format.js';

/**
 * The figures of the public plan in words. Where a window holds a month whose data is
 * incomplete, only the change on the months both windows have is given (marked *), and the
 * reason is said once for the whole document (`gapNote`), not on every line.
 */
export class PublicFigures {
  private readonly disclosure: Disclosure;
  private readonly gapMonths = new Set<string>();
  private readonly excludedMonths = new Set<string>();
  private readonly comparedMonths = new Set<number>();

  constructor(
    private readonly a: Assessment,
    private readonly config: Config,
  ) {
    this.disclosure = new Disclosure(true, config.output.suppressBelow);
  }

  /** Whether a sensitive count (or its change, which would reveal it) must not be shown. */
  hidden(f: Figure, sensitive: boolean): boolean {
    return this.disclosure.hides(f.current, sensitive) || this.disclosure.hides(f.previous, sensitive);
  }

  count(n: number, sensitive: boolean): string {
    return this.disclosure.count(n, sensitive);
  }

  /** "up 6.0%", "down 335", "unchanged": the change of the totals printed beside it. */
  totalsChange(f: Pick<Figure, 'change' | 'changePct'>): string {
    return f.change === 0
      ? 'unchanged'
      : `${f.change > 0 ? 'up' : 'down'} ${f.changePct === null ? count(Math.abs(f.change)) : `${Math.abs(f.changePct).toFixed(1)}%`}`;
  }

  /**
   * Where a window has an incomplete month, the change on the months both years have, with the
   * two counts it is computed from, so that a reader can do the sum: "down 0.5%* (6,033 against
   * 6,061)"; the column's heading says which months. "–" where there is no gap.
   */
  comparableChange(f: Figure, sensitive = false): string {
    const c = f.comparable;
    if (!c) return '–';
    this.noteGaps(c);
    if (c.pValue === null) return 'cannot be compared*';
    if (this.disclosure.hides(c.current, sensitive) || this.disclosure.hides(c.previous, sensitive)) return 'not shown*';
    return `${this.totalsChange(c)}* (${this.count(c.current, sensitive)} against ${this.count(c.previous, sensitive)})`;
  }

  /**
   * The change in words a resident reads, with the counts it is computed from: "down 16.7% on
   * Jan–Dec 2024's 2,003, a statistically significant decrease"; with an incomplete month, the
   * change on the months both years have, marked * with their two counts: "up 1.2%* (12,854
   * against 12,703), within normal variation". Which months those are is said once, in the
   * document's note (`gapNote`), not in every sentence.
   */
  changeWithVerdict(f: Figure, o: { sensitive?: boolean; round?: (n: number) => string } = {}): string {
    const shown = o.round ?? ((n: number) => this.count(n, o.sensitive ?? false));
    const c = f.comparable;
    if (c) this.noteGaps(c);
    if (c && c.pValue === null) return `which cannot be compared with ${this.a.period.previousLabel}*`;
    const x = c ?? f;
    const verdict = x.significance === 'no significant change' ? 'within normal variation' : `a statistically ${x.significance}`;
    if (!c) return `${this.totalsChange(f)} on ${this.a.period.previousLabel}'s ${shown(f.previous)}, ${verdict}`;
    return `${this.totalsChange(c)}* (${shown(c.current)} against ${shown(c.previous)}), ${verdict}`;
  }

  /** A theme's line under its priority: the police figure, and each partner's beside it. */
  themeLine(t: ThemeResult): { name: string; text: string; partners: string[] } {
    // The theme's own figures are its headline source's: the first it lists.
    const main = `${this.count(t.current, t.sensitive)} ${this.noun(t.measures[0]!)} in ${this.a.period.label}`;
    return {
      name: t.name,
      text: this.hidden(t, t.sensitive) ? main : `${main}, ${this.changeWithVerdict(t, { sensitive: t.sensitive })}`,
      partners: t.measures.slice(1).map((m) => {
        const what = `${this.count(m.current, t.sensitive)} ${this.noun(m)}`;
        return this.hidden(m, t.sensitive) ? what : `${what}, ${this.changeWithVerdict(m, { sensitive: t.sensitive })}`;
      }),
    };
  }

  /** What a source counts, as the public reads it: csp.yaml's publicName, never a source id. */
  noun(m: Pick<Measure, 'source' | 'kind' | 'categories'>): string {
    const named = this.config.sources[m.source]?.publicName;
    if (named) return named;
    // As the summaries count them: ASB alone is incidents, any crime category makes crimes.
    if (m.kind === 'police-uk-street')
      return m.categories.every((c) => c === ASB_CATEGORY) ? 'incidents reported to the police' : 'crimes recorded by the police';
    return 'incidents recorded by a partner agency';
  }

  private noteGaps(c: NonNullable<Figure['comparable']>): void {
    for (const g of c.gaps) this.gapMonths.add(g.month);
    for (const m of c.excludedMonths) this.excludedMonths.add(m);
    this.comparedMonths.add(c.months);
  }

  /** Said once in a document, where its first figure marked * is: which months the changes marked * compare. */
  gapNote(): string | null {
    if (this.gapMonths.size === 0) return null;
    const months = [...this.gapMonths].sort().map(monthLabel);
    const left = [...this.excludedMonths].sort().map(monthLabel);
    const compared = this.comparedMonths.size === 1 ? `the ${[...this.comparedMonths][0]} months` : 'the months';
    return `* The data for ${andList(months)} ${months.length > 1 ? 'are' : 'is'} incomplete, so changes marked * compare only ${compared} both years have, leaving out ${left.length > 4 ? `${left.length} months` : andList(left)}; the two counts beside each are of those months.`;
  }
}
