import type { Config } from '../config/load.js';
import type { SourceReport, ValidationReport } from '../validate/types.js';
import { ASB_CATEGORY } from '../config/all-crime.js';
import { partialShare } from '../validate/warnings.js';
import type { Finding } from './assessment-schema.js';
import { allCrimeSource } from '../config/all-crime.js';
import { monthLabel, monthRanges } from '../core/calendar/months.js';
import { periodLabel, within, type Period } from '../core/calendar/periods.js';
import { agreeing, count, counted } from '../core/words.js';
import type { Selection } from './monthly.js';

const n = (x: number) => count(Math.round(x));

/** Rows of a source in some months (MonthlyCounts.rowsIn): what a finding counts in the months analysed. */
export interface RowCounts {
  rowsIn(s: Selection, start: string, end: string, o?: { places?: readonly (string | null)[] }): number;
}

/**
 * The months the assessment analyses: the monthly series (which holds the control charts'
 * baseline) and both windows. A finding about the figures counts its rows in these months and
 * says so ("in the months analysed (Jan 2023–Dec 2025)"); one about the files, such as rows
 * rejected, counts the files read and says that.
 */
export interface Analysed {
  start: string;
  end: string;
  /** "the months analysed (Jan 2023–Dec 2025)" */
  label: string;
  rows: RowCounts;
}

export interface QualityInput {
  config: Config;
  report: ValidationReport;
  period: Period;
  seriesStart: string;
  /** The rows of each source by month and district (MonthlyCounts). */
  counts: RowCounts;
}

/** A source as a finding names it: what it is, not its id in csp.yaml (the finding's `source` keeps that). */
export function sourceName(config: Config, s: Pick<SourceReport, 'id' | 'kind'>): string {
  if (s.kind === 'police-uk-street') return 'the police data';
  const c = config.sources[s.id];
  return c?.description ?? c?.publicName ?? s.id;
}

/**
 * Data-quality findings, each with its effect on the figures and the figures it affects
 * ("allCrime" and theme ids), so every figure can carry the warnings that bear on it.
 */
export function qualityFindings({ config, report, period, seriesStart, counts }: QualityInput): Finding[] {
  const out: Finding[] = [];
  const start = seriesStart < period.previousStart ? seriesStart : period.previousStart;
  const analysed: Analysed = { start, end: period.end, label: `the months analysed (${periodLabel(start, period.end)})`, rows: counts };
  for (const s of report.sources) {
    const themesOf = (predicate: (category: string) => boolean) => config.themes.filter((t) => (t.categories[s.id] ?? []).some(predicate)).map((t) => t.id);
    const isPolice = s.kind === 'police-uk-street';
    // Police partial months show in crime rows; ASB is published separately and looks normal.
    const affectedByMonthGap = [...(s.id === allCrimeSource(config)?.source ? ['allCrime'] : []), ...themesOf((c) => !isPolice || c !== ASB_CATEGORY)];
    // Months partial across the source, then those partial for the partnership area alone.
    const partials = [
      ...s.partialMonths.map((p) => ({ p, scope: 'force-wide', of: '' })),
      ...s.areaPartialMonths.map((p) => ({ p, scope: `in ${config.partnership.area}`, of: ` for ${config.partnership.area}` })),
    ];
    for (const { p, scope, of } of partials) {
      const shortfall = p.expected - p.count;
      const where = within(p.month, period.start, period.end)
        ? `the current window's total (${period.label}) is understated by about ${n(shortfall)} ${scope}; changes are measured on the months both windows have, leaving ${monthLabel(p.month)} out`
        : within(p.month, period.previousStart, period.previousEnd)
          ? `the previous window's total (${period.previousLabel}) is understated by about ${n(shortfall)} ${scope}; changes are measured on the months both windows have, leaving ${monthLabel(p.month)} out`
          : within(p.month, seriesStart, period.end)
            ? `the monthly series shows a dip in ${monthLabel(p.month)} that is not real; the windows compared are not affected`
            : 'it falls outside the months analysed';
      out.push({
        id: `partial-month-${s.id}-${p.month}`,
        severity: within(p.month, period.previousStart, period.end) ? 'warning' : 'info',
        source: s.id,
        message: `${monthLabel(p.month)} looks partially published in ${sourceName(config, s)}${of}: ${partialShare(p, isPolice ? 'crimes' : 'rows')}`,
        effect: where,
        affects: within(p.month, seriesStart, period.end) ? affectedByMonthGap : [],
      });
    }
    // Missing months are those of the months analysed: one before them changes no figure.
    const missing = s.missingMonths.filter((m) => within(m, analysed.start, analysed.end));
    const uncovered = s.months.length > 0 && (s.months[0]! > period.previousStart || s.months.at(-1)! < period.end);
    if (missing.length > 0 || uncovered) {
      out.push({
        id: `coverage-${s.id}`,
        severity: 'warning',
        source: s.id,
        message: `${sourceName(config, s)} covers ${monthLabel(s.months[0]!)} to ${monthLabel(s.months.at(-1)!)}${missing.length ? `; ${counted(missing.length, 'month')} of ${analysed.label} ${agreeing(missing.length, 'has', 'have')} no data (${monthRanges(missing, periodLabel).join(', ')})` : ''}; the windows compared need ${monthLabel(period.previousStart)} to ${monthLabel(period.end)}`,
        effect: 'months without data count as zero in the totals; changes are measured on the months both windows have',
        affects: affectedByMonthGap,
      });
    }
    out.push(...sourceFindings({ config, s, themesOf, analysed }));
  }
  return out;
}

