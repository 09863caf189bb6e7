/** What validate says of a source, in words: partial months, rejects, categories, placement. */
import type { Config } from '../config/load.js';
import type { Problem } from '../core/errors.js';
import { monthLabel } from '../core/calendar/months.js';
import type { PartialMonth } from './partial-months.js';
import type { SourceReport } from './types.js';
import { agreeing, count as n, counted } from '../core/words.js';

/** "6,815 crimes, 53% of a whole month (12,800: …)": how far short a partial month is, and against what. */
export function partialShare(p: PartialMonth, unit: string): string {
  const expected = Math.round(p.expected).toLocaleString('en-GB');
  const basis =
    p.basis === 'neighbouring months'
      ? `the neighbouring months' median (${expected})`
      : p.basis === 'same month a year before or after'
        ? `a whole month (${expected}: the same month a year earlier and a year later)`
        : `a whole month (${expected}: the lower of the same month a year earlier and the median of the 12 months before)`;
  return `${counted(p.count, unit.replace(/s$/, ''), unit)}, ${Math.round(100 * p.share)}% of ${basis}${p.inRun ? ', one of a run of low months' : ''}`;
}

export function sourceWarnings(config: Config, r: SourceReport): Problem[] {
  const where = { key: `sources.${r.id}` };
  const out: Problem[] = [];
  const total = r.rowsAccepted || 1;
  const pct = (n: number) => (n > 0 && (100 * n) / total < 0.1 ? '<0.1%' : `${((100 * n) / total).toFixed(1)}%`);
  const unit = r.kind === 'police-uk-street' ? 'crimes' : 'rows';
  const partials = [
    ...r.partialMonths.map((p) => [p, unit, ''] as const),
    ...r.asbPartialMonths.map((p) => [p, 'ASB incidents', ''] as const),
    ...r.areaPartialMonths.map((p) => [p, unit, ` for ${config.partnership.area}`] as const),
    ...r.areaAsbPartialMonths.map((p) => [p, 'ASB incidents', ` for ${config.partnership.area}`] as const),
  ];
  for (const [p, unit, forArea] of partials) {
    out.push({
      message: `${monthLabel(p.month)} looks partially published${forArea}: ${partialShare(p, unit)}`,
      where,
      hint: 'figures that include this month are compared on the months both windows have; check for a corrected download',
    });
  }
  if (r.missingMonths.length > 0) {
    out.push({
      message: `${counted(r.missingMonths.length, 'month')} missing between ${r.months[0]} and ${r.months.at(-1)}: ${r.missingMonths.join(', ')}`,
      where,
      hint: 'windows and series that include these months count them as zero; add the missing files',
    });
  }
  if (r.unmappedCategories.length > 0 && config.themes.length > 0) {
    const rows = r.categories.filter((c) => c.themes.length === 0).reduce((a, c) => a + c.rows, 0);
    out.push({
      message: `${counted(r.unmappedCategories.length, 'category', 'categories')} ${agreeing(r.unmappedCategories.length, 'is', 'are')} not in any theme (${counted(rows, 'row')}, ${pct(rows)}): ${r.unmappedCategories.join(', ')}`,
      where,
      hint:
        r.kind === 'police-uk-street'
          ? 'these rows still count in all crime (except ASB) but in no theme; add them to a theme in csp.yaml if they matter'
          : 'these rows count in no theme; add them to a theme in csp.yaml if they matter',
    });
  }
  const outside = r.outsideForce.reduce((a, d) => a + d.rows, 0);
  if (outside > 0) {
    out.push({
      message: `${counted(outside, 'row')} (${pct(outside)}) ${agreeing(outside, 'is', 'are')} in districts outside geography.districts: ${r.outsideForce.map((d) => `${d.district} (${n(d.rows)})`).join(', ')}`,
      where,
      hint: 'they are left out of every district figure and the force average; list a district in geography.districts if it belongs to the force',
    });
  }
  for (const d of r.renamedDistricts) {
    out.push({
      message: `${d.to} appears under its old name ${d.from} in ${d.firstMonth === d.lastMonth ? d.firstMonth : `${d.firstMonth} to ${d.lastMonth}`} (${counted(d.rows, 'row')})`,
      where,
      hint: `they are counted under ${d.to} (alias in geography.districts), so its series is continuous; counts by LSOA name change at the rename`,
    });
  }
  if (r.boundaryChanges) {
    const b = r.boundaryChanges;
    out.push({
      message: `${counted(b.appeared, 'LSOA code')} ${agreeing(b.appeared, 'starts', 'start')} and ${n(b.disappeared)} ${agreeing(b.disappeared, 'stops', 'stop')} part-way through the months, e.g. ${b.examples.join('; ')}: the LSOA boundaries changed`,
      where,
      hint: 'district figures are unaffected; counts by LSOA (hotspots) are not comparable across the change',
    });
  }
  for (const c of r.categoryChanges) {
    out.push({
      message: `category "${c.category}" is only present from ${c.firstMonth} to ${c.lastMonth}, not across all of ${r.months[0]} to ${r.months.at(-1)}`,
      where,
      hint: 'a category was renamed or split: map the old and new names to the same theme so its series stays comparable',
    });
  }
  out.push(...placementWarnings(config, r));
  if (r.repeatedAreas) {
    const a = r.repeatedAreas;
    const named = a.codesWithTwoNames.map((c) => `${c.code} as ${c.names.map((x) => `"${x}"`).join(' and ')}`);
    out.push({
      message: [
        a.keys > 0
          ? `${counted(a.keys, 'area')} ${agreeing(a.keys, 'appears', 'appear')} more than once for the same period and category (${counted(a.rows, 'row')}), e.g. ${a.examples.join('; ')}`
          : '',
        named.length > 0
          ? `${counted(named.length, 'area code')} ${agreeing(named.length, 'is', 'are')} given under two names: ${named.slice(0, 3).join('; ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
      where,
      hint: 'each of those rows is counted, so such an area counts twice: if the return lists an area twice by mistake (or by an old and a new name), remove the extra rows',
    });
  }
  if (r.noLocation > 0) {
    out.push({
      message: `${counted(r.noLocation, 'row')} (${pct(r.noLocation)}) ${agreeing(r.noLocation, 'has', 'have')} no location (empty LSOA)`,
      where,
      // How short: the worst month's share, as the assessment's finding says it.
      hint: `they count in no district, so every district's figures are short by up to ${Math.max(...r.noLocationByMonth.map((m) => m.sharePct)).toFixed(1)}% in a month, against the force total`,
    });
  }
  if (r.rowsRejected > 0) {
    out.push({
      message: `${n(r.rowsRejected)} of ${counted(r.rowsRead, 'row')} rejected: ${r.rejects.map((x) => `${n(x.rows)} ${x.reason}`).join('; ')}`,
      where,
      hint: 'rejected rows are left out of every figure; the reject list shows file and line',
    });
  }
  return out;
}

/** What validate says of where a partner's rows were placed: other districts' rows are not the partnership's. */
function placementWarnings(config: Config, r: SourceReport): Problem[] {
  const p = r.placement;
  if (!p) return [];
  const where = { key: `sources.${r.id}` };
  const rows = (x: { rows: number; incidents: number }) =>
    r.kind === 'counts' ? `${counted(x.rows, 'row')} (${counted(x.incidents, 'incident')})` : counted(x.rows, 'row');
  const are = (x: { rows: number }) => agreeing(x.rows, 'is', 'are');
  const list = (ds: { district: string; incidents: number }[]) => ds.map((d) => `${d.district} ${n(d.incidents)}`).join(', ');
  const out: Problem[] = [];
  if (p.otherDistricts.length > 0) {
    const other = p.otherDistricts.reduce((s, d) => ({ rows: s.rows + d.rows, incidents: s.incidents + d.incidents }), { rows: 0, incidents: 0 });
    out.push({
      message: `${rows(other)} ${are(other)} in other districts of the force (${list(p.otherDistricts)}); ${rows(p.area)} ${are(p.area)} in ${config.partnership.area}`,
      where,
      hint: `only ${config.partnership.area}'s rows count in its figures; the other districts are its comparators (rates and rank)`,
    });
  }
  if (p.outsideForce.length > 0) {
    const outside = p.outsideForce.reduce((s, d) => ({ rows: s.rows + d.rows, incidents: s.incidents + d.incidents }), { rows: 0, incidents: 0 });
    out.push({
      message: `${rows(outside)} ${agreeing(outside.rows, 'names', 'name')} a district that is not in geography.districts: ${list(p.outsideForce)}`,
      where,
      hint: "they count in no figure; if a name is a district of the force spelt another way, add it to that district's aliases in geography.districts",
    });
  }
  if (p.unplaced.rows > 0) {
    out.push({
      message: `${rows(p.unplaced)} ${agreeing(p.unplaced.rows, 'has', 'have')} an area that csp cannot place in any district, e.g. ${p.unplaced.examples.map((e) => `"${e}"`).join(', ')}`,
      where,
      hint: "they count in no figure: give the source a district column (columns.district), list the area's wards in geography.wards, or use LSOA codes or names that the police files name",
    });
  }
  return out;
}
