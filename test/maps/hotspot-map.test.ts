import { describe, expect, it } from 'vitest';
import { bestFitWards, hotspotsOverTime, placeName, type HotspotsOverTime } from '../../src/analyse/maps/index.js';
import { drawHotspotMap, oglAttribution } from '../../src/render/maps/index.js';
import { FILES, layer, monthsOf, pathsOf, samplePolice, xmlProblems } from './helpers.js';

let cached: HotspotsOverTime | undefined;
/** The sample's crimes (not ASB) by LSOA in 2025, 2024 and 2023, classed over the three windows. */
function sampleHotspots(): HotspotsOverTime {
  if (cached) return cached;
  const windows = [2025, 2024, 2023].map((y) => new Map([...samplePolice(monthsOf(y)).lsoas].map(([code, a]) => [code, a.crimes])));
  return (cached = hotspotsOverTime(
    layer(FILES.thanetLsoa21, 'lsoa').areas.map((a) => a.code),
    windows,
  )!);
}

describe('the map of hotspots over time, on the sample', () => {
  it('each LSOA filled by its class, each hotspot lettered P, E or F, the legend naming only the classes present', () => {
    const h = sampleHotspots();
    const lsoas = layer(FILES.thanetLsoa21, 'lsoa').areas;
    const fits = bestFitWards(lsoas, layer(FILES.thanetWards, 'ward').areas);
    const map = drawHotspotMap({
      id: 'map-hotspots',
      title: 'Hotspots of crime over time',
      areas: lsoas,
      hotspots: h,
      places: new Map(lsoas.map((a) => [a.code, placeName(a.name!, fits.get(a.code)?.wardName)])),
      areaWord: 'LSOAs',
      windowLabels: ['January to December 2025', 'January to December 2024', 'January to December 2023'],
      measure: 'crime',
      attribution: oglAttribution(2021),
    });
    expect(h.windows).toBe(3);
    const byClass = (c: string) => h.areas.filter((a) => a.class === c).map((a) => a.area);
    const colour = { persistent: '#b2182b', emerging: '#ef8a62', former: '#67a9cf', none: '#f7f7f7' } as const;
    const paths = pathsOf(map.svg);
    expect(paths.size).toBe(86);
    for (const t of h.areas) expect(paths.get(t.area)!.fill, t.area).toBe(colour[t.class]);
    const letters = [...map.svg.matchAll(/paint-order="stroke">([PEF])<\/text>/g)].map((m) => m[1]);
    expect(letters.filter((l) => l === 'P')).toHaveLength(byClass('persistent').length);
    expect(letters.filter((l) => l === 'E')).toHaveLength(byClass('emerging').length);
    expect(letters.filter((l) => l === 'F')).toHaveLength(byClass('former').length);
    expect(byClass('persistent').length).toBeGreaterThan(0);
    expect(map.legend.map((l) => l.label).at(-1)).toBe('not a hotspot');
    expect(map.description).toMatch(
      /^Map of 86 LSOAs classed as hotspots of crime over time, comparing January to December 2025, January to December 2024 and January to December 2023: \d+ persistent \(Thanet /,
    );
    expect(map.description).toContain("A hotspot in a window has at least 2.33% of the area's crimes in that window and at least 10 incidents.");
    expect(map.rows.filter((r) => r.rank !== null)).toHaveLength(86 - byClass('none').length);
    expect(xmlProblems(map.svg)).toEqual([]);
  });
});
