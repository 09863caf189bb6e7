// How long the maps of issue 24 take to draw for the sample workspace (Thanet): not a test, a
// measurement (`npm run build && node scripts/maps-timing.mjs`). Reads the real boundary files
// of test/fixtures/boundaries/ and the sample's police files, then times each step and each map
// the assessment and the plan would draw, and prints their sizes. The police rows are summed
// here in JavaScript, before the clock starts: in `assess` DuckDB does that part. The first map
// drawn also pays for compiling d3-geo's code (about 100 ms of the first choropleth).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readBoundaryFile } from '../dist/ingest/boundaries/index.js';
import { areaFinder, bestFitWards, hotspotsOverTime, matchLsoaCodes, matchWardNames, placeName } from '../dist/analyse/maps/index.js';
import { drawChoropleth, drawDensity, drawHotspotMap, oglAttribution } from '../dist/render/maps/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures/boundaries');

/** The sample's Thanet rows of a year: by LSOA and category, and by point. */
function police(year) {
  const byLsoa = new Map();
  const points = new Map();
  for (let m = 1; m <= 12; m++) {
    const text = gunzipSync(readFileSync(path.join(root, 'data-samples/police', `${year}-${String(m).padStart(2, '0')}-kent-street.csv.gz`))).toString('utf8');
    for (const line of text.split('\n')) {
      const c = line.split(',');
      if (!c[8]?.startsWith('Thanet ')) continue;
      const a = byLsoa.get(c[7]) ?? { name: c[8], byCategory: new Map(), rows: 0 };
      a.rows++;
      a.byCategory.set(c[9], (a.byCategory.get(c[9]) ?? 0) + 1);
      byLsoa.set(c[7], a);
      const key = `${c[4]},${c[5]}`;
      const p = points.get(key) ?? { lon: Number(c[4]), lat: Number(c[5]), count: 0, code: c[7] };
      p.count++;
      points.set(key, p);
    }
  }
  return { byLsoa, points: [...points.values()] };
}

