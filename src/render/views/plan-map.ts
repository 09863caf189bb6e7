import type { Assessment } from '../../analyse/assessment-schema.js';
import type { BoundaryLayer } from '../../ingest/boundaries/index.js';
import { count } from '../../core/words.js';
import { drawChoropleth, type AreaFigure } from '../maps/index.js';
import { figure, table, type FigureView } from './common.js';

export interface PublicWardMapOptions {
  /** The ward boundary file the assessment's maps were drawn with, read by render-plan. */
  wards: BoundaryLayer;
  /** Whether the plan gives its totals to the nearest 10 (a sensitive count is suppressed). */
  rounded: boolean;
  /** output.suppressBelow: a ward with 1 to this minus 1 crimes is shown as "fewer than N". */
  suppressBelow: number;
}

interface WardTotal {
  code: string;
  name: string;
  crimes: number;
  /** From the population source's ward rows (the ward's own estimate); null without one. */
  population: number | null;
}

/**
 * Every LSOA's crimes in the current window added up by the ward it falls in (its best fit,
 * which the assessment gives), with the ward's population: wards are what councillors and residents know, and the plan
 * publishes no finer geography than them.
 */
export function wardTotals(a: Assessment): WardTotal[] | null {
  const maps = a.maps;
  const all = maps?.byLsoa.find((f) => f.figure === 'allCrime');
  if (!maps || !all) return null;
  const lsoa = new Map(maps.lsoas.map((l) => [l.code, l]));
  const by = new Map<string, WardTotal>(maps.wards.map((w) => [w.code, { code: w.code, name: w.name ?? w.code, crimes: 0, population: w.population ?? null }]));
  for (const x of all.areas) {
    const w = by.get(lsoa.get(x.code)?.ward ?? '');
    if (w) w.crimes += x.count;
  }
  return [...by.values()];
}

/**
 * The plan's one public map: all crime by ward in the current window, per 1,000 residents where
 * every ward has a population (else counts, said in the legend). Disclosure as in the plan's
 * tables: when the plan gives its total to the nearest 10, so does every ward (and rates are of
 * the rounded counts), so that no sum of published figures reveals a suppressed one; a ward of
 * fewer than output.suppressBelow crimes is shown as "fewer than N".
 */
export function publicWardMap(a: Assessment, o: PublicWardMapOptions): FigureView | null {
  const totals = wardTotals(a);
  if (!a.maps || !totals || totals.length === 0) return null;
  const wanted = new Set(totals.map((w) => w.code));
  const areas = o.wards.areas.filter((w) => wanted.has(w.code));
  if (areas.length === 0) return null;
  const shown = (n: number) => (o.rounded ? Math.round(n / 10) * 10 : n);
  const rated = totals.every((w) => w.population !== null && w.population > 0);
  const window = a.period.label;
  const figures = new Map<string, AreaFigure>(
    totals.map((w) => [w.code, { value: rated ? (shown(w.crimes) * 1000) / w.population! : shown(w.crimes), count: w.crimes }]),
  );
  const mapped = totals.reduce((s, w) => s + w.crimes, 0);
  // What a councillor adds up: the wards' column against the plan's total, and why they may differ.
  const total = a.allCrime.current;
  const rest = total - mapped;
  const sum = o.rounded
    ? `Each ward's count is rounded to the nearest 10, as is the total of about ${count(shown(total))}: they may not add up to it`
    : rest === 0
      ? `The ${count(totals.length)} wards add up to all ${count(total)} crimes recorded in ${a.area.name}`
      : `The ${count(totals.length)} wards add up to ${count(mapped)} of the ${count(total)} crimes recorded in ${a.area.name}; the other ${count(rest)} were recorded with no location in a ward of the map`;
  const notes = [
    // Police data come by LSOA, not by ward: each LSOA is counted in one ward, as the tables name it.
    'Each LSOA is counted in the one ward that holds its centre, or most of it',
    rated ? null : 'Not every ward has a population figure: counts are shown',
    sum,
  ].filter((x): x is string => x !== null);
  const drawn = drawChoropleth({
    id: 'map-plan-wards',
    title: `Crimes recorded by ward${rated ? ', per 1,000 residents' : ''}, ${window}`,
    areas,
    attribution: a.maps.attribution,
    figures,
    areaWord: 'wards',
    measure: { label: rated ? `Crimes per 1,000 residents, ${window}` : `Crimes recorded, ${window}`, decimals: rated ? 1 : 0 },
    noFigure: 'no figure',
    note: `${notes.join('. ')}.`,
    suppressBelow: o.suppressBelow,
  });
  const byCode = new Map(totals.map((w) => [w.code, w]));
  const fewer = `fewer than ${o.suppressBelow}`;
  const crimesOf = (w: WardTotal) => (w.crimes > 0 && w.crimes < o.suppressBelow ? fewer : count(shown(w.crimes)));
  const view = figure(
    { id: drawn.id, title: drawn.title, description: drawn.description, svg: drawn.svg },
    table(
      `Crimes recorded by ward, ${window}`,
      ['Ward', ['Crimes', 'num'], ...(rated ? [['Per 1,000 residents', 'num'] as [string, 'num']] : [])],
      drawn.rows.map((r) => {
        const w = byCode.get(r.code)!;
        // The rate as the map prints it (hidden where the count is).
        return [r.place, crimesOf(w), ...(rated ? [r.shown] : [])];
      }),
    ),
  );
  return view;
}
