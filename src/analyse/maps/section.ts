import type { Config } from '../../config/load.js';
import { addMonths } from '../../core/calendar/months.js';
import type { Period } from '../../core/calendar/periods.js';
import { sqlString, type Database } from '../../ingest/database.js';
import type { BoundaryArea, Boundaries } from '../../ingest/boundaries/index.js';
import type { Assessment, Finding } from '../assessment-schema.js';
import { where, type MonthlyCounts, type Selection } from '../monthly.js';
import type { Populations } from '../population.js';
import { ratePer1000 } from '../rates.js';
import { lsoaCodeFindings, noBoundariesFinding } from './boundary-findings.js';
import { hotspotsOverTime } from './hotspots-over-time.js';
import { matchLsoaCodes, type LsoaCodeMatch } from './lsoa-codes.js';
import { bestFitWards, placeName } from './ward-fit.js';
import { matchWardNames } from './ward-names.js';

export type MapsSection = NonNullable<Assessment['maps']>;

/** A figure that may be mapped: all crime, or a theme's measure of one source. */
export interface MappedFigure {
  /** "allCrime" or the theme's id. */
  figure: string;
  name: string;
  selection: Selection;
}

export interface MapsInput {
  db: Database;
  config: Config;
  period: Period;
  counts: MonthlyCounts;
  populations: Populations;
  /** First month each source has data for: a window before it is not covered. */
  coverage: ReadonlyMap<string, { first: string; last: string }>;
  boundaries: Boundaries | null;
  /** All crime first, then each theme's measures. */
  figures: readonly MappedFigure[];
  /** Whether the density map can be drawn (the police rows have points): said in the finding without boundaries. */
  densityMap: boolean;
}

/** The default attribution of the ONS boundaries, with their year. */
export const oglText = (year: number | null): string =>
  `Contains OS data © Crown copyright and database right${year ? ` ${year}` : ''}. Source: Office for National Statistics licensed under the Open Government Licence v3.0.`;

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The figures the maps are drawn from (assessment.json `maps`): each LSOA of the partnership
 * with its best-fit ward and population; for all crime and each theme's police measure, every
 * LSOA's count and rate in the current window; the partners' figures by ward; hotspots over
 * time for all crime. Null without boundary files (a finding says what they would add).
 */
export async function mapsSection(o: MapsInput): Promise<{ maps: MapsSection | null; findings: Finding[] }> {
  const area = o.config.partnership.area;
  if (!o.boundaries) return { maps: null, findings: [noBoundariesFinding(area, { densityMap: o.densityMap })] };
  const findings: Finding[] = [];
  const policeSources = policeSourceIds(o.config);
  const lsoaFigures = o.figures.filter((f) => policeSources.includes(f.selection.source));

  // The LSOAs: the police codes of the area matched to the LSOA files.
  const { match, findings: codeFindings } = await matchPoliceLsoas(o.db, o.config, o.boundaries);
  findings.push(...codeFindings);
  let lsoas: BoundaryArea[] = [];
  if (match?.drawWith != null) {
    const shown = new Set(match.shownIn.values());
    const prefix = `${area.toLowerCase()} `;
    lsoas = o.boundaries.lsoa[match.drawWith]!.areas.filter((a) => shown.has(a.code) || (a.name ?? '').toLowerCase().startsWith(prefix));
  }
  const wardLayer = o.boundaries.ward[0] ?? null;
  const fits = wardLayer && lsoas.length > 0 ? bestFitWards(lsoas, wardLayer.areas) : new Map();
  const fitted = new Set([...fits.values()].map((f) => f.ward));
  const wards = wardLayer ? wardLayer.areas.filter((w) => fitted.size === 0 || fitted.has(w.code)) : [];

  /** Counts by drawn LSOA code of a selection in [start, end]. */
  const countsIn = async (s: Selection, start: string, end: string): Promise<Map<string, number>> => {
    const rows = await o.db.all<{ code: string; n: bigint }>(
      `SELECT area_code AS code, sum(n) AS n FROM incidents WHERE ${where(s)} AND district = ${sqlString(area)}
       AND area_code IS NOT NULL AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)} GROUP BY area_code`,
    );
    const out = new Map<string, number>();
    for (const r of rows) {
      const code = match?.shownIn.get(r.code);
      if (code) out.set(code, (out.get(code) ?? 0) + Number(r.n));
    }
    return out;
  };

  const population = (a: BoundaryArea) => areaPopulation(o.populations, 'lsoa', a);
  const lsoaRows: MapsSection['lsoas'] = lsoas.map((a) => {
    const fit = fits.get(a.code);
    return {
      code: a.code,
      name: a.name,
      ward: fit?.ward ?? null,
      wardName: fit?.wardName ?? null,
      place: placeName(a.name ?? a.code, fit?.wardName),
      population: population(a),
    };
  });

  const byLsoa: MapsSection['byLsoa'] = [];
  if (lsoas.length > 0) {
    for (const f of lsoaFigures) {
      const counts = await countsIn(f.selection, o.period.start, o.period.end);
      byLsoa.push({
        figure: f.figure,
        name: f.name,
        source: f.selection.source,
        areas: lsoaRows.map((l) => {
          const count = counts.get(l.code) ?? 0;
          return { code: l.code, count, ratePer1000: ratePer1000(count, l.population) };
        }),
      });
    }
  }

  // Partners' figures by ward (council ASB, fire): matched by code or name to the ward file.
  const byWard: MapsSection['byWard'] = [];
  if (wardLayer) {
    for (const f of o.figures) {
      const source = o.config.sources[f.selection.source];
      if (!source || !(source.kind === 'records' || source.kind === 'counts') || source.areaLevel !== 'ward') continue;
      const rows = o.counts.countsByArea(f.selection).map((r) => ({ ward: r.area, count: r.count }));
      const m = matchWardNames(rows, wardLayer.areas);
      byWard.push({
        figure: f.figure,
        name: f.name,
        source: f.selection.source,
        areas: wards.map((w) => ({ code: w.code, count: m.byCode.get(w.code) ?? 0 })),
        unmatched: m.unmatched,
      });
    }
  }

  // Hotspots over time for all crime: the current window, the previous one and the one before, where the data covers them.
  let trend: MapsSection['hotspotsOverTime'] = null;
  const all = o.figures[0];
  if (all && lsoas.length > 0 && policeSources.includes(all.selection.source)) {
    const months = o.config.period.months;
    const first = o.coverage.get(all.selection.source)?.first;
    const spans = [
      { start: o.period.start, end: o.period.end },
      { start: o.period.previousStart, end: o.period.previousEnd },
      { start: addMonths(o.period.previousStart, -months), end: addMonths(o.period.previousStart, -1) },
    ];
    const windows = await Promise.all(spans.map((w) => (first !== undefined && first <= w.start ? countsIn(all.selection, w.start, w.end) : null)));
    const h = hotspotsOverTime(
      lsoas.map((a) => a.code),
      windows,
    );
    if (h) trend = { ...h, figure: all.figure, spans: spans.slice(0, h.windows) };
  }

  return {
    maps: {
      attribution: o.boundaries.attribution ?? oglText(lsoaLayerYear(o.boundaries, match) ?? wardLayer?.year ?? null),
      lsoaFile: match?.drawWith != null ? o.boundaries.lsoa[match.drawWith]!.file : null,
      wardFile: wardLayer?.file ?? null,
      lsoas: lsoaRows.sort(byCode),
      wards: wards.map((w) => ({ code: w.code, name: w.name, population: areaPopulation(o.populations, 'ward', w) })),
      byLsoa,
      byWard,
      hotspotsOverTime: trend,
    },
    findings,
  };
}