const data = { 2025: police(2025), 2024: police(2024), 2023: police(2023) };
const population = new Map(
  readFileSync(path.join(root, 'data-samples/population/population-by-lsoa.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => [c[0], Number(c[3])]),
);
const fires = readFileSync(path.join(root, 'data-samples/fire/deliberate-fires-by-ward.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .filter((c) => c[0].startsWith('2025'))
  .map((c) => ({ ward: c[1], count: Number(c[3]) }));
// Four themes of the sample's csp.yaml (the ranking recommends four), by police category.
const themes = {
  'all crime': (cat) => cat !== 'Anti-social behaviour',
  'Anti-social behaviour': (cat) => cat === 'Anti-social behaviour',
  'Violence and sexual offences': (cat) => cat === 'Violence and sexual offences',
  Drugs: (cat) => cat === 'Drugs',
  'Acquisitive crime': (cat) => ['Burglary', 'Vehicle crime', 'Other theft', 'Bicycle theft', 'Theft from the person'].includes(cat),
};
const sum = (a, keep) => [...(a?.byCategory ?? [])].reduce((s, [cat, n]) => s + (keep(cat) ? n : 0), 0);

const times = [];
const sizes = [];
const time = (label, run) => {
  const t = performance.now();
  const out = run();
  times.push([label, performance.now() - t]);
  if (out?.svg) sizes.push([label, out.svg.length]);
  return out;
};

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const read = (file, level) => readBoundaryFile(path.join(fixtures, file), { level, where: { file, key: `geography.boundaries.${level}` } });
const lsoa21 = time('read lsoa-E07000114.geojson (86 LSOAs, 2021)', () => read('lsoa-E07000114.geojson', 'lsoa'));
const lsoa11 = time('read lsoa11-E07000114.geojson (84 LSOAs, 2011)', () => read('lsoa11-E07000114.geojson', 'lsoa'));
const wards = time('read ward-E07000114.geojson (23 wards, 2025)', () => read('ward-E07000114.geojson', 'ward'));
const fits = time('best-fit ward of each LSOA', () => bestFitWards(lsoa21.areas, wards.areas));
const places = new Map(lsoa21.areas.map((a) => [a.code, placeName(a.name, fits.get(a.code)?.wardName)]));
time('police LSOA codes against 2011 and 2021', () =>
  matchLsoaCodes(
    [...data[2025].byLsoa].map(([code, a]) => ({ code, name: a.name, rows: a.rows })),
    [lsoa21, lsoa11],
  ),
);
for (const [theme, keep] of Object.entries(themes)) {
  time(`choropleth by LSOA: ${theme}`, () =>
    drawChoropleth({
      id: `map-${theme}`,
      title: `${theme} by LSOA`,
      areas: lsoa21.areas,
      figures: new Map(
        lsoa21.areas.map((a) => {
          const n = sum(data[2025].byLsoa.get(a.code), keep);
          const pop = population.get(a.name);
          return [a.code, { value: pop ? (1000 * n) / pop : null, count: n }];
        }),
      ),
      places,
      areaWord: 'LSOAs',
      measure: { label: `${theme} per 1,000 residents, January to December 2025`, decimals: 1 },
      noFigure: 'no population figure',
      attribution: oglAttribution(lsoa21.year),
    }),
  );
}
const byWard = (counts) => new Map(wards.areas.map((a) => [a.code, { value: counts.get(a.code) ?? 0, count: counts.get(a.code) ?? 0 }]));
time('choropleth by ward: deliberate fires', () =>
  drawChoropleth({
    id: 'map-fire',
    title: 'Deliberate fires by ward',
    areas: wards.areas,
    figures: byWard(matchWardNames(fires, wards.areas).byCode),
    areaWord: 'wards',
    measure: { label: 'Deliberate fires, January to December 2025', decimals: 0 },
    attribution: oglAttribution(wards.year),
  }),
);
const crimeByWard = new Map();
for (const [code, a] of data[2025].byLsoa) {
  const w = fits.get(code)?.ward;
  if (w) crimeByWard.set(w, (crimeByWard.get(w) ?? 0) + sum(a, themes['all crime']));
}
time('choropleth by ward: all crime (the public plan)', () =>
  drawChoropleth({
    id: 'plan-map',
    title: 'Crime by ward',
    areas: wards.areas,
    figures: byWard(crimeByWard),
    areaWord: 'wards',
    measure: { label: 'Crimes, January to December 2025', decimals: 0 },
    suppressBelow: 5,
    attribution: oglAttribution(wards.year),
  }),
);
const find = areaFinder(lsoa21.areas);
time('density: hexagons of 250 m over the police points', () =>
  drawDensity({
    id: 'map-density',
    title: 'Density',
    points: data[2025].points.map((p) => ({ ...p, place: places.get(p.code) })),
    areas: wards.areas,
    measure: 'Crimes and ASB, January to December 2025',
    placeAt: (lon, lat) => places.get(find(lon, lat)?.code),
    attribution: oglAttribution(wards.year),
  }),
);
const hotspots = time('hotspots over time: classes', () =>
  hotspotsOverTime(
    lsoa21.areas.map((a) => a.code),
    [2025, 2024, 2023].map((y) => new Map([...data[y].byLsoa].map(([code, a]) => [code, sum(a, themes['all crime'])]))),
  ),
);
time('hotspots over time: map', () =>
  drawHotspotMap({
    id: 'map-hotspots',
    title: 'Hotspots over time',
    areas: lsoa21.areas,
    hotspots,
    places,
    areaWord: 'LSOAs',
    windowLabels: ['2025', '2024', '2023'],
    measure: 'crime',
    attribution: oglAttribution(lsoa21.year),
  }),
);
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

const ms = (x) => `${x.toFixed(0).padStart(5)} ms`;
for (const [label, t] of times) process.stdout.write(`${ms(t)}  ${label}\n`);
process.stdout.write(
  `${ms(total)}  in all (target: under 1 s); CPU time of all threads (garbage collection too) ${ms((cpu.user + cpu.system) / 1000).trim()}\n\n`,
);
for (const [label, bytes] of sizes) process.stdout.write(`${(bytes / 1024).toFixed(1).padStart(6)} KB  ${label}\n`);
