import type { Config } from '../config/load.js';
import type { SourceReport, ValidationReport } from '../validate/types.js';
import { ASB_CATEGORY } from '../config/all-crime.js';
import { partialShare } from '../validate/warnings.js';
import type { Finding } from './assessment-schema.js';
import { allCrimeSource } from '../config/all-crime.js';
import { monthLabel, monthRanges } from '../core/calendar/months.js';
import { periodLabel, within, type Period } from '../core/calendar/periods.js';
import { count } from '../core/words.js';

const n = (x: number) => count(Math.round(x));

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
export function qualityFindings(config: Config, report: ValidationReport, period: Period, seriesStart: string): Finding[] {
  const out: Finding[] = [];
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
    const missing = s.missingMonths.filter((m) => within(m, seriesStart, period.end));
    const uncovered = s.months.length > 0 && (s.months[0]! > period.previousStart || s.months.at(-1)! < period.end);
    if (missing.length > 0 || uncovered) {
      out.push({
        id: `coverage-${s.id}`,
        severity: 'warning',
        source: s.id,
        message: `${sourceName(config, s)} covers ${monthLabel(s.months[0]!)} to ${monthLabel(s.months.at(-1)!)}${missing.length ? ` with ${missing.length} month(s) missing (${monthRanges(missing, periodLabel).join(', ')})` : ''}; the assessment needs ${monthLabel(period.previousStart)} to ${monthLabel(period.end)}`,
        effect: 'months without data count as zero in the totals; changes are measured on the months both windows have',
        affects: affectedByMonthGap,
      });
    }
    out.push(...sourceFindings(config, s, themesOf));
  }
  return out;
}

function sourceFindings(config: Config, s: SourceReport, themesOf: (p: (c: string) => boolean) => string[]): Finding[] {
  const out: Finding[] = [];
  const isPolice = s.kind === 'police-uk-street';
  const base = { source: s.id };
  if (s.rowsRejected > 0) {
    out.push({
      ...base,
      id: `rejects-${s.id}`,
      severity: 'info',
      message: `${n(s.rowsRejected)} of ${n(s.rowsRead)} rows rejected: ${s.rejects.map((r) => `${n(r.rows)} ${r.reason}`).join('; ')}`,
      effect: 'rejected rows are left out of every figure',
      affects: [],
    });
  }
  if (s.unmappedCategories.length > 0 && config.themes.length > 0) {
    const rows = s.categories.filter((c) => c.themes.length === 0).reduce((a, c) => a + c.rows, 0);
    out.push({
      ...base,
      id: `unmapped-categories-${s.id}`,
      severity: 'info',
      message: `${s.unmappedCategories.join(', ')} (${n(rows)} rows) ${s.unmappedCategories.length === 1 ? 'is' : 'are'} not in any theme`,
      effect: isPolice ? 'counted in all crime (except ASB) but in no theme' : 'counted in no figure',
      affects: isPolice ? ['allCrime'] : [],
    });
  }
  const outside = s.outsideForce.reduce((a, d) => a + d.rows, 0);
  if (outside > 0) {
    out.push({
      ...base,
      id: `outside-force-${s.id}`,
      severity: 'info',
      message: `${n(outside)} rows are in LSOAs of districts outside the force: ${s.outsideForce.map((d) => `${d.district} (${d.rows})`).join(', ')}`,
      effect: 'left out of every district figure and of the force average',
      affects: [],
    });
  }
  if (s.noLocation > 0) {
    const worst = [...s.noLocationByMonth].sort((a, b) => b.sharePct - a.sharePct || (a.month < b.month ? -1 : 1))[0]!;
    const pct = (100 * s.noLocation) / Math.max(1, s.rowsAccepted);
    out.push({
      ...base,
      id: `no-location-${s.id}`,
      severity: worst.sharePct >= NO_LOCATION_WARN_PCT ? 'warning' : 'info',
      message: `${n(s.noLocation)} rows (${pct.toFixed(1)}%) have no location${s.noLocationByMonth.length > 1 ? `, most in ${monthLabel(worst.month)} (${n(worst.rows)} of ${n(worst.total)}, ${worst.sharePct.toFixed(1)}%)` : ''}`,
      effect: `they belong to no district, so every district figure (${config.partnership.area}'s included) is low by up to ${worst.sharePct.toFixed(1)}% in a month, and more so in districts that lose more rows; the force average is low by the same share`,
      affects: ['allCrime', ...themesOf(() => true)],
    });
  }
  out.push(...placementFindings(config, s));
  if (s.repeatedAreas) {
    const a = s.repeatedAreas;
    out.push({
      ...base,
      id: `repeated-areas-${s.id}`,
      severity: 'warning',
      message: `${sourceName(config, s)} gives ${a.keys > 0 ? `${n(a.keys)} area(s) more than once for one period and category` : ''}${a.keys > 0 && a.codesWithTwoNames.length > 0 ? ', and ' : ''}${a.codesWithTwoNames.length > 0 ? `${a.codesWithTwoNames.length} area code(s) under two names (e.g. ${a.codesWithTwoNames[0]!.code}: ${a.codesWithTwoNames[0]!.names.join(' and ')})` : ''}`,
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
      message: `${b.appeared} LSOA code(s) start and ${b.disappeared} stop part-way through ${sourceName(config, s)}, e.g. ${b.examples.join('; ')}: the LSOA boundaries changed`,
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
      message: `${d.to} appears under its old name ${d.from} from ${d.firstMonth} to ${d.lastMonth} (${n(d.rows)} rows)`,
      effect: `counted under ${d.to}, so its figures are continuous; counts by LSOA name are not comparable across the rename`,
      affects: [],
    });
  }
  return out;
}

