import type { Assessment } from '../../analyse/assessment-schema.js';
import type { HotspotsOverTime } from '../../analyse/maps/hotspots-over-time.js';
import type { BoundaryArea, Boundaries } from '../../ingest/boundaries/index.js';
import { periodLabel } from '../../core/calendar/periods.js';
import { count, pct2, upperFirst } from '../../core/words.js';
import { drawChoropleth, drawHotspotMap, type AreaFigure, type DrawnMap } from '../maps/index.js';
import { table, type FigureView } from './common.js';

/** A map as a document prints it: like a chart (SVG, caption, table); the SVG prints the attribution under the map. */
export type MapFigureView = FigureView;

type Maps = NonNullable<Assessment['maps']>;

/** The areas of a boundary layer that the maps section lists, in its order. */
function areasOf(layers: Boundaries['lsoa'], file: string | null, codes: readonly string[]): BoundaryArea[] {
  const layer = layers.find((l) => l.file === file);
  if (!layer) return [];
  const wanted = new Set(codes);
  return layer.areas.filter((a) => wanted.has(a.code));
}

const asFigure = (m: DrawnMap, data: FigureView['table']): MapFigureView => ({ id: m.id, title: m.title, description: m.description, svg: m.svg, table: data });

/** The maps drawn from an assessment's `maps` section with the boundary files: each null when it cannot be drawn. */
/** `publicName`: what a source counts in words (csp.yaml's sources.*.publicName), for the maps by ward. */
export function mapViews(a: Assessment, boundaries: Boundaries | null | undefined, publicName: (source: string) => string | undefined = () => undefined) {
  const maps = a.maps;
  if (!maps || !boundaries) return null;
  const lsoas = areasOf(
    boundaries.lsoa,
    maps.lsoaFile,
    maps.lsoas.map((l) => l.code),
  );
  const wards = areasOf(
    boundaries.ward,
    maps.wardFile,
    maps.wards.map((w) => w.code),
  );
  const places = new Map(maps.lsoas.map((l) => [l.code, l.place]));
  const window = a.period.label;

  const lsoaMap = (figure: string, name: string): MapFigureView | null => {
    const f = maps.byLsoa.find((x) => x.figure === figure);
    if (!f || lsoas.length === 0) return null;
    const rated = f.areas.some((x) => x.ratePer1000 !== null);
    const figures = new Map<string, AreaFigure>(f.areas.map((x) => [x.code, { value: rated ? x.ratePer1000 : x.count, count: x.count }]));
    const label = rated ? `${name} per 1,000 residents, ${window}` : `${name}, ${window}`;
    const drawn = drawChoropleth({
      id: `map-${figure}-lsoa`,
      title: `${name} by LSOA${rated ? ', per 1,000 residents' : ''}, ${window}`,
      areas: lsoas,
      attribution: maps.attribution,
      figures,
      places,
      areaWord: 'LSOAs',
      measure: { label, decimals: rated ? 1 : 0 },
      noFigure: rated ? 'no population figure' : 'no figure',
      note: rated ? undefined : 'No population figures for these LSOAs: counts are shown',
    });
    const byCode = new Map(f.areas.map((x) => [x.code, x]));
    return asFigure(
      drawn,
      table(
        `${name} by LSOA, ${window}`,
        ['LSOA', ['Count', 'num'], ['Per 1,000 residents', 'num'], 'Class'],
        drawn.rows.map((r) => [r.place, count(byCode.get(r.code)?.count ?? 0), rated ? r.shown : '–', r.legend]),
      ),
    );
  };

  const wardMaps = maps.byWard
    .filter(() => wards.length > 0)
    .map((f) => {
      // What is counted, in the reader's words: "complaints to the council", not the system's name.
      const what = publicName(f.source) ?? a.sources.find((s) => s.id === f.source)?.description ?? f.source;
      const drawn = drawChoropleth({
        id: `map-${f.figure}-${f.source}-ward`,
        title: `${f.name} by ward: ${what}, ${window}`,
        areas: wards,
        attribution: maps.attribution,
        figures: new Map(f.areas.map((x) => [x.code, { value: x.count, count: x.count }])),
        areaWord: 'wards',
        measure: { label: `${upperFirst(what)}, ${window}`, decimals: 0 },
        note: f.unmatched.length > 0 ? `${count(f.unmatched.reduce((s, x) => s + x.count, 0))} rows name wards not in the boundary file` : undefined,
      });
      return {
        figure: f.figure,
        map: asFigure(
          drawn,
          table(
            `${f.name} by ward: ${what}, ${window}`,
            ['Ward', ['Count', 'num'], 'Class'],
            drawn.rows.map((r) => [r.place, r.shown, r.legend]),
          ),
        ),
      };
    });

  let hotspots: MapFigureView | null = null;
  const h = maps.hotspotsOverTime;
  if (h && lsoas.length > 0) {
    const labels = h.spans.map((s) => periodLabel(s.start, s.end));
    const drawn = drawHotspotMap({
      id: 'map-hotspots-over-time',
      title: `Hotspots of all crime over time by LSOA, ${labels.join(', ')}`,
      areas: lsoas,
      attribution: maps.attribution,
      hotspots: h as HotspotsOverTime,
      places,
      areaWord: 'LSOAs',
      windowLabels: labels,
      measure: 'all crime',
    });
    const byCode = new Map(h.areas.map((x) => [x.area, x]));
    const shown = drawn.rows.filter((r) => byCode.get(r.code)?.class !== 'none');
    hotspots = asFigure(
      drawn,
      table(
        `Hotspots over time: the LSOAs that were hotspots of all crime in any window (a share of at least ${pct2(h.thresholdPct)} of the area's crimes in the window and at least ${count(h.rule.minCount)} crimes; "hotspot" marks the windows it was one in)`,
        ['LSOA', 'Class', ...labels.map((l): [string, 'num'] => [`Share, ${l}`, 'num'])],
        shown.map((r) => {
          const t = byCode.get(r.code)!;
          return [
            r.place,
            t.class,
            ...t.windows.slice(0, h.windows).map((w) => (w ? `${pct2(w.sharePct)} (${count(w.count)})${w.hotspot ? ', hotspot' : ''}` : '–')),
          ];
        }),
      ),
    );
  }
  return { lsoaMap, wardMaps, hotspots };
}

export type MapViews = NonNullable<ReturnType<typeof mapViews>>;
export type { Maps };
