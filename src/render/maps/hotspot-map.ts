import { andList, pct2 } from '../../core/words.js';
import type { HotspotClass, HotspotsOverTime } from '../../analyse/maps/hotspots-over-time.js';
import type { BoundaryArea } from '../../ingest/boundaries/index.js';
import { drawAreaMap, type AreaMapOptions, type DrawnMap, type MapTableRow } from './area-map.js';
import { patterns, type LegendItem } from './legend.js';

/**
 * ColorBrewer's RdBu (diverging, colour-blind safe): reds for hotspots now, the darker for
 * persistent, blue for former, near-white for none. Each class also carries its letter on the
 * map, so that colour is not the only way to tell them apart.
 */
const LOOK: Record<HotspotClass, { colour: string; letter: string; words: string }> = {
  persistent: { colour: '#b2182b', letter: 'P', words: 'persistent (P): a hotspot now and before' },
  emerging: { colour: '#ef8a62', letter: 'E', words: 'emerging (E): a hotspot now, not before' },
  former: { colour: '#67a9cf', letter: 'F', words: 'former (F): a hotspot before, not now' },
  none: { colour: '#f7f7f7', letter: '', words: 'not a hotspot' },
};
const ORDER: HotspotClass[] = ['persistent', 'emerging', 'former', 'none'];

export interface HotspotMapOptions extends AreaMapOptions {
  /** The classes, by the same codes as the areas (hotspotsOverTime run over area codes). */
  hotspots: HotspotsOverTime;
  places?: ReadonlyMap<string, string>;
  areaWord: string;
  /** The windows compared, current first, as the documents name them: "January to December 2025". */
  windowLabels: readonly string[];
  /** What is counted: "all crime". */
  measure: string;
}

/** The areas classed as persistent, emerging and former hotspots, or none, each class with its colour and letter. */
export function drawHotspotMap(o: HotspotMapOptions): DrawnMap {
  const byCode = new Map(o.hotspots.areas.map((t) => [t.area, t]));
  const place = (a: BoundaryArea) => o.places?.get(a.code) ?? a.name ?? a.code;
  const pat = patterns(o.id);
  const used = o.windowLabels.slice(0, o.hotspots.windows);
  const rows: MapTableRow[] = o.areas.map((a) => {
    const t = byCode.get(a.code);
    return {
      code: a.code,
      place: place(a),
      value: t?.windows[0]?.sharePct ?? null,
      shown: t ? t.class : 'no figure',
      legend: t ? LOOK[t.class].words : 'no figure',
      rank: null,
    };
  });
  rows.sort(
    (a, b) =>
      ORDER.indexOf(byCode.get(a.code)?.class ?? 'none') - ORDER.indexOf(byCode.get(b.code)?.class ?? 'none') ||
      (b.value ?? -1) - (a.value ?? -1) ||
      (a.place < b.place ? -1 : 1),
  );
  rows.forEach((r, i) => (r.rank = byCode.get(r.code) && byCode.get(r.code)!.class !== 'none' ? i + 1 : null));
  const counts = new Map(ORDER.map((c) => [c, o.areas.filter((a) => byCode.get(a.code)?.class === c)]));
  const items: LegendItem[] = ORDER.filter((c) => c === 'none' || counts.get(c)!.length > 0).map((c) => ({ fill: LOOK[c].colour, label: LOOK[c].words }));
  if (rows.some((r) => r.shown === 'no figure')) items.push({ fill: pat.noFigure, label: 'no figure' });
  const named = (c: HotspotClass) => {
    const xs = counts.get(c)!;
    const names = xs.slice(0, 6).map(place);
    return `${xs.length} ${c}${xs.length > 0 ? ` (${andList(xs.length > 6 ? [...names, `${xs.length - 6} more`] : names)})` : ''}`;
  };
  const description =
    `Map of ${o.areas.length} ${o.areaWord} classed as hotspots of ${o.measure} over time, comparing ${andList(used)}: ` +
    `${named('persistent')}; ${named('emerging')}; ${named('former')}. A hotspot in a window has at least ${pct2(o.hotspots.thresholdPct)} ` +
    `of the area's crimes in that window and at least ${o.hotspots.rule.minCount} incidents. The table after the map gives every area.`;
  const svg = drawAreaMap(
    { ...o, defs: pat.defs, description },
    {
      fill: (code) => (byCode.get(code) ? LOOK[byCode.get(code)!.class].colour : pat.noFigure),
      numbered: [],
      lettered: o.areas.flatMap((area) => {
        const c = byCode.get(area.code)?.class;
        return c && c !== 'none' ? [{ area, text: LOOK[c].letter }] : [];
      }),
      legend: {
        title: `Hotspots of ${o.measure}: ${andList(used)}`,
        items,
        note: `A hotspot in a window has at least ${pct2(o.hotspots.thresholdPct)} of the area's count (${o.hotspots.rule.factor} times the average ${o.areaWord.replace(/s$/, '')}'s share) and at least ${o.hotspots.rule.minCount} incidents.`,
        key: [],
      },
    },
  );
  return { id: o.id, title: o.title, description, svg, legend: items, rows };
}