interface SourceInput {
  config: Config;
  s: SourceReport;
  themesOf: (p: (c: string) => boolean) => string[];
  analysed: Analysed;
}

function sourceFindings({ config, s, themesOf, analysed }: SourceInput): Finding[] {
  const out: Finding[] = [];
  const isPolice = s.kind === 'police-uk-street';
  const base = { source: s.id };
  const rowsIn = (o: { categories?: readonly string[]; places?: readonly (string | null)[] } = {}) =>
    analysed.rows.rowsIn({ source: s.id, ...(o.categories ? { categories: o.categories } : {}) }, analysed.start, analysed.end, { places: o.places });
  const unit = s.kind === 'counts' ? 'incident' : 'row';
  // Rejected rows are counted in the files read: a row refused for its date has no month to place it in.
  if (s.rowsRejected > 0) {
    out.push({
      ...base,
      id: `rejects-${s.id}`,
      severity: 'info',
      message: `${n(s.rowsRejected)} of the ${counted(s.rowsRead, 'row')} in the files read ${agreeing(s.rowsRejected, 'was', 'were')} rejected: ${s.rejects.map((r) => `${n(r.rows)} ${r.reason}`).join('; ')}`,
      effect: 'rejected rows are left out of every figure',
      affects: [],
    });
  }
  // Categories in no theme, with their rows in the months analysed (csp validate counts the files read).
  const unmapped = config.themes.length > 0 ? s.unmappedCategories.filter((c) => rowsIn({ categories: [c] }) > 0) : [];
  if (unmapped.length > 0) {
    const rows = rowsIn({ categories: unmapped });
    out.push({
      ...base,
      id: `unmapped-categories-${s.id}`,
      severity: 'info',
      message: `${unmapped.join(', ')} ${agreeing(unmapped.length, 'is', 'are')} not in any theme: ${counted(rows, unit)} in ${analysed.label}`,
      effect: isPolice ? 'counted in all crime (except ASB) but in no theme' : 'counted in no figure',
      affects: isPolice ? ['allCrime'] : [],
    });
  }
  // Police rows in LSOAs of other forces' districts, in the months analysed.
  const outsideForce = s.outsideForce.map((d) => ({ district: d.district, rows: rowsIn({ places: [d.district] }) })).filter((d) => d.rows > 0);
  const outside = outsideForce.reduce((a, d) => a + d.rows, 0);
  if (outside > 0) {
    out.push({
      ...base,
      id: `outside-force-${s.id}`,
      severity: 'info',
      message: `${counted(outside, 'row')} in ${analysed.label} ${agreeing(outside, 'is', 'are')} in LSOAs of districts outside the force: ${outsideForce.map((d) => `${d.district} (${n(d.rows)})`).join(', ')}`,
      effect: 'left out of every district figure and of the force average',
      affects: [],
    });
  }
  // Rows with no location in the months analysed: those of other months change no figure.
  const unlocatedMonths = s.noLocationByMonth.filter((m) => within(m.month, analysed.start, analysed.end));
  const unlocated = unlocatedMonths.reduce((a, m) => a + m.rows, 0);
  if (unlocated > 0) {
    const worst = [...unlocatedMonths].sort((a, b) => b.sharePct - a.sharePct || (a.month < b.month ? -1 : 1))[0]!;
    const total = rowsIn();
    const pct = (100 * unlocated) / Math.max(1, total);
    const most =
      unlocatedMonths.length > 1
        ? `, most in ${monthLabel(worst.month)} (${n(worst.rows)} of ${n(worst.total)}, ${worst.sharePct.toFixed(1)}%)`
        : `, all in ${monthLabel(worst.month)} (${n(worst.rows)} of ${n(worst.total)}, ${worst.sharePct.toFixed(1)}%)`;
    out.push({
      ...base,
      id: `no-location-${s.id}`,
      severity: worst.sharePct >= NO_LOCATION_WARN_PCT ? 'warning' : 'info',
      message: `${n(unlocated)} of the ${counted(total, 'row')} in ${analysed.label} ${agreeing(unlocated, 'has', 'have')} no location (${pct.toFixed(1)}%)${most}`,
      effect: `they belong to no district, so every district figure (${config.partnership.area}'s included) is low by up to ${worst.sharePct.toFixed(1)}% in a month, and more so in districts that lose more rows; the force average is low by the same share`,
      affects: ['allCrime', ...themesOf(() => true)],
    });
  }
  out.push(...placementFindings(config, s, analysed));
  if (s.repeatedAreas) {
    const a = s.repeatedAreas;
    out.push({
      ...base,
      id: `repeated-areas-${s.id}`,
      severity: 'warning',
      // In the files read: a return that lists an area twice is corrected at its source, whichever months the rows are of.
      message: `${sourceName(config, s)} gives ${a.keys > 0 ? `${counted(a.keys, 'area')} more than once for one period and category` : ''}${a.keys > 0 && a.codesWithTwoNames.length > 0 ? ', and ' : ''}${a.codesWithTwoNames.length > 0 ? `${counted(a.codesWithTwoNames.length, 'area code')} under two names (e.g. ${a.codesWithTwoNames[0]!.code}: ${a.codesWithTwoNames[0]!.names.join(' and ')})` : ''} in the files read`,
      effect: 'every row is counted, so those areas count twice: the figures of the themes that use this source may be too high',
      affects: themesOf(() => true),
    });
  }
  if (s.boundaryChanges) {
    const b = s.boundaryChanges;
    out.push({
      ...base,
      id: `boundary-change-${s.id}`,
      severity: 'info',
      // Codes, over all the months of the files read: a boundary change is seen across them.
      message: `${counted(b.appeared, 'LSOA code')} ${agreeing(b.appeared, 'starts', 'start')} and ${n(b.disappeared)} ${agreeing(b.disappeared, 'stops', 'stop')} part-way through ${sourceName(config, s)}, e.g. ${b.examples.join('; ')}: the LSOA boundaries changed`,
      effect: 'district and force figures are unaffected; counts by LSOA (hotspots) are not comparable across the change',
      affects: [],
    });
  }
  for (const c of s.categoryChanges) {
    out.push({
      ...base,
      id: `category-change-${s.id}-${c.category.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`,
      severity: 'warning',
      message: `category "${c.category}" is only present in ${sourceName(config, s)} from ${monthLabel(c.firstMonth)} to ${monthLabel(c.lastMonth)}`,
      effect: 'a renamed or split category: themes that include only one of the old and new names change for that reason, not because crime changed',
      affects: themesOf((x) => x === c.category),
    });
  }
  for (const d of s.renamedDistricts) {
    out.push({
      ...base,
      id: `renamed-district-${s.id}-${d.from.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`,
      severity: 'info',
      // The rows of the months named (those the old name has in the files read).
      message: `${d.to} appears under its old name ${d.from} from ${d.firstMonth} to ${d.lastMonth} (${counted(d.rows, 'row')})`,
      effect: `counted under ${d.to}, so its figures are continuous; counts by LSOA name are not comparable across the rename`,
      affects: [],
    });
  }
  return out;
}