const policeSourceIds = (config: Config) =>
  Object.entries(config.sources)
    .filter(([, s]) => s.kind === 'police-uk-street')
    .map(([id]) => id);

/**
 * The partnership area's LSOA codes in the police data matched against the LSOA boundary files,
 * with the findings of the match (a file of none of them, codes no file holds): null without
 * LSOA files or police sources. `csp validate` says the same findings before an assessment.
 */
export async function matchPoliceLsoas(db: Database, config: Config, boundaries: Boundaries): Promise<{ match: LsoaCodeMatch | null; findings: Finding[] }> {
  const area = config.partnership.area;
  const policeSources = policeSourceIds(config);
  if (boundaries.lsoa.length === 0 || policeSources.length === 0) return { match: null, findings: [] };
  const police = await db.all<{ code: string; name: string | null; rows: bigint }>(
    `SELECT area_code AS code, min(area_name) AS name, sum(n) AS rows FROM incidents
     WHERE source IN (${policeSources.map(sqlString).join(', ')}) AND district = ${sqlString(area)} AND area_code IS NOT NULL
     GROUP BY area_code ORDER BY area_code`,
  );
  const match = matchLsoaCodes(
    police.map((p) => ({ code: p.code, name: p.name, rows: Number(p.rows) })),
    boundaries.lsoa,
  );
  return { match, findings: lsoaCodeFindings(match, { source: policeSources[0]!, area }) };
}

/** An area's population from the population source's rows of its level, by code, else by name; null without one. */
const areaPopulation = (p: Populations, level: 'lsoa' | 'ward', a: BoundaryArea): number | null =>
  p.get(level, a.code)?.population ?? (a.name ? p.get(level, a.name)?.population : undefined) ?? null;

const lsoaLayerYear = (b: Boundaries, match: LsoaCodeMatch | null) => (match?.drawWith != null ? b.lsoa[match.drawWith]!.year : null);

/** Each row of a hotspot table named with its ward ("Thanet 001A (Cliftonville West)"), where the maps know the LSOA. */
export function placeOf(maps: MapsSection | null): (area: string) => string | undefined {
  if (!maps) return () => undefined;
  const byName = new Map(maps.lsoas.filter((l) => l.name).map((l) => [l.name!, l.place]));
  return (area) => byName.get(area);
}
