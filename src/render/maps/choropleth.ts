import type { BoundaryArea } from '../../ingest/boundaries/index.js';
import { drawAreaMap, type AreaMapOptions, type DrawnMap, type MapTableRow } from './area-map.js';
import { quantileClasses } from './classes.js';
import { patterns, type LegendItem } from './legend.js';
import { lowerFirst } from './svg.js';
import { andList } from '../../core/words.js';

/** An area's figure: the value mapped (a rate or a count), and the count behind it, for disclosure control. */
export interface AreaFigure {
  value: number | null;
  count?: number;
}

export interface ChoroplethOptions extends AreaMapOptions {
  /** By area code; an area without one (or with a null value) is drawn hatched as "no figure". */
  figures: ReadonlyMap<string, AreaFigure>;
  /** By area code, the area as the tables name it: "Thanet 001A (Cliftonville West)"; default its name in the file, or its code. */
  places?: ReadonlyMap<string, string>;
  /** "LSOAs" or "wards", for the text alternative. */
  areaWord: string;
  /** What the value is, for the legend: "Crimes per 1,000 residents, January to December 2025"; 1 decimal for rates, 0 for counts. */
  measure: { label: string; decimals: 0 | 1 };
  /** What "no figure" means here, in the legend: "no population figure", "no return". */
  noFigure?: string;
  /** A line under the legend, e.g. "No population figures for these areas: counts are shown". */
  note?: string;
  /**
   * Public maps of sensitive themes: an area whose count is 1 to this minus 1 is drawn as
   * "fewer than N", its value hidden everywhere (map, key, text alternative, table), as the tables do.
   */
  suppressBelow?: number;
  /** How many of the highest areas are numbered on the map and named in its key (default 5). */
  top?: number;
}

/** A choropleth of areas by a figure: up to five quantile classes, a legend with their ranges, the top areas numbered and named. */
export function drawChoropleth(o: ChoroplethOptions): DrawnMap {
  const noFigure = o.noFigure ?? 'no figure';
  const fewer = `fewer than ${o.suppressBelow}`;
  const place = (a: BoundaryArea) => o.places?.get(a.code) ?? a.name ?? a.code;
  const hidden = (f: AreaFigure | undefined) => o.suppressBelow !== undefined && f?.count !== undefined && f.count > 0 && f.count < o.suppressBelow;
  const valueByCode = new Map(
    o.areas.map((a) => {
      const f = o.figures.get(a.code);
      return [a.code, !hidden(f) && typeof f?.value === 'number' && Number.isFinite(f.value) ? f.value : null];
    }),
  );
  const valueOf = (a: BoundaryArea): number | null => valueByCode.get(a.code) ?? null;
  const shown = o.areas.filter((a) => valueOf(a) !== null);
  const values = shown.map((a) => valueOf(a)!);
  const classes = quantileClasses(values, { decimals: o.measure.decimals });
  const pat = patterns(o.id);
  const ranked = [...shown].sort((a, b) => valueOf(b)! - valueOf(a)! || (place(a) < place(b) ? -1 : 1));
  const rankOf = new Map(ranked.map((a, i) => [a.code, i + 1]));
  // Worked out once an area: formatting a number the en-GB way is the slowest step of a map.
  const looks = new Map(
    o.areas.map((a) => {
      if (hidden(o.figures.get(a.code))) return [a.code, { fill: pat.hidden, legend: fewer, shown: fewer }];
      const v = valueOf(a);
      if (v === null) return [a.code, { fill: pat.noFigure, legend: noFigure, shown: '–' }];
      const c = classes.classes[classes.classOf(v)]!;
      return [a.code, { fill: c.colour, legend: c.label, shown: classes.format(v) }];
    }),
  );
  const look = (a: BoundaryArea) => looks.get(a.code)!;
  const rows = o.areas.map((a): MapTableRow => {
    const { legend, shown } = look(a);
    return { code: a.code, place: place(a), value: valueOf(a), shown, legend, rank: rankOf.get(a.code) ?? null };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.place < b.place ? -1 : 1));
  const items: LegendItem[] = classes.classes.map((c) => ({ fill: c.colour, label: c.label }));
  if (rows.some((r) => r.legend === noFigure)) items.push({ fill: pat.noFigure, label: noFigure });
  if (rows.some((r) => r.legend === fewer)) items.push({ fill: pat.hidden, label: fewer });
  const top = ranked.slice(0, o.top ?? 5);
  const key = top.map((a) => `${place(a)}: ${classes.format(valueOf(a)!)}`);

  const parts = [`Map of ${o.areas.length} ${o.areaWord} shaded by ${lowerFirst(o.measure.label)}`];
  if (values.length > 0) {
    const k = classes.classes.length;
    parts[0] += `, in ${k} ${k === 1 ? 'class' : 'classes'} from ${classes.format(Math.min(...values))} to ${classes.format(Math.max(...values))}.`;
    parts.push(`Highest: ${key.join('; ')}.`);
  } else parts[0] += ': no area has a figure.';
  // Named where they are few, so that a reader can find the hatched areas (and ask why).
  const without = rows.filter((r) => r.legend === noFigure);
  const none = without.length;
  if (none > 0) parts.push(`${none} ${none === 1 ? 'area has' : 'areas have'} ${noFigure}${none <= 8 ? `: ${andList(without.map((r) => r.place))}` : ''}.`);
  const hid = rows.filter((r) => r.legend === fewer).length;
  if (hid > 0) parts.push(`${hid} ${hid === 1 ? 'area has' : 'areas have'} ${fewer}, not shown.`);
  if (o.note) parts.push(o.note.endsWith('.') ? o.note : `${o.note}.`);
  parts.push('The table after the map gives every area.');
  const description = parts.join(' ');

  const byCode = new Map(o.areas.map((a) => [a.code, a]));
  const svg = drawAreaMap(
    { ...o, defs: pat.defs, description },
    { fill: (code) => look(byCode.get(code)!).fill, numbered: top, legend: { title: o.measure.label, items, note: o.note, key } },
  );
  return { id: o.id, title: o.title, description, svg, legend: items, rows };
}