/** A month with this share of rows without a location or more is a warning, not a note. */
const NO_LOCATION_WARN_PCT = 5;

/** Where a partner's rows went: other districts are comparators; rows placed nowhere count nowhere. */
function placementFindings(config: Config, s: SourceReport, analysed: Analysed): Finding[] {
  const p = s.placement;
  if (!p) return [];
  const incidentsIn = (place: string | null) => analysed.rows.rowsIn({ source: s.id }, analysed.start, analysed.end, { places: [place] });
  const themes = config.themes.filter((t) => t.categories[s.id]).map((t) => t.id);
  const out: Finding[] = [];
  const sum = (ds: { incidents: number }[]) => ds.reduce((a, d) => a + d.incidents, 0);
  // What the source covers: its districts in the files read (the comparators' own figures are of the windows).
  if (p.otherDistricts.length > 0) {
    out.push({
      id: `other-districts-${s.id}`,
      severity: 'info',
      source: s.id,
      message: `${sourceName(config, s)} covers ${p.otherDistricts.length + 1} districts in the files read: ${counted(p.area.incidents, 'incident')} in ${config.partnership.area} and ${n(sum(p.otherDistricts))} in the others (${p.otherDistricts.map((d) => `${d.district} ${n(d.incidents)}`).join(', ')})`,
      effect: `only ${config.partnership.area}'s rows count in its figures; the other districts are its comparators`,
      affects: [],
    });
  }
  // Incidents placed in no district of the force, in the months analysed: they are missing from the figures.
  const outside = p.outsideForce.map((d) => ({ district: d.district, incidents: incidentsIn(d.district) })).filter((d) => d.incidents > 0);
  const unplaced = p.unplaced.rows > 0 ? incidentsIn(null) : 0;
  const lost = sum(outside) + unplaced;
  if (lost > 0) {
    out.push({
      id: `unplaced-${s.id}`,
      severity: 'warning',
      source: s.id,
      message: `${counted(lost, 'incident')} in ${sourceName(config, s)} in ${analysed.label} ${agreeing(lost, 'is', 'are')} in no district of the force: ${[
        ...outside.map((d) => `${n(d.incidents)} in "${d.district}"`),
        ...(unplaced > 0 ? [`${n(unplaced)} in areas csp cannot place (e.g. ${p.unplaced.examples.map((e) => `"${e}"`).join(', ')})`] : []),
      ].join('; ')}`,
      effect: `they count in no figure, ${config.partnership.area}'s included: if some are ${config.partnership.area}'s, its figures are too low`,
      affects: themes,
    });
  }
  return out;
}