/** A month with this share of rows without a location or more is a warning, not a note. */
const NO_LOCATION_WARN_PCT = 5;

/** Where a partner's rows went: other districts are comparators; rows placed nowhere count nowhere. */
function placementFindings(config: Config, s: SourceReport): Finding[] {
  const p = s.placement;
  if (!p) return [];
  const themes = config.themes.filter((t) => t.categories[s.id]).map((t) => t.id);
  const out: Finding[] = [];
  const sum = (ds: { incidents: number }[]) => ds.reduce((a, d) => a + d.incidents, 0);
  if (p.otherDistricts.length > 0) {
    out.push({
      id: `other-districts-${s.id}`,
      severity: 'info',
      source: s.id,
      message: `${sourceName(config, s)} covers ${p.otherDistricts.length + 1} districts: ${n(p.area.incidents)} incidents in ${config.partnership.area} and ${n(sum(p.otherDistricts))} in the others (${p.otherDistricts.map((d) => `${d.district} ${n(d.incidents)}`).join(', ')})`,
      effect: `only ${config.partnership.area}'s rows count in its figures; the other districts are its comparators`,
      affects: [],
    });
  }
  const lost = [...p.outsideForce, ...(p.unplaced.rows > 0 ? [{ district: null, ...p.unplaced }] : [])];
  if (lost.length > 0) {
    out.push({
      id: `unplaced-${s.id}`,
      severity: 'warning',
      source: s.id,
      message: `${n(sum(lost))} incidents in ${sourceName(config, s)} are in no district of the force: ${[
        ...p.outsideForce.map((d) => `${n(d.incidents)} in "${d.district}"`),
        ...(p.unplaced.rows > 0 ? [`${n(p.unplaced.incidents)} in areas csp cannot place (e.g. ${p.unplaced.examples.map((e) => `"${e}"`).join(', ')})`] : []),
      ].join('; ')}`,
      effect: `they count in no figure, ${config.partnership.area}'s included: if some are ${config.partnership.area}'s, its figures are too low`,
      affects: themes,
    });
  }
  return out;
}
